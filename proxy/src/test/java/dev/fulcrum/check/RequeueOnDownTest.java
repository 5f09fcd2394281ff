package dev.fulcrum.check;

import dev.fulcrum.runtime.Engine;
import dev.fulcrum.server.AdminState;
import dev.fulcrum.server.Server;
import dev.fulcrum.server.Transitions;
import dev.fulcrum.testing.Haproxy;
import dev.fulcrum.testing.Ports;
import dev.fulcrum.testing.RawHttp;
import dev.fulcrum.testing.RunningEngine;
import dev.fulcrum.testing.StateLines;
import dev.fulcrum.testing.TestBackend;
import dev.fulcrum.testing.TestResources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.fulcrum.check.RiseFallTest.waitFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Requests queued on a server that goes down or into maintenance: with
 * {@code option redispatch} they choose a server again (except those a
 * {@code force-persist} condition pins), and the state-change line counts them
 * as requeued; without it they wait for that server. Real slow backends with
 * {@code maxconn 1} fill the queue; haproxy 2.6 runs the same scenario through
 * its stats socket and must print the same line and serve from the same servers.
 */
class RequeueOnDownTest {

    private final TestResources resources = new TestResources();
    private final ExecutorService clients = Executors.newCachedThreadPool();

    @AfterEach
    void tearDown() throws Exception {
        clients.shutdownNow();
        resources.close();
    }

    private static final String CONFIG = """
            defaults
                mode http
                timeout connect 1s
                timeout client 10s
                timeout server 10s
                timeout queue 10s
                OPTION
            frontend fe
                bind 127.0.0.1:${FE}
                default_backend bk
            backend bk
                force-persist if { req.hdr(x-pin) -m found }
                use-server s1 if { path_beg /slow }
                server s1 ${A} maxconn 1
                server s2 ${B} maxconn 1
            """;

    /** One side of the comparison: its front port, how it takes s1 down, how many wait on s1. */
    private interface Side {
        int port();

        void takeDown() throws Exception;

        int queuedOnS1() throws Exception;
    }

    /**
     * Sends four requests to s1 (one served, three queued, {@code pinned} of them
     * with the force-persist header), takes s1 down, and returns which server
     * answered each request ("s1"/"s2", or the status when not 200), sorted.
     */
    private List<String> scenario(Side side, TestBackend a, int pinned) throws Exception {
        List<Future<String>> answers = new ArrayList<>();
        answers.add(clients.submit(() -> get(side.port(), false)));
        waitFor(() -> a.requests() == 1);
        for (int i = 0; i < 3; i++) {
            boolean pin = i < pinned;
            answers.add(clients.submit(() -> get(side.port(), pin)));
        }
        waitFor(() -> {
            try {
                return side.queuedOnS1() == 3;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        side.takeDown();
        List<String> out = new ArrayList<>();
        for (Future<String> f : answers) {
            out.add(f.get(20, TimeUnit.SECONDS));
        }
        out.sort(null);
        return out;
    }

    private static String get(int port, boolean pin) throws Exception {
        try (RawHttp c = new RawHttp(port)) {
            c.timeout(20_000);
            String r = c.send("GET /slow HTTP/1.1\r\nHost: x\r\n" + (pin ? "x-pin: 1\r\n" : "") + "\r\n")
                    .readResponse();
            if (!r.startsWith("HTTP/1.1 200")) {
                return r.substring(9, 12);
            }
            for (String line : r.split("\r\n")) {
                if (line.toLowerCase().startsWith("x-server: ")) {
                    return line.substring(10);
                }
            }
            return "?";
        }
    }

    private record Outcome(List<String> served, List<String> lines) {
    }

    private Outcome fulcrum(String option, boolean byCheck, int pinned) throws Exception {
        TestBackend a = resources.backend("s1").behavior(TestBackend.delayed(300));
        TestBackend b = resources.backend("s2").behavior(TestBackend.delayed(300));
        StateLines.Capture lines = new StateLines.Capture();
        Engine e = resources.add(RunningEngine.start(CONFIG.replace("OPTION", option), Map.of("FE", Ports.free(),
                "A", a.address(), "B", b.address()), lines.sink())).engine();
        Server s1 = e.backends().get("bk").server("s1");
        List<String> served = scenario(new Side() {
            @Override
            public int port() {
                return e.boundAddresses("fe").getFirst().getPort();
            }

            @Override
            public void takeDown() {
                if (byCheck) {
                    Transitions.down(s1, dev.fulcrum.server.StateReason.NONE);
                } else {
                    Transitions.setAdmin(s1, AdminState.FORCED_MAINT);
                }
            }

            @Override
            public int queuedOnS1() {
                return s1.queue().size();
            }
        }, a, pinned);
        return new Outcome(served, lines.lines());
    }

    private Outcome haproxy(String option, int pinned) throws Exception {
        TestBackend a = resources.backend("s1").behavior(TestBackend.delayed(300));
        TestBackend b = resources.backend("s2").behavior(TestBackend.delayed(300));
        int port = Ports.free();
        Haproxy h = resources.add(Haproxy.startWithCli(CONFIG.replace("OPTION", option)
                .replace("${FE}", Integer.toString(port)).replace("${A}", a.address()).replace("${B}", b.address()),
                port));
        List<String> served = scenario(new Side() {
            @Override
            public int port() {
                return port;
            }

            @Override
            public void takeDown() throws Exception {
                h.cli("disable server bk/s1");
            }

            @Override
            public int queuedOnS1() throws Exception {
                return Integer.parseInt(h.stat("bk", "s1", "qcur"));
            }
        }, a, pinned);
        return new Outcome(served, StateLines.normalize(h.output()));
    }

    private static Map<String, Integer> count(List<String> served) {
        Map<String, Integer> m = new TreeMap<>();
        served.forEach(s -> m.merge(s, 1, Integer::sum));
        return m;
    }

    @Test
    void withRedispatchQueuedRequestsMoveToAnotherServerAsInHaproxy() throws Exception {
        assumeTrue(Haproxy.available(), "haproxy is not installed");
        Outcome theirs = haproxy("option redispatch", 0);
        Outcome ours = fulcrum("option redispatch", false, 0);
        assertThat(ours.lines()).isEqualTo(theirs.lines()).containsExactly("[WARNING] : Server bk/s1 is going DOWN "
                + "for maintenance. 1 active and 0 backup servers left. 1 sessions active, 3 requeued, 0 remaining "
                + "in queue.");
        assertThat(count(ours.served())).isEqualTo(count(theirs.served())).isEqualTo(Map.of("s1", 1, "s2", 3));
    }

    @Test
    void forcePersistKeepsARequestOnItsServerAsInHaproxy() throws Exception {
        assumeTrue(Haproxy.available(), "haproxy is not installed");
        Outcome theirs = haproxy("option redispatch 0", 1);
        Outcome ours = fulcrum("option redispatch 0", false, 1);
        assertThat(ours.lines()).isEqualTo(theirs.lines()).containsExactly("[WARNING] : Server bk/s1 is going DOWN "
                + "for maintenance. 1 active and 0 backup servers left. 1 sessions active, 2 requeued, 1 remaining "
                + "in queue.");
        assertThat(count(ours.served())).isEqualTo(count(theirs.served())).isEqualTo(Map.of("s1", 2, "s2", 2));
    }

    @Test
    void withoutRedispatchQueuedRequestsWaitForTheirServerAsInHaproxy() throws Exception {
        assumeTrue(Haproxy.available(), "haproxy is not installed");
        Outcome theirs = haproxy("", 0);
        Outcome ours = fulcrum("", false, 0);
        assertThat(ours.lines()).isEqualTo(theirs.lines()).containsExactly("[WARNING] : Server bk/s1 is going DOWN "
                + "for maintenance. 1 active and 0 backup servers left. 1 sessions active, 0 requeued, 3 remaining "
                + "in queue.");
        assertThat(count(ours.served())).isEqualTo(count(theirs.served())).isEqualTo(Map.of("s1", 4));
    }

    @Test
    void aServerFailingItsChecksHandsItsQueueOver() throws Exception {
        Outcome ours = fulcrum("option redispatch", true, 0);
        assertThat(ours.lines()).containsExactly("[WARNING] : Server bk/s1 is DOWN. 1 active and 0 backup servers "
                + "left. 1 sessions active, 3 requeued, 0 remaining in queue.");
        assertThat(count(ours.served())).isEqualTo(Map.of("s1", 1, "s2", 3));
    }
}
