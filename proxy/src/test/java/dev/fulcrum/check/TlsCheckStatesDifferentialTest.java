package dev.fulcrum.check;

import dev.fulcrum.testing.Haproxy;
import dev.fulcrum.testing.SideBySide;
import dev.fulcrum.testing.TestResources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * TLS health checks next to the real haproxy 2.6 on the same configuration and
 * the same TLS probe servers: the state-change lines (a good certificate, a
 * certificate from another CA, a name that matches neither {@code verifyhost}
 * nor {@code check-sni}, a plain-text server behind {@code check-ssl}, a
 * {@code tcp-check connect ssl} step, and servers coming up over TLS) must be
 * the same. Backends change state concurrently, so the lines compare as sets.
 * Intervals are long where a first run's outcome is compared: a JVM's first
 * handshakes are slow on a loaded machine, and a timeout would stand in for
 * the failure under test.
 */
class TlsCheckStatesDifferentialTest {

    private final TestResources open = new TestResources();

    @AfterEach
    void close() throws Exception {
        open.close();
    }

    @BeforeAll
    static void warmTls() throws Exception {
        TestTls.warmUp();
    }

    private ProbeServer probe(TestTls.Server tls) throws Exception {
        ProbeServer p = ProbeServer.start(ProbeServer.httpReply(200, "OK", "ok"), tls);
        open.add(p);
        return p;
    }

    /** Runs haproxy and Fulcrum on {@code config}, waits for {@code n} lines from each after {@code then}. */
    private List<List<String>> run(String config, int first, Runnable then, int n) throws Exception {
        SideBySide both = SideBySide.of(config).ports("FE").stateLines().start();
        open.add(both);
        awaitLines(both, first);
        then.run();
        awaitLines(both, n);
        Thread.sleep(500);
        return List.of(both.fulcrumStateLines(), both.haproxyStateLines());
    }

    private static final String HEAD = """
            defaults
                mode http
                timeout connect 5s
                timeout client 5s
                timeout server 5s
            frontend fe
                bind 127.0.0.1:${FE}
                default_backend bk_other_ca
            """;

    private static String paths(String config) {
        return config.replace("${CA}", TestTls.path("ca.pem")).replace("${OTHER_CA}", TestTls.path("other-ca.pem"));
    }

    @Test
    void tlsCheckFailuresPrintHaproxysLines() throws Exception {
        assumeTrue(Haproxy.available(), "haproxy is not installed");
        String config = paths(HEAD + """
                backend bk_other_ca
                    server s1 127.0.0.1:${A} check check-ssl ca-file ${OTHER_CA} inter 3s rise 1 fall 1
                backend bk_verifyhost
                    server s1 127.0.0.1:${B} check check-ssl ca-file ${CA} verifyhost other.example inter 3s rise 1 fall 1
                backend bk_sni
                    option httpchk GET /
                    server s1 127.0.0.1:${C} check check-ssl ca-file ${CA} check-sni other.example inter 3s rise 1 fall 1
                backend bk_plain
                    option httpchk GET /
                    server s1 127.0.0.1:${D} check check-ssl verify none inter 3s rise 1 fall 1
                backend bk_tcp
                    option tcp-check
                    tcp-check connect ssl
                    tcp-check send "GET / HTTP/1.0\\r\\n\\r\\n"
                    tcp-check expect string "200 OK"
                    server s1 127.0.0.1:${E} check verify none inter 3s rise 1 fall 1
                """)
                .replace("${A}", port(probe(TestTls.Server.plain()))).replace("${B}", port(probe(TestTls.Server.plain())))
                .replace("${C}", port(probe(TestTls.Server.plain()))).replace("${D}", port(probe(null)))
                .replace("${E}", port(probe(null)));
        List<List<String>> r = run(config, 10, () -> { }, 10);
        assertThat(r.get(0)).containsExactlyInAnyOrderElementsOf(r.get(1));
        assertThat(r.get(0)).contains(
                "[WARNING] : Server bk_other_ca/s1 is DOWN, reason: Layer6 invalid response, info: \"SSL handshake "
                        + "failure\", check duration: Nms. 0 active and 0 backup servers left. 0 sessions active, 0 "
                        + "requeued, 0 remaining in queue.",
                "[WARNING] : Server bk_tcp/s1 is DOWN, reason: Layer6 invalid response, info: \"SSL handshake "
                        + "failure at step 1 of tcp-check (connect)\", check duration: Nms. 0 active and 0 backup "
                        + "servers left. 0 sessions active, 0 requeued, 0 remaining in queue.");
    }

    @Test
    void serversComingUpOverTlsPrintHaproxysLines() throws Exception {
        assumeTrue(Haproxy.available(), "haproxy is not installed");
        ProbeServer connect = probe(null);
        ProbeServer http = probe(null);
        String config = paths(HEAD.replace("bk_other_ca", "bk_connect") + """
                backend bk_connect
                    server s1 127.0.0.1:${A} check check-ssl ca-file ${CA} inter 2s rise 1 fall 1
                backend bk_http
                    option httpchk GET /
                    server s1 127.0.0.1:${B} check check-ssl ca-file ${CA} check-sni check.fulcrum.test inter 2s rise 1 fall 1
                """).replace("${A}", port(connect)).replace("${B}", port(http));
        List<List<String>> r = run(config, 4, () -> {
            try {
                for (ProbeServer p : List.of(connect, http)) {
                    p.down();
                    p.tls(TestTls.Server.plain()).up();
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, 6);
        assertThat(r.get(0)).containsExactlyInAnyOrderElementsOf(r.get(1));
        assertThat(r.get(0)).contains(
                "[WARNING] : Server bk_connect/s1 is UP, reason: Layer6 check passed, check duration: Nms. 1 active "
                        + "and 0 backup servers online. 0 sessions requeued, 0 total in queue.",
                "[WARNING] : Server bk_http/s1 is UP, reason: Layer7 check passed, code: 200, check duration: Nms. "
                        + "1 active and 0 backup servers online. 0 sessions requeued, 0 total in queue.");
    }

    private static String port(ProbeServer p) {
        return Integer.toString(p.port());
    }

    /** Waits for {@code n} lines from each, without failing: the comparison tells what is missing. */
    private static void awaitLines(SideBySide both, int n) throws InterruptedException {
        for (int i = 0; i < 3000 && (both.haproxyStateLines().size() < n || both.fulcrumStateLines().size() < n); i++) {
            Thread.sleep(10);
        }
    }
}
