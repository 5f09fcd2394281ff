package dev.fulcrum.check;

import dev.fulcrum.runtime.Engine;
import dev.fulcrum.server.StateEvents;
import dev.fulcrum.testing.Haproxy;
import dev.fulcrum.testing.RunningEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The state-change lines Fulcrum prints on stderr, compared with the real
 * haproxy 2.6 run in the foreground on the same configuration, checking the same
 * probe servers while the test turns them down, up and garbled. Only the pid and
 * the measured check durations are normalized.
 */
class CheckStatesDifferentialTest {

    private static final Pattern DURATION = Pattern.compile("check duration: \\d+ms");
    private static final Pattern PREFIX = Pattern.compile("^\\[(WARNING|ALERT)\\] +\\(\\d+\\) : ");

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    /** Both processes on the same configuration; {@code ${FE}} gets a distinct port for each. */
    private final class Pair {
        final Haproxy haproxy;
        final ByteArrayOutputStream ours = new ByteArrayOutputStream();

        Pair(String config, Map<String, Object> vars) throws Exception {
            String text = config;
            for (Map.Entry<String, Object> v : vars.entrySet()) {
                text = text.replace("${" + v.getKey() + "}", String.valueOf(v.getValue()));
            }
            int hp = RunningEngine.freePort();
            haproxy = Haproxy.start(text.replace("${FE}", Integer.toString(hp)), hp);
            open.add(haproxy);
            PrintStream err = new PrintStream(ours, true, StandardCharsets.ISO_8859_1);
            Engine e = Engines.start(text, Map.of("FE", RunningEngine.freePort()), StateEvents.stderr(err, 1234));
            open.add(e::close);
        }

        List<String> haproxyLines() {
            return normalize(haproxy.output());
        }

        List<String> ourLines() {
            synchronized (ours) {
                return normalize(ours.toString(StandardCharsets.ISO_8859_1));
            }
        }

        /** Waits until both printed at least {@code n} state lines. */
        void await(int n) throws InterruptedException {
            for (int i = 0; i < 1000 && (haproxyLines().size() < n || ourLines().size() < n); i++) {
                Thread.sleep(10);
            }
            assertThat(haproxyLines()).as("haproxy's lines").hasSizeGreaterThanOrEqualTo(n);
            assertThat(ourLines()).as("Fulcrum's lines").hasSizeGreaterThanOrEqualTo(n);
        }
    }

    static List<String> normalize(String output) {
        List<String> out = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (!line.contains("Server ") && !line.contains("has no server available")) {
                continue;
            }
            out.add(DURATION.matcher(PREFIX.matcher(line).replaceFirst("[$1] : ")).replaceAll("check duration: Nms"));
        }
        return out;
    }

    private ProbeServer probe(ProbeServer.Reply r) throws Exception {
        ProbeServer p = ProbeServer.start(r);
        open.add(p);
        return p;
    }

    @Test
    void healthCheckTransitionsPrintHaproxysLines() throws Exception {
        assumeTrue(Haproxy.available(), "haproxy is not installed");
        ProbeServer a = probe(ProbeServer.httpReply(200, "OK", "ok"));
        ProbeServer b = probe(ProbeServer.httpReply(200, "OK", "ok"));
        ProbeServer k = probe(ProbeServer.httpReply(200, "OK", "ok"));
        Pair pair = new Pair("""
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
        Thread.sleep(300); // both fully up
        a.answer(ProbeServer.httpReply(500, "Internal Server Error", ""));
        pair.await(1);
        b.down();
        pair.await(2);
        k.answer(ProbeServer.text("garbage\r\n\r\n"));
        pair.await(4);
        a.answer(ProbeServer.httpReply(200, "OK", "ok"));
        pair.await(5);
        b.up();
        b.answer(ProbeServer.httpReply(200, "OK", "ok"));
        pair.await(6);
        k.answer(ProbeServer.httpReply(200, "OK", "ok"));
        pair.await(7);
        Thread.sleep(200);
        assertThat(pair.ourLines()).isEqualTo(pair.haproxyLines());
        assertThat(pair.ourLines()).contains(
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
        Pair pair = new Pair("""
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
        Thread.sleep(300);
        String[] replies = {"drain", "ready", "maint", "ready", "down # disk full", "up", "stopped", "up 75%",
                "fail", "up"};
        int expected = 0;
        for (String r : replies) {
            agent.answer(ProbeServer.text(r + "\n"));
            pair.await(++expected);
        }
        Thread.sleep(200);
        assertThat(pair.ourLines()).isEqualTo(pair.haproxyLines());
    }
}
