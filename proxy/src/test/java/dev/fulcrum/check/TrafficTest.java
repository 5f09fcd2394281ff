package dev.fulcrum.check;

import dev.fulcrum.runtime.Engine;
import dev.fulcrum.server.AdminState;
import dev.fulcrum.server.OperState;
import dev.fulcrum.server.Server;
import dev.fulcrum.testing.RawHttp;
import dev.fulcrum.testing.RunningEngine;
import dev.fulcrum.testing.TestBackend;
import dev.fulcrum.testing.TestResources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static dev.fulcrum.check.RiseFallTest.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What checks do to traffic, through a real engine: real backends take the
 * requests while separate probe servers (the servers' {@code port}) answer the
 * checks, so the test decides each server's health independently of its traffic.
 */
class TrafficTest {

    private final TestResources resources = new TestResources();

    @AfterEach
    void tearDown() throws Exception {
        resources.close();
    }

    private ProbeServer probe() throws Exception {
        return resources.add(ProbeServer.start(ProbeServer.text("")));
    }

    private Engine engine(String backend, Map<String, Object> vars, Events events) throws Exception {
        Map<String, Object> all = new HashMap<>(vars);
        int port = RunningEngine.freePort();
        all.put("FE", port);
        Engine e = Engines.start("""
                defaults
                    mode http
                    timeout connect 1s
                    timeout client 5s
                    timeout server 5s
                frontend fe
                    bind 127.0.0.1:${FE}
                    default_backend bk
                """ + backend, all, events);
        resources.add(e::close);
        return e;
    }

    private static Map<String, Integer> send(Engine e, int requests) throws Exception {
        int port = e.boundAddresses("fe").getFirst().getPort();
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < requests; i++) {
            try (RawHttp c = new RawHttp(port)) {
                String r = c.send("GET /" + i + " HTTP/1.1\r\nHost: x\r\n\r\n").readResponse();
                String server = "none:" + r.substring(9, 12);
                for (String line : r.split("\r\n")) {
                    if (line.startsWith("x-server: ")) {
                        server = line.substring(10);
                    }
                }
                counts.merge(server, 1, Integer::sum);
            }
        }
        return counts;
    }

    @Test
    void trafficNeverReachesADownOrMaintenanceServer() throws Exception {
        TestBackend a = resources.backend("a");
        TestBackend b = resources.backend("b");
        ProbeServer pa = probe();
        ProbeServer pb = probe();
        Events events = new Events();
        Engine e = engine("""
                backend bk
                    server a ${A} check port ${PA} inter 30ms fall 2 rise 2
                    server b ${B} check port ${PB} inter 30ms fall 2 rise 2
                """, Map.of("A", a.address(), "B", b.address(), "PA", pa.port(), "PB", pb.port()), events);
        Server sa = e.backends().get("bk").server("a");
        Server sb = e.backends().get("bk").server("b");
        waitFor(() -> sa.check().fullyUp() && sb.check().fullyUp());
        assertThat(send(e, 20)).containsEntry("a", 10).containsEntry("b", 10);

        pa.down();
        events.await("Server bk/a is DOWN");
        int before = a.requests();
        assertThat(send(e, 30)).containsOnlyKeys("b");
        assertThat(a.requests()).isEqualTo(before);

        // a comes back, b goes to maintenance: b gets nothing, checks on b pause
        pa.up();
        events.await("Server bk/a is UP");
        sb.setAdminFlags(AdminState.FORCED_MAINT, 0);
        int maint = events.await("Server bk/b is going DOWN for maintenance");
        assertThat(events.lines().get(maint)).isEqualTo("Server bk/b is going DOWN for maintenance. 1 active and 0 "
                + "backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.");
        int bBefore = b.requests();
        assertThat(send(e, 30)).containsOnlyKeys("a");
        assertThat(b.requests()).isEqualTo(bBefore);
        // checks pause in maintenance: once a run in flight is over, no new connection arrives
        Thread.sleep(200);
        int probesBefore = pb.connections();
        Thread.sleep(300);
        assertThat(pb.connections()).as("no checks in maintenance").isEqualTo(probesBefore);

        sb.setAdminFlags(0, AdminState.FORCED_MAINT);
        int ready = events.await("leaving forced maintenance");
        assertThat(events.lines().get(ready)).isEqualTo("Server bk/b is UP/READY (leaving forced maintenance).");
        assertThat(send(e, 20)).containsEntry("a", 10).containsEntry("b", 10);
    }

    @Test
    void backupsTakeOverOnlyWhenEveryActiveServerIsDown() throws Exception {
        TestBackend a = resources.backend("a");
        TestBackend b = resources.backend("b");
        TestBackend k = resources.backend("k");
        ProbeServer pa = probe();
        ProbeServer pb = probe();
        ProbeServer pk = probe();
        Events events = new Events();
        Engine e = engine("""
                backend bk
                    server a ${A} check port ${PA} inter 30ms fall 1 rise 1
                    server b ${B} check port ${PB} inter 30ms fall 1 rise 1
                    server k ${K} check port ${PK} inter 30ms fall 1 rise 1 backup
                """, Map.of("A", a.address(), "B", b.address(), "K", k.address(), "PA", pa.port(), "PB", pb.port(),
                "PK", pk.port()), events);
        Server sa = e.backends().get("bk").server("a");
        waitFor(() -> sa.check().fullyUp());
        assertThat(send(e, 20)).containsOnlyKeys("a", "b");
        pa.down();
        events.await("Server bk/a is DOWN");
        assertThat(send(e, 20)).containsOnlyKeys("b");
        pb.down();
        int last = events.await("Server bk/b is DOWN");
        assertThat(events.lines().get(last)).endsWith(" 0 active and 1 backup servers left. Running on backup. "
                + "0 sessions active, 0 requeued, 0 remaining in queue.");
        assertThat(send(e, 20)).containsOnlyKeys("k");
        pk.down();
        events.await("Backup Server bk/k is DOWN");
        events.await("backend 'bk' has no server available!");
        assertThat(send(e, 3)).containsOnlyKeys("none:503");
        pb.up();
        events.await("Server bk/b is UP");
        assertThat(send(e, 10)).containsOnlyKeys("b");
    }

    @Test
    void slowstartRampsTheShareOfTrafficAfterTheServerComesUp() throws Exception {
        TestBackend a = resources.backend("a");
        TestBackend b = resources.backend("b");
        ProbeServer pa = probe();
        ProbeServer pb = probe();
        pb.down();
        Events events = new Events();
        Engine e = engine("""
                backend bk
                    server a ${A} weight 100 check port ${PA} inter 30ms fall 1 rise 1
                    server b ${B} weight 100 check port ${PB} inter 30ms fall 1 rise 1 slowstart 6s
                """, Map.of("A", a.address(), "B", b.address(), "PA", pa.port(), "PB", pb.port()), events);
        Server sb = e.backends().get("bk").server("b");
        events.await("Server bk/b is DOWN");
        pb.up();
        events.await("Server bk/b is UP");
        assertThat(sb.operState()).isEqualTo(OperState.STARTING);
        // right after coming up, b's weight is a small fraction of a's
        Map<String, Integer> early = send(e, 60);
        assertThat(early.getOrDefault("b", 0)).as("share while ramping: %s", early).isLessThan(20);
        // the ramp ends: RUNNING at full weight, an even share again
        for (int i = 0; i < 1500 && sb.operState() != OperState.RUNNING; i++) {
            Thread.sleep(10);
        }
        assertThat(sb.operState()).isEqualTo(OperState.RUNNING);
        assertThat(sb.effectiveWeight()).isEqualTo(100);
        Map<String, Integer> late = send(e, 60);
        assertThat(late.get("b")).as("share after the ramp: %s", late).isBetween(25, 35);
    }

    @Test
    void slowstartDoesNotRampAStaticAlgorithm() throws Exception {
        TestBackend a = resources.backend("a");
        ProbeServer pa = probe();
        pa.down();
        Events events = new Events();
        Engine e = engine("""
                backend bk
                    balance static-rr
                    server a ${A} weight 100 check port ${PA} inter 30ms fall 1 rise 1 slowstart 1m
                """, Map.of("A", a.address(), "PA", pa.port()), events);
        Server sa = e.backends().get("bk").server("a");
        events.await("Server bk/a is DOWN");
        pa.up();
        events.await("Server bk/a is UP");
        // STARTING for the slowstart delay, but static-rr weights are fixed: full weight at once
        assertThat(sa.operState()).isEqualTo(OperState.STARTING);
        assertThat(sa.effectiveWeight()).isEqualTo(100);
    }

    @Test
    void agentRepliesMoveWeightsAndStates() throws Exception {
        TestBackend a = resources.backend("a");
        TestBackend b = resources.backend("b");
        ProbeServer agent = resources.add(ProbeServer.start(ProbeServer.text("up 100%\n")).speakFirst(true));
        Events events = new Events();
        Engine e = engine("""
                backend bk
                    server a ${A} weight 10
                    server b ${B} weight 10 agent-check agent-port ${AG} agent-inter 30ms
                """, Map.of("A", a.address(), "B", b.address(), "AG", agent.port()), events);
        Server sb = e.backends().get("bk").server("b");
        waitFor(() -> agent.connections() >= 2);
        agent.answer(ProbeServer.text("50%\n"));
        waitFor(() -> sb.userWeight() == 5);
        assertThat(send(e, 30)).containsEntry("a", 20).containsEntry("b", 10);

        agent.answer(ProbeServer.text("maxconn:12 100%\n"));
        waitFor(() -> sb.maxconn() == 12 && sb.userWeight() == 10);

        agent.answer(ProbeServer.text("drain\n"));
        events.await("Server bk/b enters drain state");
        assertThat(AdminState.name(sb.adminFlags())).isEqualTo("DRAIN");
        assertThat(send(e, 10)).containsOnlyKeys("a");

        agent.answer(ProbeServer.text("ready\n"));
        int ready = events.await("leaving forced drain");
        assertThat(events.lines().get(ready)).isEqualTo("Server bk/b is UP (leaving forced drain).");

        agent.answer(ProbeServer.text("down # disk full\n"));
        int down = events.await("Server bk/b is DOWN");
        assertThat(events.lines().get(down)).startsWith("Server bk/b is DOWN, reason: Layer7 wrong status, code: 0, "
                + "info: \"via agent : down (disk full)\", check duration: ");
        assertThat(send(e, 10)).containsOnlyKeys("a");

        // an unparseable reply is reported in the agent's status and otherwise ignored
        int count = events.all().size();
        agent.answer(ProbeServer.text("bogus words\n"));
        waitFor(() -> sb.agent().last().info().equals("agent reports an error : bogus"));
        assertThat(events.all()).hasSize(count);
        assertThat(sb.operState()).isEqualTo(OperState.STOPPED);

        agent.answer(ProbeServer.text("up\n"));
        events.await("Server bk/b is UP, reason: Layer7 check passed, code: 0, info: \"via agent : up\"");
        agent.answer(ProbeServer.text("maint\n"));
        events.await("Server bk/b is going DOWN for maintenance");
        assertThat(AdminState.name(sb.adminFlags())).isEqualTo("MAINT");
        // the agent keeps running in maintenance, so it can bring the server back
        agent.answer(ProbeServer.text("ready up\n"));
        int back = events.await("leaving forced maintenance");
        assertThat(events.lines().get(back)).isEqualTo("Server bk/b is UP/READY (leaving forced maintenance).");
    }
}
