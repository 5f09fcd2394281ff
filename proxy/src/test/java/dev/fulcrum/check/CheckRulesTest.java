package dev.fulcrum.check;

import dev.fulcrum.runtime.Engine;
import dev.fulcrum.server.CheckReport;
import dev.fulcrum.server.OperState;
import dev.fulcrum.server.Server;
import dev.fulcrum.testing.TestResources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;

import static dev.fulcrum.check.RiseFallTest.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * http-check and tcp-check rules against probe servers: what is sent, which
 * answers pass, and the status each failure reports (as {@code show stat}
 * would show it through the server's last check report).
 */
class CheckRulesTest {

    private final TestResources open = new TestResources();

    @AfterEach
    void close() throws Exception {
        open.close();
    }

    private ProbeServer probe(ProbeServer.Reply r) throws Exception {
        ProbeServer p = ProbeServer.start(r);
        open.add(p);
        return p;
    }

    /** Starts a backend {@code bk} with {@code rules} and one server checked on {@code port}; returns it. */
    private Server server(String rules, int port, String serverOptions) throws Exception {
        Engine e = Engines.start("""
                defaults
                    mode http
                    timeout connect 1s
                    timeout client 5s
                    timeout server 5s
                    timeout check 300ms
                backend bk
                """ + rules + "\n    server s1 127.0.0.1:" + port + " check inter 40ms fall 1 rise 1 " + serverOptions
                + "\n", Map.of(), new Events());
        open.add(e::close);
        return e.backends().get("bk").server("s1");
    }

    /** Waits until the check reports {@code status} (the state it leads to follows). */
    private static CheckReport awaitStatus(Server s, String status) throws InterruptedException {
        waitFor(() -> s.check().last().status().equals(status));
        return s.check().last();
    }

    @Test
    void headerExpectationsAndCustomStatuses() throws Exception {
        ProbeServer p = probe(request -> ("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nX-Role: primary, ready\r\n"
                + "Cache-Control: no-cache, private\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        Server hdr = server("""
                    option httpchk
                    http-check expect hdr name x-role value ready
                """, p.port(), "");
        awaitStatus(hdr, "L7OK");
        assertThat(hdr.operState()).isEqualTo(OperState.RUNNING);

        Server full = server("""
                    option httpchk
                    http-check expect fhdr name cache-control value "no-cache, pri" -m beg
                """, p.port(), "");
        awaitStatus(full, "L7OK");

        Server missing = server("""
                    option httpchk
                    http-check expect hdr name x-absent error-status L7RSP
                """, p.port(), "");
        CheckReport r = awaitStatus(missing, "L7RSP");
        assertThat(r.code()).isEqualTo(200);

        Server negated = server("""
                    option httpchk
                    http-check expect ! status 200-299 comment "must not be 2xx"
                """, p.port(), "");
        r = awaitStatus(negated, "L7STS");
        assertThat(r.info()).isEqualTo("OK comment: must not be 2xx");
    }

    @Test
    void timeoutStatusAndMinRecv() throws Exception {
        ProbeServer slow = probe(ProbeServer.text(""));
        slow.slow();
        Server s = server("""
                    option httpchk
                    http-check expect tout-status L4TOUT status 200
                """, slow.port(), "");
        awaitStatus(s, "L4TOUT");

        // min-recv: 5 bytes are not enough to judge, the close is
        ProbeServer shortBody = probe(ProbeServer.text("+OK\r\n"));
        Server tcp = server("""
                    option tcp-check
                    tcp-check send PING\\r\\n
                    tcp-check expect min-recv 10 string +OK
                """, shortBody.port(), "");
        awaitStatus(tcp, "L7OK");
    }

    @Test
    void tcpCheckBinaryRulesAndNegation() throws Exception {
        byte[] answer = HexFormat.of().parseHex("0102ff00abcd");
        ProbeServer p = probe(request -> answer);
        Server bin = server("""
                    option tcp-check
                    tcp-check send-binary 50494e470d0a
                    tcp-check expect binary ff00ab
                """, p.port(), "");
        awaitStatus(bin, "L7OK");
        assertThat(p.requests()).contains("PING\r\n");

        Server rbin = server("""
                    option tcp-check
                    tcp-check send-binary 00
                    tcp-check expect rbinary ^0102..00
                """, p.port(), "");
        awaitStatus(rbin, "L7OK");

        Server unwanted = server("""
                    option tcp-check
                    tcp-check send-binary 00
                    tcp-check expect ! binary abcd
                """, p.port(), "");
        CheckReport r = awaitStatus(unwanted, "L7RSP");
        assertThat(r.info()).isEqualTo("TCPCHK matched unwanted content (binary) at step 2");

        Server wrong = server("""
                    option tcp-check
                    tcp-check send-binary 00
                    tcp-check expect string NOPE
                """, p.port(), "");
        r = awaitStatus(wrong, "L7RSP");
        assertThat(r.info()).isEqualTo("TCPCHK did not match content 'NOPE' at step 2");
    }

    @Test
    void multiStepSequenceConnectsToEachConfiguredPort() throws Exception {
        ProbeServer first = probe(ProbeServer.httpReply(200, "OK", "alive"));
        ProbeServer second = probe(ProbeServer.text("+PONG\r\n"));
        Server s = server("""
                    option tcp-check
                    tcp-check connect port ${FIRST}
                    tcp-check send GET\\ /\\ HTTP/1.0\\r\\n\\r\\n
                    tcp-check expect string alive
                    tcp-check connect port ${SECOND} linger
                    tcp-check send PING\\r\\n
                    tcp-check expect string +PONG
                """.replace("${FIRST}", Integer.toString(first.port())).replace("${SECOND}",
                Integer.toString(second.port())), first.port(), "");
        awaitStatus(s, "L7OK");
        assertThat(first.requests()).contains("GET / HTTP/1.0\r\n\r\n");
        assertThat(second.requests()).contains("PING\r\n");
        second.down();
        CheckReport r = awaitStatus(s, "L4CON");
        assertThat(r.info()).isEqualTo("Connection refused at step 4 of tcp-check (connect port " + second.port() + ")");
    }

    @Test
    void sendStateTellsTheServerItsState() throws Exception {
        ProbeServer p = probe(ProbeServer.httpReply(200, "OK", ""));
        Server s = server("""
                    option httpchk GET /state HTTP/1.1\\r\\nHost:\\ check.local
                    http-check send-state
                """, p.port(), "weight 7");
        awaitStatus(s, "L7OK");
        String request = p.requests().getFirst();
        assertThat(request).startsWith("GET /state HTTP/1.1\r\nhost: check.local\r\nx-haproxy-server-state: UP");
        assertThat(request).contains("; name=bk/s1; node=").contains("; weight=7/7; scur=0/0; qcur=0\r\n")
                .endsWith("connection: close\r\n\r\n");
    }

    @Test
    void aBackendUsesTheDefaultsRulesOnlyWhileItHasNoneOfItsOwn() throws Exception {
        ProbeServer p = probe(ProbeServer.httpReply(204, "No Content", ""));
        Engine e = Engines.start("""
                defaults
                    mode http
                    timeout connect 1s
                    timeout client 5s
                    timeout server 5s
                    option httpchk GET /
                    http-check expect status 204
                backend inherits
                    server s1 127.0.0.1:${P} check inter 40ms fall 1 rise 1
                backend own
                    http-check expect status 200
                    server s1 127.0.0.1:${P} check inter 40ms fall 1 rise 1
                """, Map.of("P", p.port()), new Events());
        open.add(e::close);
        awaitStatus(e.backends().get("inherits").server("s1"), "L7OK");
        CheckReport r = awaitStatus(e.backends().get("own").server("s1"), "L7STS");
        assertThat(r.code()).isEqualTo(204);
    }
}
