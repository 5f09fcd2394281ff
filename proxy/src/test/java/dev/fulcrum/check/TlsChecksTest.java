package dev.fulcrum.check;

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
 * Health checks over TLS against real TLS probe servers on loopback: the
 * certificate is verified against {@code ca-file} (and its name against the SNI
 * or {@code verifyhost}), {@code check-sni} and {@code check-alpn} reach the
 * server, a client certificate is shown when asked, and failures carry
 * HAProxy's statuses (L6OK, L6RSP, L6TOUT) and wording. A failure is judged
 * on the latest run's report, not only the DOWN line: on a loaded machine the
 * very first handshake may be slow enough to time out first.
 */
class TlsChecksTest {

    private final TestResources open = new TestResources();

    @AfterEach
    void close() throws Exception {
        open.close();
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

    @BeforeAll
    static void warmTls() throws Exception {
        TestTls.warmUp();
    }

    private ProbeServer probe(TestTls.Server tls) throws Exception {
        ProbeServer p = ProbeServer.start(ProbeServer.httpReply(200, "OK", "ok"), tls);
        open.add(p);
        return p;
    }

    private Events start(String backend, ProbeServer p) throws Exception {
        Events events = new Events();
        String text = (HEAD + backend).replace("${P}", Integer.toString(p.port()))
                .replace("${CA}", TestTls.path("ca.pem")).replace("${OTHER_CA}", TestTls.path("other-ca.pem"))
                .replace("${CRT}", TestTls.path("client.pem"));
        Engine e = Engines.start(text, Map.of("FE", RunningEngine.freePort()), events);
        open.add(e::close);
        engine = e;
        return events;
    }

    private Engine engine;

    /** Waits for the server to go down and for a run to report {@code description} with {@code info}. */
    private void down(Events events, String description, String info) throws InterruptedException {
        events.await("Server bk/s1 is DOWN");
        waitFor(() -> server().check().last().description().equals(description)
                && server().check().last().info().equals(info));
    }

    private Server server() {
        return engine.backends().get("bk").server("s1");
    }

    @Test
    void verifiedHttpCheckSendsSniAndAlpnAndPasses() throws Exception {
        ProbeServer p = probe(new TestTls.Server(List.of("http/1.1"), false));
        start("""
                    option httpchk GET /health
                    server s1 127.0.0.1:${P} check check-ssl ca-file ${CA} check-sni check.fulcrum.test check-alpn http/1.1 inter 200ms
                """, p);
        // (up, not only passed: on a loaded machine a slow first handshake may have counted as a failure)
        waitFor(() -> server().check().last().status().equals("L7OK") && server().check().up()
                && p.snis().size() >= 2);
        assertThat(server().check().last().code()).isEqualTo(200);
        assertThat(p.snis()).contains("check.fulcrum.test");
        assertThat(p.alpns()).contains("http/1.1");
        assertThat(p.requests()).anyMatch(r -> r.startsWith("GET /health HTTP/1.0\r\n"));
    }

    @Test
    void connectOnlyCheckOverTlsPassesAtLayer6WithoutSniOrAlpnByDefault() throws Exception {
        ProbeServer p = probe(new TestTls.Server(List.of("http/1.1"), false));
        start("""
                    server s1 127.0.0.1:${P} check check-ssl ca-file ${CA} verifyhost check.fulcrum.test inter 200ms
                """, p);
        waitFor(() -> server().check().last().status().equals("L6OK") && p.snis().size() >= 2);
        assertThat(p.snis()).containsOnly("");
        assertThat(p.alpns()).containsOnly("");
    }

    @Test
    void certificateFromAnotherCaFailsTheHandshake() throws Exception {
        ProbeServer p = probe(TestTls.Server.plain());
        Events events = start("""
                    option httpchk GET /
                    server s1 127.0.0.1:${P} check check-ssl ca-file ${OTHER_CA} inter 200ms fall 1
                """, p);
        down(events, "Layer6 invalid response", "SSL handshake failure");
        assertThat(p.requests()).isEmpty();
    }

    @Test
    void certificateWithoutTheVerifyhostNameIsTheConfiguredOneMismatch() throws Exception {
        ProbeServer p = probe(TestTls.Server.plain());
        Events events = start("""
                    server s1 127.0.0.1:${P} check check-ssl ca-file ${CA} verifyhost other.example inter 200ms fall 1
                """, p);
        down(events, "Layer6 invalid response",
                "Server presented an SSL certificate different from the configured one");
    }

    @Test
    void certificateWithoutTheSniNameIsTheExpectedOneMismatch() throws Exception {
        ProbeServer p = probe(TestTls.Server.plain());
        Events events = start("""
                    server s1 127.0.0.1:${P} check check-ssl ca-file ${CA} check-sni other.example verifyhost check.fulcrum.test inter 200ms fall 1
                """, p);
        down(events, "Layer6 invalid response",
                "Server presented an SSL certificate different from the expected one");
    }

    @Test
    void plainTextServerBehindCheckSslFailsAtLayer6() throws Exception {
        ProbeServer p = probe(null);
        Events events = start("""
                    option httpchk GET /
                    server s1 127.0.0.1:${P} check check-ssl verify none inter 200ms fall 1
                """, p);
        down(events, "Layer6 invalid response", "SSL handshake failure");
    }

    @Test
    void serverThatNeverFinishesTheHandshakeTimesOutAtLayer6() throws Exception {
        ProbeServer p = probe(null);
        p.slow();
        Events events = start("""
                    server s1 127.0.0.1:${P} check check-ssl verify none inter 200ms fall 1
                """, p);
        events.await("Server bk/s1 is DOWN, reason: Layer6 timeout,");
    }

    @Test
    void clientCertificateIsShownWhenTheServerAsks() throws Exception {
        ProbeServer p = probe(new TestTls.Server(List.of(), true));
        start("""
                    option httpchk GET /
                    server s1 127.0.0.1:${P} check check-ssl ca-file ${CA} crt ${CRT} inter 200ms
                """, p);
        waitFor(() -> server().check().last().status().equals("L7OK") && p.requests().size() >= 2);
    }

    @Test
    void missingClientCertificateIsAnSslFatalError() throws Exception {
        ProbeServer p = probe(new TestTls.Server(List.of(), true));
        Events events = start("""
                    option httpchk GET /
                    server s1 127.0.0.1:${P} check check-ssl ca-file ${CA} inter 200ms fall 1
                """, p);
        down(events, "Socket error", "SSL fatal error");
    }

    @Test
    void tcpCheckConnectSslCarriesItsOwnSniAndAlpn() throws Exception {
        ProbeServer p = probe(new TestTls.Server(List.of("x-test", "http/1.1"), false));
        start("""
                    option tcp-check
                    tcp-check connect ssl sni check.fulcrum.test alpn x-test
                    tcp-check send "GET /tcp HTTP/1.0\\r\\n\\r\\n"
                    tcp-check expect string "200 OK"
                    server s1 127.0.0.1:${P} check ca-file ${CA} inter 200ms
                """, p);
        waitFor(() -> server().check().last().status().equals("L7OK") && p.requests().size() >= 2);
        assertThat(p.snis()).contains("check.fulcrum.test");
        assertThat(p.alpns()).contains("x-test");
        assertThat(p.requests()).anyMatch(r -> r.startsWith("GET /tcp HTTP/1.0"));
    }

    @Test
    void explicitConnectWithoutDefaultDoesNotInheritCheckSsl() throws Exception {
        ProbeServer p = probe(TestTls.Server.plain());
        Events events = start("""
                    option tcp-check
                    tcp-check connect
                    tcp-check send "GET / HTTP/1.0\\r\\n\\r\\n"
                    tcp-check expect string "200 OK"
                    server s1 127.0.0.1:${P} check check-ssl verify none inter 200ms fall 1
                """, p);
        events.await("Server bk/s1 is DOWN");
        waitFor(() -> p.handshakeFailures() > 0); // the TLS server got plain text
    }

    @Test
    void httpCheckConnectSslSendsItsSni() throws Exception {
        ProbeServer p = probe(TestTls.Server.plain());
        start("""
                    option httpchk
                    http-check connect ssl sni check.fulcrum.test
                    http-check send meth GET uri /h2h
                    server s1 127.0.0.1:${P} check ca-file ${CA} inter 200ms
                """, p);
        waitFor(() -> server().check().last().status().equals("L7OK") && p.requests().size() >= 2);
        assertThat(p.snis()).contains("check.fulcrum.test");
        assertThat(p.requests()).anyMatch(r -> r.startsWith("GET /h2h HTTP/1.0"));
    }
}
