package dev.fulcrum.check;

import dev.fulcrum.config.ConfigLoader;
import dev.fulcrum.config.Diagnostic;
import dev.fulcrum.runtime.Engine;
import dev.fulcrum.server.Server;
import dev.fulcrum.testing.RunningEngine;
import dev.fulcrum.testing.TestResources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.fulcrum.check.RiseFallTest.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP checks over HTTP/2 against a real HTTP/2 server on loopback: h2c with
 * prior knowledge ({@code check-proto h2}, {@code http-check connect proto h2})
 * and h2 over TLS chosen by ALPN ({@code check-alpn h2}); {@code http-check
 * send} and {@code expect status|string|hdr} behave as over HTTP/1.1.
 */
class H2ChecksTest {

    private final TestResources open = new TestResources();
    private Engine engine;

    @AfterEach
    void close() throws Exception {
        open.close();
    }

    @BeforeAll
    static void warmTls() throws Exception {
        TestTls.warmUp();
    }

    private static final String HEAD = """
            defaults
                mode http
                timeout connect 2s
                timeout client 5s
                timeout server 5s
            frontend fe
                bind 127.0.0.1:${FE}
                default_backend bk
            backend bk
            """;

    private Events start(String backend, int port) throws Exception {
        Events events = new Events();
        String text = (HEAD + backend).replace("${P}", Integer.toString(port)).replace("${CA}", TestTls.path("ca.pem"));
        engine = Engines.start(text, Map.of("FE", RunningEngine.freePort()), events);
        open.add(engine::close);
        return events;
    }

    private Server server() {
        return engine.backends().get("bk").server("s1");
    }

    private H2ProbeServer h2(H2ProbeServer p) {
        open.add(p);
        return p;
    }

    @Test
    void checkProtoH2SendsTheRequestOverCleartextHttp2() throws Exception {
        H2ProbeServer p = h2(H2ProbeServer.cleartext());
        start("""
                    option httpchk
                    http-check send meth GET uri /health hdr Host check.local hdr X-Probe yes
                    http-check expect status 200
                    server s1 127.0.0.1:${P} check check-proto h2 inter 200ms
                """, p.port());
        waitFor(() -> server().check().last().status().equals("L7OK") && p.requests().size() >= 2);
        assertThat(server().check().last().code()).isEqualTo(200);
        H2ProbeServer.Request r = p.requests().getFirst();
        assertThat(r.headers()).containsEntry(":method", "GET").containsEntry(":path", "/health")
                .containsEntry(":scheme", "http").containsEntry(":authority", "check.local")
                .containsEntry("x-probe", "yes").doesNotContainKey("host").doesNotContainKey("connection");
    }

    @Test
    void expectRulesJudgeAnHttp2AnswerAsAnHttp1One() throws Exception {
        H2ProbeServer p = h2(H2ProbeServer.cleartext()).answer(200, "all good", Map.of("x-ready", "yes"));
        Events events = start("""
                    option httpchk GET /
                    http-check expect hdr name x-ready value yes
                    http-check expect string good
                    server s1 127.0.0.1:${P} check check-proto h2 inter 1s rise 1 fall 1
                """, p.port());
        waitFor(() -> server().check().last().status().equals("L7OK"));
        p.answer(200, "all bad", Map.of("x-ready", "yes"));
        events.await("Server bk/s1 is DOWN, reason: Layer7 invalid response, info: \"HTTP content check did not "
                + "match\"");
        p.answer(200, "all good", Map.of("x-ready", "no"));
        waitFor(() -> server().check().last().status().equals("L7STS"));
        p.answer(200, "all good", Map.of("x-ready", "yes"));
        events.await("Server bk/s1 is UP, reason: Layer7 check passed, code: 200");
        p.answer(503, "", Map.of());
        waitFor(() -> server().check().last().status().equals("L7STS") && server().check().last().code() == 503);
    }

    @Test
    void httpCheckConnectProtoH2CarriesABody() throws Exception {
        H2ProbeServer p = h2(H2ProbeServer.cleartext());
        start("""
                    option httpchk
                    http-check connect proto h2
                    http-check send meth POST uri /probe body hello
                    server s1 127.0.0.1:${P} check inter 200ms
                """, p.port());
        waitFor(() -> server().check().last().status().equals("L7OK") && !p.requests().isEmpty());
        H2ProbeServer.Request r = p.requests().getFirst();
        assertThat(r.headers()).containsEntry(":method", "POST").containsEntry("content-length", "5");
        assertThat(r.body()).isEqualTo("hello");
    }

    @Test
    void alpnH2OverTlsChoosesHttp2() throws Exception {
        H2ProbeServer p = h2(H2ProbeServer.tls("h2", "http/1.1"));
        start("""
                    option httpchk GET /tls
                    server s1 127.0.0.1:${P} check check-ssl ca-file ${CA} check-sni check.fulcrum.test check-alpn h2 inter 200ms
                """, p.port());
        waitFor(() -> server().check().last().status().equals("L7OK") && !p.requests().isEmpty());
        assertThat(p.requests().getFirst().headers()).containsEntry(":scheme", "https").containsEntry(":path", "/tls");
    }

    @Test
    void checkProtoH1SpeaksHttp1() throws Exception {
        ProbeServer p = ProbeServer.start(ProbeServer.httpReply(200, "OK", "ok"));
        open.add(p);
        start("""
                    option httpchk GET /h1
                    server s1 127.0.0.1:${P} check check-proto h1 inter 200ms
                """, p.port());
        waitFor(() -> server().check().last().status().equals("L7OK"));
        assertThat(p.requests()).anyMatch(r -> r.startsWith("GET /h1 HTTP/1.0\r\n"));
    }

    @Test
    void protocolsThatDoNotSuitTheCheckAreRefused() {
        assertThat(alert("    server s1 127.0.0.1:1 check check-proto h2\n"))
                .isEqualTo("config: backend 'bk': server 's1' uses an incompatible MUX protocol for the selected check type");
        assertThat(alert("    option httpchk\n    server s1 127.0.0.1:1 check check-proto none\n"))
                .isEqualTo("config: backend 'bk': server 's1' uses an incompatible MUX protocol for the selected check type");
        assertThat(alert("    server s1 127.0.0.1:1 check check-proto foo\n"))
                .isEqualTo("'server bk/s1' : 'check-proto' :  unknown MUX protocol 'foo'.");
        assertThat(alert("    option tcp-check\n    tcp-check connect proto h2\n"))
                .isEqualTo("'tcp-check connect' : 'proto' : invalid MUX protocol 'h2' for tcp-check.");
        assertThat(alert("    option httpchk\n    http-check connect proto none\n"))
                .isEqualTo("'http-check connect' : 'proto' : invalid MUX protocol 'none' for http-check.");
        assertThat(alert("    option httpchk\n    http-check connect proto\n"))
                .isEqualTo("'http-check connect' : 'proto' expects a MUX protocol as argument..");
    }

    private static String alert(String backend) {
        List<Diagnostic> alerts = ConfigLoader.standard().loadText("t.cfg", HEAD.replace("${FE}", "1") + backend)
                .diagnostics().alerts();
        assertThat(alerts).as("alerts for %s", backend).isNotEmpty();
        return alerts.getFirst().message();
    }
}
