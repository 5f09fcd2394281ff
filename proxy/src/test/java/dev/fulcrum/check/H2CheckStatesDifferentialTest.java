package dev.fulcrum.check;

import dev.fulcrum.runtime.Engine;
import dev.fulcrum.testing.Haproxy;
import dev.fulcrum.testing.RunningEngine;
import dev.fulcrum.testing.StateLines;
import dev.fulcrum.testing.TestResources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * HTTP/2 health checks next to the real haproxy 2.6 on the same configuration
 * and the same HTTP/2 servers (h2c with prior knowledge, and h2 over TLS by
 * ALPN): the state-change lines when the answers turn bad (wrong status,
 * missing content) and good again must be the same. Backends change state
 * concurrently, so the lines compare as sets.
 */
class H2CheckStatesDifferentialTest {

    private final TestResources open = new TestResources();

    @AfterEach
    void close() throws Exception {
        open.close();
    }

    @BeforeAll
    static void warmTls() throws Exception {
        TestTls.warmUp();
    }

    @Test
    void http2CheckTransitionsPrintHaproxysLines() throws Exception {
        assumeTrue(Haproxy.available(), "haproxy is not installed");
        H2ProbeServer h2c = H2ProbeServer.cleartext();
        open.add(h2c);
        H2ProbeServer h2tls = H2ProbeServer.tls("h2", "http/1.1");
        open.add(h2tls);
        H2ProbeServer body = H2ProbeServer.cleartext();
        open.add(body);
        String config = """
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 5s
                    timeout server 5s
                frontend fe
                    bind 127.0.0.1:${FE}
                    default_backend bk_h2c
                backend bk_h2c
                    option httpchk GET /health
                    http-check expect status 200
                    server s1 127.0.0.1:${A} check check-proto h2 inter 1s rise 1 fall 1
                backend bk_h2tls
                    option httpchk GET /health
                    server s1 127.0.0.1:${B} check check-ssl ca-file ${CA} check-alpn h2 inter 1s rise 1 fall 1
                backend bk_body
                    option httpchk
                    http-check connect proto h2
                    http-check send meth GET uri /body
                    http-check expect string ok
                    server s1 127.0.0.1:${C} check inter 1s rise 1 fall 1
                """.replace("${A}", Integer.toString(h2c.port())).replace("${B}", Integer.toString(h2tls.port()))
                .replace("${C}", Integer.toString(body.port())).replace("${CA}", TestTls.path("ca.pem"));
        StateLines.Capture ours = new StateLines.Capture();
        Engine e = Engines.start(config, Map.of("FE", RunningEngine.freePort()), ours.sink());
        open.add(e::close);
        // Fulcrum's first checks warm this JVM's HTTP/2 and TLS servers, so haproxy's first ones are not slowed
        // (on a loaded machine Fulcrum's own first, cold checks may time out: only the lines after all three
        // passed are compared)
        RiseFallTest.waitFor(() -> e.backends().values().stream().flatMap(b -> b.servers().stream())
                .allMatch(s -> s.check().last().status().equals("L7OK") && s.check().up())
                && printedUp(ours.lines()));
        int skip = ours.lines().size();
        int hp = RunningEngine.freePort();
        Haproxy h = open.add(Haproxy.startWithCli(config.replace("${FE}", Integer.toString(hp)), hp));
        RiseFallTest.waitFor(() -> passed(h, "bk_h2c") && passed(h, "bk_h2tls") && passed(h, "bk_body"));
        h2c.answer(503, "", Map.of());
        h2tls.answer(500, "", Map.of());
        body.answer(200, "nothing", Map.of());
        awaitLines(h, ours, skip, 6);
        h2c.answer(200, "ok", Map.of());
        h2tls.answer(200, "ok", Map.of());
        body.answer(200, "ok", Map.of());
        awaitLines(h, ours, skip, 9);
        Thread.sleep(500);
        List<String> theirs = StateLines.normalize(h.output());
        List<String> mine = ours.lines().subList(skip, ours.lines().size());
        assertThat(mine).containsExactlyInAnyOrderElementsOf(theirs);
        assertThat(mine).anyMatch(l -> l.startsWith("[WARNING] : Server bk_h2c/s1 is DOWN, reason: Layer7 wrong "
                + "status, code: 503"));
        assertThat(mine).anyMatch(l -> l.startsWith("[WARNING] : Server bk_h2tls/s1 is UP, reason: Layer7 check "
                + "passed, code: 200"));
    }

    /** Whether the last state line of each server (if any) has it up: the counter moves before the line. */
    private static boolean printedUp(List<String> lines) {
        for (String backend : List.of("bk_h2c", "bk_h2tls", "bk_body")) {
            String last = null;
            for (String l : lines) {
                if (l.contains(" Server " + backend + "/s1 is ")) {
                    last = l;
                }
            }
            if (last != null && !last.contains(" is UP")) {
                return false;
            }
        }
        return true;
    }

    /** Whether haproxy's last check of {@code backend}/s1 passed at layer 7 (a star marks one under way). */
    private static boolean passed(Haproxy h, String backend) {
        try {
            return String.valueOf(h.stat(backend, "s1", "check_status")).replace("* ", "").equals("L7OK");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void awaitLines(Haproxy h, StateLines.Capture ours, int skip, int n) throws InterruptedException {
        for (int i = 0; i < 3000 && (StateLines.normalize(h.output()).size() < n || ours.lines().size() < n + skip);
             i++) {
            Thread.sleep(10);
        }
    }
}
