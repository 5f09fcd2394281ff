package dev.fulcrum.check;

import dev.fulcrum.runtime.Engine;
import dev.fulcrum.server.OperState;
import dev.fulcrum.server.Server;
import dev.fulcrum.testing.TestResources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rise/fall counting and check pacing against real loopback servers that the
 * test turns down, up, slow and garbled. Counts are check connections the probe
 * server accepted, never durations.
 */
class RiseFallTest {

    private final TestResources open = new TestResources();

    @AfterEach
    void close() throws Exception {
        open.close();
    }

    private Engine engine(String config, Map<String, Object> vars, Events events) throws Exception {
        Engine e = Engines.start(config, vars, events);
        open.add(e);
        return e;
    }

    private ProbeServer probe(ProbeServer.Reply r) throws Exception {
        ProbeServer p = ProbeServer.start(r);
        open.add(p);
        return p;
    }

    private static final String HTTP_BACKEND = """
            defaults
                mode http
                timeout connect 1s
                timeout client 5s
                timeout server 5s
                timeout check 500ms
            backend bk
                option httpchk GET /health
                server s1 127.0.0.1:${PORT} check inter 40ms fall 3 rise 2
            """;

    @Test
    void goesDownAfterExactlyFallFailuresAndUpAfterExactlyRiseSuccesses() throws Exception {
        ProbeServer p = probe(ProbeServer.httpReply(200, "OK", "fine"));
        Events events = new Events();
        events.snapshot(p::connections);
        Engine e = engine(HTTP_BACKEND, Map.of("PORT", p.port()), events);
        Server s = e.backends().get("bk").server("s1");
        // fully up: one success lifts the counter from rise to the top
        waitFor(() -> s.check().fullyUp());

        int before = p.connections();
        p.answer(ProbeServer.httpReply(500, "Internal Server Error", "bad"));
        int down = events.await("is DOWN");
        // each check is one connection: the DOWN came with the third failed one (a 4th may be under way)
        int failures = (int) events.snapshotAt(down) - before;
        assertThat(failures).isBetween(3, 4);
        assertThat(s.operState()).isEqualTo(OperState.STOPPED);
        assertThat(s.counters().failedChecks.sum()).isEqualTo(3);
        assertThat(events.lines().get(down)).isEqualTo("Server bk/s1 is DOWN, reason: Layer7 wrong status, code: 500, "
                + "info: \"Internal Server Error\", check duration: " + duration(events.lines().get(down))
                + "ms. 0 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.");
        assertThat(events.lines().get(down + 1)).isEqualTo("backend 'bk' has no server available!");

        int beforeUp = p.connections();
        p.answer(ProbeServer.httpReply(200, "OK", "fine"));
        int up = events.await("is UP");
        assertThat((int) events.snapshotAt(up) - beforeUp).isBetween(2, 3);
        assertThat(s.operState()).isEqualTo(OperState.RUNNING);
        assertThat(events.lines().get(up)).startsWith("Server bk/s1 is UP, reason: Layer7 check passed, code: 200, "
                + "check duration: ").endsWith("ms. 1 active and 0 backup servers online. "
                + "0 sessions requeued, 0 total in queue.");
        assertThat(s.check().last().status()).isEqualTo("L7OK");
        assertThat(s.check().last().code()).isEqualTo(200);
    }

    @Test
    void exactCountsAreSeenWhenTheFailuresAreRefusedConnections() throws Exception {
        ProbeServer p = probe(ProbeServer.text(""));
        Events events = new Events();
        Engine e = engine("""
                defaults
                    mode http
                    timeout connect 1s
                    timeout client 5s
                    timeout server 5s
                backend bk
                    server s1 127.0.0.1:${PORT} check inter 40ms fall 4 rise 3
                    server s2 127.0.0.1:${PORT} check inter 40ms fall 4 rise 3
                """, Map.of("PORT", p.port()), events);
        Server s = e.backends().get("bk").server("s1");
        waitFor(() -> s.check().fullyUp());
        long failedBefore = s.counters().failedChecks.sum();
        p.down();
        int first = events.await("Server bk/s1 is DOWN");
        // the DOWN is reported when the fourth failure is counted, not before
        assertThat(s.counters().failedChecks.sum() - failedBefore).isGreaterThanOrEqualTo(4);
        assertThat(events.lines().get(first)).isEqualTo("Server bk/s1 is DOWN, reason: Layer4 connection problem, "
                + "info: \"Connection refused\", check duration: " + duration(events.lines().get(first))
                + "ms. " + (events.lines().stream().anyMatch(l -> l.startsWith("Server bk/s2 is DOWN")
                && events.lines().indexOf(l) < first) ? "0" : "1")
                + " active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.");
        events.await("has no server available!");
        assertThat(s.check().last().status()).isEqualTo("L4CON");
    }

    @Test
    void downinterPacesAFullyDownServerAndFastinterOneInTransition() throws Exception {
        ProbeServer p = probe(ProbeServer.httpReply(503, "Service Unavailable", ""));
        Events events = new Events();
        Engine e = engine("""
                defaults
                    mode http
                    timeout connect 1s
                    timeout client 5s
                    timeout server 5s
                backend bk
                    option httpchk
                    server s1 127.0.0.1:${PORT} check inter 1h downinter 30ms fastinter 30ms rise 4
                """, Map.of("PORT", p.port()), events);
        Server s = e.backends().get("bk").server("s1");
        events.await("is DOWN"); // the first check fails: a server starts at rise, so down at once
        // fully down: checks every 30 ms although inter is an hour
        int base = p.connections();
        waitFor(() -> p.connections() >= base + 10);
        // coming up: the transitional checks use fastinter
        p.answer(ProbeServer.httpReply(200, "OK", ""));
        events.await("is UP");
        assertThat(s.check().fullyUp()).isTrue();
        // fully up: the next check is an hour away; once runs in flight are over, nothing more arrives
        Thread.sleep(200);
        int atUp = p.connections();
        Thread.sleep(300);
        assertThat(p.connections()).isEqualTo(atUp);
    }

    @Test
    void aSlowServerTimesOutAndAGarbledOneIsAnInvalidResponse() throws Exception {
        ProbeServer slow = probe(ProbeServer.text(""));
        slow.slow();
        ProbeServer garbled = probe(ProbeServer.text("garbage\r\n\r\n"));
        Events events = new Events();
        engine("""
                defaults
                    mode http
                    timeout connect 1s
                    timeout client 5s
                    timeout server 5s
                backend bk
                    timeout check 200ms
                    option httpchk
                    server slow 127.0.0.1:${SLOW} check inter 50ms fall 1
                backend bk2
                    timeout check 5s
                    option httpchk
                    server garbled 127.0.0.1:${GARBLED} check inter 50ms fall 1
                """, Map.of("SLOW", slow.port(), "GARBLED", garbled.port()), events);
        int t = events.await("Server bk/slow is DOWN");
        String timeout = events.lines().get(t);
        assertThat(timeout).startsWith("Server bk/slow is DOWN, reason: Layer7 timeout, check duration: ");
        int g = events.await("Server bk2/garbled is DOWN");
        String invalid = events.lines().get(g);
        assertThat(invalid).startsWith("Server bk2/garbled is DOWN, reason: Layer7 invalid response, check duration: ");
    }

    static String duration(String line) {
        int i = line.indexOf("check duration: ");
        return line.substring(i + 16, line.indexOf("ms", i + 16));
    }

    static void waitFor(java.util.function.BooleanSupplier c) throws InterruptedException {
        dev.fulcrum.testing.Await.until(c);
    }
}
