package dev.fulcrum.check;

import dev.fulcrum.testing.Await;
import dev.fulcrum.testing.Haproxy;
import dev.fulcrum.testing.RawHttp;
import dev.fulcrum.testing.RunningEngine;
import dev.fulcrum.testing.SideBySide;
import dev.fulcrum.testing.TestResources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The state-change lines Fulcrum prints on stderr, compared with the real
 * haproxy 2.6 run in the foreground on the same configuration, checking the same
 * probe servers while the test turns them down, up and garbled. Only the pid and
 * the measured check durations are normalized.
 */
class CheckStatesDifferentialTest {

    private final TestResources open = new TestResources();

    @AfterEach
    void close() throws Exception {
        open.close();
    }

    /**
     * Both processes on {@code config}, {@code ${FE}} a distinct port for each,
     * printing state lines (haproxy with a stats socket, to see its checks, and
     * one thread: with two, a health check may slip in between an agent check
     * raising its counter and bringing the server up, and give its own reason).
     */
    private SideBySide pair(String config, Map<String, Object> vars) throws Exception {
        return open.add(SideBySide.of(config).ports("FE").vars(vars).stateLines().cli()
                .haproxyGlobal("nbthread 1").start());
    }

    private ProbeServer probe(ProbeServer.Reply r) throws Exception {
        return open.add(ProbeServer.start(r));
    }

    @Test
    void healthCheckTransitionsPrintHaproxysLines() throws Exception {
        assumeTrue(Haproxy.available(), "haproxy is not installed");
        ProbeServer a = probe(ProbeServer.httpReply(200, "OK", "ok"));
        ProbeServer b = probe(ProbeServer.httpReply(200, "OK", "ok"));
        ProbeServer k = probe(ProbeServer.httpReply(200, "OK", "ok"));
        SideBySide pair = pair("""
                defaults
                    mode http
                    timeout connect 1s
                    timeout client 5s
                    timeout server 5s
                    timeout check 2s
                frontend fe
                    bind 127.0.0.1:${FE}
                    default_backend bk_api
                backend bk_api
                    option httpchk GET /health
                    server api-1 127.0.0.1:${A} check inter 40ms fall 2 rise 2
                    server api-2 127.0.0.1:${B} check inter 40ms fall 2 rise 2
                    server api-3 127.0.0.1:${K} check inter 40ms fall 2 rise 2 backup
                """, Map.of("A", a.port(), "B", b.port(), "K", k.port()));
        pair.awaitFirstChecks("bk_api", "api-1", "api-2", "api-3"); // both fully up
        a.answer(ProbeServer.httpReply(500, "Internal Server Error", ""));
        pair.awaitStateLines(1);
        b.down();
        pair.awaitStateLines(2);
        k.answer(ProbeServer.text("garbage\r\n\r\n"));
        pair.awaitStateLines(4);
        a.answer(ProbeServer.httpReply(200, "OK", "ok"));
        pair.awaitStateLines(5);
        b.up();
        b.answer(ProbeServer.httpReply(200, "OK", "ok"));
        pair.awaitStateLines(6);
        k.answer(ProbeServer.httpReply(200, "OK", "ok"));
        pair.awaitStateLines(7);
        Thread.sleep(200);
        assertThat(pair.fulcrumStateLines()).isEqualTo(pair.haproxyStateLines());
        assertThat(pair.fulcrumStateLines()).contains(
                "[WARNING] : Server bk_api/api-2 is DOWN, reason: Layer4 connection problem, info: \"Connection refused\","
                        + " check duration: Nms. 0 active and 1 backup servers left. Running on backup. 0 sessions active,"
                        + " 0 requeued, 0 remaining in queue.",
                "[ALERT] : backend 'bk_api' has no server available!");
    }

    @Test
    void agentRepliesPrintHaproxysLines() throws Exception {
        assumeTrue(Haproxy.available(), "haproxy is not installed");
        ProbeServer agent = probe(ProbeServer.text("up\n"));
        agent.speakFirst(true);
        ProbeServer web = probe(ProbeServer.text(""));
        SideBySide pair = pair("""
                defaults
                    mode http
                    timeout connect 1s
                    timeout client 5s
                    timeout server 5s
                frontend fe
                    bind 127.0.0.1:${FE}
                    default_backend bk_agent_health
                backend bk_agent_health
                    server s1 127.0.0.1:${WEB} check inter 40ms agent-check agent-port ${AG} agent-inter 40ms
                    server s2 127.0.0.1:${WEB} check inter 40ms
                """, Map.of("WEB", web.port(), "AG", agent.port()));
        pair.awaitFirstChecks("bk_agent_health", "s1", "s2");
        String[] replies = {"drain", "ready", "maint", "ready", "down # disk full", "up", "stopped", "up 75%",
                "fail", "up"};
        int expected = 0;
        for (String r : replies) {
            agent.answer(ProbeServer.text(r + "\n"));
            pair.awaitStateLines(++expected);
        }
        Thread.sleep(200);
        assertThat(pair.fulcrumStateLines()).isEqualTo(pair.haproxyStateLines());
    }

    @Test
    void trackingNolbAndTcpCheckPrintHaproxysLines() throws Exception {
        assumeTrue(Haproxy.available(), "haproxy is not installed");
        ProbeServer a = probe(ProbeServer.httpReply(200, "OK", "ok"));
        ProbeServer r = probe(ProbeServer.text("+PONG\r\n"));
        SideBySide pair = pair("""
                defaults
                    mode http
                    timeout connect 1s
                    timeout client 5s
                    timeout server 5s
                    timeout check 2s
                frontend fe
                    bind 127.0.0.1:${FE}
                    default_backend bk_main
                backend bk_main
                    option httpchk GET /
                    http-check disable-on-404
                    server s1 127.0.0.1:${A} check inter 40ms fall 1 rise 1
                backend bk_track
                    option httpchk GET /
                    http-check disable-on-404
                    server t1 127.0.0.1:${A} track bk_main/s1
                backend bk_tcp
                    option tcp-check
                    tcp-check send PING\\r\\n
                    tcp-check expect string +PONG
                    server r1 127.0.0.1:${R} check inter 40ms fall 1 rise 1
                """, Map.of("A", a.port(), "R", r.port()));
        pair.awaitFirstChecks("bk_main", "s1");
        pair.awaitFirstChecks("bk_tcp", "r1");
        a.answer(ProbeServer.httpReply(404, "Not Found", ""));
        pair.awaitStateLines(3);
        a.answer(ProbeServer.httpReply(500, "Internal Server Error", ""));
        pair.awaitStateLines(5);
        a.answer(ProbeServer.httpReply(200, "OK", ""));
        pair.awaitStateLines(7);
        r.answer(ProbeServer.text("-ERR unknown\r\n"));
        pair.awaitStateLines(9);
        Thread.sleep(200);
        assertThat(pair.fulcrumStateLines()).isEqualTo(pair.haproxyStateLines());
    }

    @Test
    void observedErrorsPrintHaproxysLine() throws Exception {
        assumeTrue(Haproxy.available(), "haproxy is not installed");
        ProbeServer health = probe(ProbeServer.text(""));
        int closed = RunningEngine.freePort(); // nothing listens: every request's connection is refused
        String config = """
                defaults
                    mode http
                    timeout connect 1s
                    timeout client 5s
                    timeout server 5s
                frontend fe
                    bind 127.0.0.1:${FE}
                    default_backend bk
                backend bk
                    server s1 127.0.0.1:${CLOSED} check port ${H} inter 10s observe layer4 error-limit 2 on-error mark-down
                    server s2 127.0.0.1:${H} check inter 10s
                """.replace("${CLOSED}", Integer.toString(closed)).replace("${H}", Integer.toString(health.port()));
        SideBySide pair = pair(config, Map.of());
        for (int port : new int[] {pair.haproxyPort("FE"), pair.fulcrumPort("FE")}) {
            for (int i = 0; i < 4; i++) {
                try (RawHttp c = new RawHttp(port)) {
                    c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").readResponse();
                }
            }
        }
        pair.awaitStateLines(1);
        assertThat(pair.fulcrumStateLines()).isEqualTo(pair.haproxyStateLines())
                .containsExactly("[WARNING] : Server bk/s1 is DOWN, reason: Health analyze, info: \"Detected 2 "
                        + "consecutive errors, last one was: L4 unsuccessful connection\". 1 active and 0 backup "
                        + "servers left. 1 sessions active, 0 requeued, 0 remaining in queue.");
    }

    @Test
    void logHealthChecksPrintsHaproxysPerCheckLines() throws Exception {
        assumeTrue(Haproxy.available(), "haproxy is not installed");
        ProbeServer a = probe(ProbeServer.httpReply(200, "OK", "ok"));
        ProbeServer b = probe(ProbeServer.httpReply(200, "OK", "ok"));
        ProbeServer k = probe(ProbeServer.httpReply(200, "OK", "ok"));
        SideBySide pair = pair("""
                defaults
                    mode http
                    timeout connect 1s
                    timeout client 5s
                    timeout server 5s
                    timeout check 2s
                    option log-health-checks
                frontend fe
                    bind 127.0.0.1:${FE}
                    default_backend bk_api
                backend bk_api
                    option httpchk GET /health
                    http-check disable-on-404
                    server api-1 127.0.0.1:${A} check inter 40ms fall 3 rise 2
                    server api-2 127.0.0.1:${B} check inter 40ms fall 2 rise 2 weight 0
                    server api-3 127.0.0.1:${K} check inter 40ms fall 1 rise 1 backup
                """, Map.of("A", a.port(), "B", b.port(), "K", k.port()));
        pair.awaitStateLines(3); // the first check of each: status INI -> L7OK
        a.answer(ProbeServer.httpReply(500, "Internal Server Error", ""));
        pair.awaitStateLines(7); // 2/3 UP, 1/3 UP, 0/2 DOWN and the DOWN line
        b.down();
        pair.awaitStateLines(10);
        k.answer(ProbeServer.httpReply(404, "Not Found", ""));
        pair.awaitStateLines(12); // conditionally succeeded, then "is stopping"
        a.answer(ProbeServer.httpReply(200, "OK", "ok"));
        pair.awaitStateLines(15);
        b.up();
        pair.awaitStateLines(17);
        Thread.sleep(200);
        List<String> ours = pair.fulcrumStateLines();
        List<String> theirs = pair.haproxyStateLines();
        // the three first checks run within a few milliseconds of each other, in no fixed order
        assertThat(ours.subList(0, 3)).containsExactlyInAnyOrderElementsOf(theirs.subList(0, 3));
        assertThat(ours.subList(3, ours.size())).isEqualTo(theirs.subList(3, theirs.size()));
        assertThat(pair.fulcrumStateLines()).contains(
                "[WARNING] : Health check for server bk_api/api-1 failed, reason: Layer7 wrong status, code: 500, "
                        + "info: \"Internal Server Error\", check duration: Nms, status: 2/3 UP.",
                "[WARNING] : Health check for server bk_api/api-2 succeeded, reason: Layer7 check passed, code: 200,"
                        + " check duration: Nms, status: 2/2 DRAIN.");
    }

    @Test
    void logHealthChecksPrintsHaproxysAgentLines() throws Exception {
        assumeTrue(Haproxy.available(), "haproxy is not installed");
        ProbeServer agent = probe(ProbeServer.text("up\n"));
        agent.speakFirst(true);
        ProbeServer web = probe(ProbeServer.text(""));
        SideBySide pair = pair("""
                defaults
                    mode http
                    timeout connect 1s
                    timeout client 5s
                    timeout server 5s
                    timeout check 2s
                frontend fe
                    bind 127.0.0.1:${FE}
                    default_backend bk
                backend bk
                    option log-health-checks
                    server s1 127.0.0.1:${WEB} check inter 100ms agent-check agent-port ${AG} agent-inter 60ms
                """, Map.of("WEB", web.port(), "AG", agent.port()));
        pair.awaitStateLines(2);
        // each reply until its lines appeared on both sides, counted as they are compared (the number of
        // repeated "remains in forced drain mode" lines would let a count be reached before a step's own line)
        record Step(String reply, int lines) {
        }
        int expected = 2;
        for (Step s : List.of(new Step("down # disk full", 3), new Step("up", 2), new Step("drain", 2),
                new Step("fail", 3), new Step("up", 3), new Step("ready", 1), new Step("drain", 2),
                new Step("up 50%", 2), new Step("ready", 1))) {
            agent.answer(ProbeServer.text(s.reply() + "\n"));
            expected += s.lines();
            awaitCollapsed(pair, expected);
        }
        agent.down();
        awaitCollapsed(pair, expected + 1);
        Thread.sleep(200);
        // "up 50%" while drained repeats "remains in forced drain mode" on every run: compared once
        assertThat(collapsed(pair.fulcrumStateLines())).isEqualTo(collapsed(pair.haproxyStateLines()));
        assertThat(pair.fulcrumStateLines()).contains("[WARNING] : Server bk/s1 remains in forced drain mode.",
                "[WARNING] : Agent check for server bk/s1 failed, reason: Layer7 wrong status, code: 0, info: "
                        + "\"via agent : down (disk full)\", check duration: Nms, status: 0/1 DOWN.");
    }

    @Test
    void commentRulesNameTheFailingRuleAsInHaproxy() throws Exception {
        assumeTrue(Haproxy.available(), "haproxy is not installed");
        ProbeServer web = probe(ProbeServer.httpReply(200, "OK", "ok"));
        ProbeServer silent = probe(ProbeServer.text(""));
        silent.slow();
        int closed = RunningEngine.freePort();
        SideBySide pair = pair("""
                defaults
                    mode http
                    timeout connect 1s
                    timeout client 5s
                    timeout server 5s
                    timeout check 1s
                frontend fe
                    bind 127.0.0.1:${FE}
                    default_backend bk_tcp
                backend bk_tcp
                    option tcp-check
                    tcp-check comment first connect
                    tcp-check connect
                    tcp-check comment "my send"
                    tcp-check send GET\\ /\\ HTTP/1.0\\r\\n\\r\\n
                    tcp-check comment "expect foo"
                    tcp-check expect string foo
                    server s1 127.0.0.1:${WEB} check inter 100ms fall 1
                backend bk_conn
                    option tcp-check
                    tcp-check comment first connect
                    tcp-check connect
                    tcp-check expect string foo
                    server s2 127.0.0.1:${CLOSED} check inter 100ms fall 1
                backend bk_http
                    option httpchk
                    http-check comment "hc comment"
                    http-check send meth GET uri /
                    http-check comment "status 201"
                    http-check expect status 201
                    server s3 127.0.0.1:${WEB} check inter 100ms fall 1
                backend bk_slow
                    option tcp-check
                    tcp-check comment c1
                    tcp-check comment c2
                    tcp-check expect string x
                    server s4 127.0.0.1:${SILENT} check inter 100ms fall 1
                """, Map.of("WEB", web.port(), "CLOSED", closed, "SILENT", silent.port()));
        pair.awaitStateLines(8);
        Thread.sleep(200);
        List<String> ours = pair.fulcrumStateLines();
        assertThat(ours).containsExactlyInAnyOrderElementsOf(pair.haproxyStateLines());
        assertThat(ours).contains("[WARNING] : Server bk_conn/s2 is DOWN, reason: Layer4 connection problem, info: "
                + "\"Connection refused at step 2 of tcp-check (connect) comment: 'first'\", check duration: Nms. 0 "
                + "active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.");
    }

    private static void awaitCollapsed(SideBySide pair, int n) throws InterruptedException {
        Await.until(() -> collapsed(pair.fulcrumStateLines()).size() >= n
                && collapsed(pair.haproxyStateLines()).size() >= n);
    }

    /**
     * The lines with repeats of "remains in forced drain mode" left out: how many
     * agent runs see a drained server before the next reply depends on timing.
     * A repeat is one since the last line that is neither that nor a check's own
     * log line (which the first run after a reply may print next to it).
     */
    private static List<String> collapsed(List<String> lines) {
        List<String> out = new ArrayList<>();
        boolean remains = false;
        for (String l : lines) {
            if (l.endsWith(" remains in forced drain mode.")) {
                if (remains) {
                    continue;
                }
                remains = true;
            } else if (!l.contains(" check for server ")) {
                remains = false;
            }
            if (out.isEmpty() || !out.getLast().equals(l)) {
                out.add(l);
            }
        }
        return out;
    }
}
