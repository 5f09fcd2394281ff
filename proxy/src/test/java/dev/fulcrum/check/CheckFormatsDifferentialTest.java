package dev.fulcrum.check;

import dev.fulcrum.runtime.Engine;
import dev.fulcrum.server.StateEvents;
import dev.fulcrum.testing.Haproxy;
import dev.fulcrum.testing.RunningEngine;
import dev.fulcrum.testing.StateLines;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Log-format strings and variables in check rules, against the real haproxy
 * 2.6: what each check sends ({@code send-lf}, {@code send-binary-lf},
 * {@code uri-lf}, {@code hdr}, {@code body-lf}, set-var/unset-var in all the
 * scopes checks have) is recorded by loopback probes, one set per process, and
 * must be the same bytes; the state lines carrying {@code on-success},
 * {@code on-error} and {@code status-code} must be the same lines.
 */
class CheckFormatsDifferentialTest {

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private ProbeServer probe(ProbeServer.Reply r) throws Exception {
        ProbeServer p = ProbeServer.start(r);
        open.add(p);
        return p;
    }

    private static String fill(String config, Map<String, Object> vars) {
        String text = config;
        for (Map.Entry<String, Object> v : vars.entrySet()) {
            text = text.replace("${" + v.getKey() + "}", String.valueOf(v.getValue()));
        }
        return text;
    }

    private static final String SENDS = """
            defaults
                mode http
                timeout connect 1s
                timeout client 5s
                timeout server 5s
                timeout check 2s
            frontend fe
                bind 127.0.0.1:${FE}
                default_backend bk_tcp
            backend bk_tcp
                option tcp-check
                tcp-check set-var(check.x) str(hello)
                tcp-check set-var(sess.y) int(42)
                tcp-check set-var(proc.z) srv_id
                tcp-check set-var(txn.t) str(never)
                tcp-check set-var-fmt(check.f) "%s@%b"
                tcp-check set-var(check.x,ifnotexists) str(ignored)
                tcp-check send-lf "%[var(check.x)] %[var(sess.y)] %[var(proc.z)] %[srv_name] %[be_name] %[srv_id] %[be_id] %b %s %[var(check.f)] [%[var(txn.t)]] %%%[str(abc),upper] %[nbsrv] %[srv_is_up(bk_tcp/s1)]\\r\\n"
                tcp-check send-binary-lf "41%[var(sess.y),hex]0d0a"
                tcp-check unset-var(check.x)
                tcp-check send-lf "after=[%[var(check.x)]]\\n" comment last-send
                tcp-check expect string OK
                server s1 127.0.0.1:${T} check inter 100ms
            backend bk_http
                option httpchk
                http-check set-var(check.path) str(/health)
                http-check set-var-fmt(check.h) "srv=%s"
                http-check send meth POST uri-lf "%[var(check.path)]?s=%[srv_name]" ver HTTP/1.1 hdr Host "%[srv_name].local" hdr X-Be "%b %[var(check.h)]" hdr X-Empty "%[var(check.nope)]" hdr X-Fixed "100%%" body-lf "id=%[srv_id] x=%[var(check.nope)]"
                http-check expect status 200
                server s2 127.0.0.1:${H} check inter 100ms
            """;

    @Test
    void logFormatSendsAndVariablesSendHaproxysBytes() throws Exception {
        assumeTrue(Haproxy.available(), "haproxy is not installed");
        ProbeServer theirTcp = probe(ProbeServer.text("OK\n"));
        ProbeServer theirHttp = probe(ProbeServer.httpReply(200, "OK", "ok"));
        ProbeServer ourTcp = probe(ProbeServer.text("OK\n"));
        ProbeServer ourHttp = probe(ProbeServer.httpReply(200, "OK", "ok"));
        int hp = RunningEngine.freePort();
        open.add(Haproxy.start(fill(SENDS, Map.of("FE", hp, "T", theirTcp.port(), "H", theirHttp.port())), hp));
        Engine e = Engines.start(SENDS, Map.of("FE", RunningEngine.freePort(), "T", ourTcp.port(),
                "H", ourHttp.port()), ev -> { });
        open.add(e::close);
        for (ProbeServer p : List.of(theirTcp, theirHttp, ourTcp, ourHttp)) {
            for (int i = 0; i < 500 && p.requests().size() < 2; i++) {
                Thread.sleep(10);
            }
            assertThat(p.requests()).hasSizeGreaterThanOrEqualTo(2);
        }
        assertThat(ourTcp.requests().get(1)).isEqualTo(theirTcp.requests().get(1))
                .isEqualTo("hello 42 1 s1 bk_tcp 1 2 bk_tcp s1 s1@bk_tcp [] %ABC 1 1\r\n"
                        + "A\0\0\0\0\0\0\0*\r\nafter=[]\n");
        assertThat(ourHttp.requests().get(1)).isEqualTo(theirHttp.requests().get(1))
                .startsWith("POST /health?s=s2 HTTP/1.1\r\nhost: s2.local\r\nx-be: bk_http srv=s2\r\n"
                        + "x-fixed: 100%\r\n");
    }

    private static final String REPORTS = """
            defaults
                mode http
                timeout connect 1s
                timeout client 5s
                timeout server 5s
                timeout check 2s
            frontend fe
                bind 127.0.0.1:${FE}
                default_backend bk_err
            backend bk_err
                option tcp-check
                tcp-check set-var(check.v) str(abc)
                tcp-check send PING\\r\\n
                tcp-check expect on-error "bad %[srv_name] %[var(check.v)]" status-code "int(599)" string NOPE comment hello
                server s1 127.0.0.1:${T} check inter 40ms fall 1 rise 1
            backend bk_http
                option httpchk GET /
                http-check set-var(check.v) str(xyz)
                http-check expect on-success "fine %[srv_name] %[var(check.v)]" on-error "err %[srv_name]" status-code "int(299)" status 200
                server s2 127.0.0.1:${H} check inter 40ms fall 1 rise 1
            backend bk_send
                option tcp-check
                tcp-check send-lf "%[srv_name]\\r\\n"
                server s3 127.0.0.1:${S} check inter 40ms fall 1 rise 1
            backend bk_code
                option tcp-check
                tcp-check send PING\\r\\n
                tcp-check expect status-code "str(204abc)" string OK
                server s4 127.0.0.1:${S} check inter 40ms fall 1 rise 1
            """;

    @Test
    void onSuccessOnErrorAndStatusCodeReportAsHaproxy() throws Exception {
        assumeTrue(Haproxy.available(), "haproxy is not installed");
        ProbeServer t = probe(ProbeServer.text("OK\n"));
        ProbeServer h = probe(ProbeServer.httpReply(200, "OK", "ok"));
        ProbeServer s = probe(ProbeServer.text("OK\n"));
        Map<String, Object> ports = Map.of("T", t.port(), "H", h.port(), "S", s.port());
        int hp = RunningEngine.freePort();
        Map<String, Object> theirs = new java.util.HashMap<>(ports);
        theirs.put("FE", hp);
        Haproxy haproxy = Haproxy.start(fill(REPORTS, theirs), hp);
        open.add(haproxy);
        ByteArrayOutputStream ours = new ByteArrayOutputStream();
        Map<String, Object> mine = new java.util.HashMap<>(ports);
        mine.put("FE", RunningEngine.freePort());
        Engine e = Engines.start(REPORTS, mine, StateEvents.stderr(new PrintStream(ours, true,
                StandardCharsets.ISO_8859_1), 1234));
        open.add(e::close);
        awaitLines(haproxy, ours, 2); // bk_err goes down, with its alert
        h.answer(ProbeServer.httpReply(503, "Service Unavailable", ""));
        awaitLines(haproxy, ours, 4);
        h.answer(ProbeServer.httpReply(200, "OK", "ok"));
        awaitLines(haproxy, ours, 5);
        s.down();
        awaitLines(haproxy, ours, 9);
        s.up();
        awaitLines(haproxy, ours, 11);
        Thread.sleep(150);
        List<String> mineLines = sorted(ourLines(ours));
        assertThat(mineLines).isEqualTo(sorted(StateLines.normalize(haproxy.output())));
        assertThat(mineLines).contains(
                "[WARNING] : Server bk_err/s1 is DOWN, reason: Layer7 invalid response, info: \"bad s1 abc comment: "
                        + "hello\", check duration: Nms. 0 active and 0 backup servers left. 0 sessions active, "
                        + "0 requeued, 0 remaining in queue.",
                "[WARNING] : Server bk_http/s2 is DOWN, reason: Layer7 wrong status, code: 299, info: \"err s2\", "
                        + "check duration: Nms. 0 active and 0 backup servers left. 0 sessions active, 0 requeued, "
                        + "0 remaining in queue.",
                "[WARNING] : Server bk_http/s2 is UP, reason: Layer7 check passed, code: 299, info: \"fine s2 xyz\", "
                        + "check duration: Nms. 1 active and 0 backup servers online. 0 sessions requeued, "
                        + "0 total in queue.",
                "[WARNING] : Server bk_send/s3 is UP, reason: Layer7 check passed, code: 0, info: \"(tcp-check)\", "
                        + "check duration: Nms. 1 active and 0 backup servers online. 0 sessions requeued, "
                        + "0 total in queue.",
                "[WARNING] : Server bk_code/s4 is UP, reason: Layer7 check passed, code: 204, info: \"(tcp-check)\", "
                        + "check duration: Nms. 1 active and 0 backup servers online. 0 sessions requeued, "
                        + "0 total in queue.");
    }

    @Test
    void logFormatPatternsOfExpectRulesJudgeAsHaproxy() throws Exception {
        assumeTrue(Haproxy.available(), "haproxy is not installed");
        ProbeServer t = probe(ProbeServer.text("OK\n"));
        ProbeServer h = probe(ProbeServer.httpReply(200, "OK", "body"));
        String config = """
                defaults
                    mode http
                    timeout connect 1s
                    timeout client 5s
                    timeout server 5s
                    timeout check 2s
                frontend fe
                    bind 127.0.0.1:${FE}
                    default_backend bk_bin
                backend bk_bin
                    option tcp-check
                    tcp-check send PING\\r\\n
                    tcp-check expect binary-lf "%[str(4e4e)]"
                    server s1 127.0.0.1:${T} check inter 40ms fall 1 rise 1
                backend bk_bin_ok
                    option tcp-check
                    tcp-check send PING\\r\\n
                    tcp-check expect binary-lf "%[str(4f4b)]"
                    server s2 127.0.0.1:${T} check inter 40ms fall 1 rise 1
                backend bk_not
                    option tcp-check
                    tcp-check set-var(check.o) str(O)
                    tcp-check send PING\\r\\n
                    tcp-check expect ! string-lf "%[var(check.o)]K"
                    server s3 127.0.0.1:${T} check inter 40ms fall 1 rise 1
                backend bk_http
                    option httpchk GET /
                    http-check expect string-lf "%[srv_name]"
                    server s4 127.0.0.1:${H} check inter 40ms fall 1 rise 1
                """;
        int hp = RunningEngine.freePort();
        Haproxy haproxy = Haproxy.start(fill(config, Map.of("FE", hp, "T", t.port(), "H", h.port())), hp);
        open.add(haproxy);
        ByteArrayOutputStream ours = new ByteArrayOutputStream();
        Engine e = Engines.start(config, Map.of("FE", RunningEngine.freePort(), "T", t.port(), "H", h.port()),
                StateEvents.stderr(new PrintStream(ours, true, StandardCharsets.ISO_8859_1), 1234));
        open.add(e::close);
        awaitLines(haproxy, ours, 6);
        Thread.sleep(150);
        List<String> mineLines = sorted(ourLines(ours));
        assertThat(mineLines).isEqualTo(sorted(StateLines.normalize(haproxy.output())));
        assertThat(mineLines).contains(
                "[WARNING] : Server bk_bin/s1 is DOWN, reason: Layer7 invalid response, info: \"TCPCHK did not match "
                        + "content (log-format binary) at step 2\", check duration: Nms. 0 active and 0 backup servers "
                        + "left. 0 sessions active, 0 requeued, 0 remaining in queue.",
                "[WARNING] : Server bk_not/s3 is DOWN, reason: Layer7 invalid response, info: \"TCPCHK matched unwanted "
                        + "content (log-format string) at step 3\", check duration: Nms. 0 active and 0 backup "
                        + "servers left. 0 sessions active, 0 requeued, 0 remaining in queue.");
    }

    private static List<String> ourLines(ByteArrayOutputStream ours) {
        synchronized (ours) {
            return StateLines.normalize(ours.toString(StandardCharsets.ISO_8859_1));
        }
    }

    /** Lines of different servers may come in either order: each server's own order is what matters. */
    private static List<String> sorted(List<String> lines) {
        return lines.stream().sorted().toList();
    }

    private static void awaitLines(Haproxy haproxy, ByteArrayOutputStream ours, int n) throws InterruptedException {
        for (int i = 0; i < 1000; i++) {
            if (StateLines.normalize(haproxy.output()).size() >= n && ourLines(ours).size() >= n) {
                return;
            }
            Thread.sleep(10);
        }
        assertThat(StateLines.normalize(haproxy.output())).as("haproxy's lines")
                .hasSizeGreaterThanOrEqualTo(n);
        assertThat(ourLines(ours)).as("Fulcrum's lines").hasSizeGreaterThanOrEqualTo(n);
    }
}
