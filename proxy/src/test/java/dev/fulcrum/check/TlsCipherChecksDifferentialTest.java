package dev.fulcrum.check;

import dev.fulcrum.runtime.Engine;
import dev.fulcrum.testing.Haproxy;
import dev.fulcrum.testing.RunningEngine;
import dev.fulcrum.testing.StateLines;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code ciphers}, {@code ciphersuites} and the global
 * {@code ssl-default-server-ciphers} on TLS checks, next to the real haproxy
 * 2.6: the suite each check's handshake agrees on (recorded by TLS probes, one
 * set per process) must be the same, and a list the server cannot accept must
 * bring the server down with the same line.
 */
class TlsCipherChecksDifferentialTest {

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @BeforeAll
    static void warmTls() throws Exception {
        try (ProbeServer p = ProbeServer.start(ProbeServer.httpReply(200, "OK", "ok"), TestTls.Server.plain())) {
            TestTls.handshake(p.port());
        }
    }

    private ProbeServer probe() throws Exception {
        ProbeServer p = ProbeServer.start(ProbeServer.httpReply(200, "OK", "ok"), TestTls.Server.plain());
        open.add(p);
        return p;
    }

    private static final String CONFIG = """
            global
                ssl-default-server-ciphers ECDHE-ECDSA-AES128-SHA256
            defaults
                mode http
                timeout connect 5s
                timeout client 5s
                timeout server 5s
            frontend fe
                bind 127.0.0.1:${FE}
                default_backend bk
            backend bk
                option httpchk GET /
                server s1 127.0.0.1:${P1} check inter 1s check-ssl verify none ssl-max-ver TLSv1.2 ciphers ECDHE-ECDSA-AES256-GCM-SHA384
                server s2 127.0.0.1:${P2} check inter 1s check-ssl verify none ssl-min-ver TLSv1.3 ciphersuites TLS_CHACHA20_POLY1305_SHA256
                server s3 127.0.0.1:${P3} check inter 1s check-ssl verify none ssl-max-ver TLSv1.2
                server s4 127.0.0.1:${P4} check inter 1s check-ssl verify none ssl-max-ver TLSv1.2 ciphers ECDHE+AES256:!AESGCM:!SHA384
            """;

    @Test
    void checksAgreeOnTheSuitesHaproxyAgreesOn() throws Exception {
        assumeTrue(Haproxy.available(), "haproxy is not installed");
        List<ProbeServer> theirs = List.of(probe(), probe(), probe(), probe());
        List<ProbeServer> ours = List.of(probe(), probe(), probe(), probe());
        int hp = RunningEngine.freePort();
        open.add(Haproxy.start(fill(CONFIG, hp, theirs), hp));
        Engine e = Engines.start(fill(CONFIG, RunningEngine.freePort(), ours), Map.of(), ev -> { });
        open.add(e::close);
        for (ProbeServer p : concat(theirs, ours)) {
            for (int i = 0; i < 1000 && agreed(p) == null; i++) {
                Thread.sleep(10);
            }
            assertThat(agreed(p)).isNotNull();
        }
        List<String> mine = ours.stream().map(TlsCipherChecksDifferentialTest::agreed).toList();
        assertThat(mine).isEqualTo(theirs.stream().map(TlsCipherChecksDifferentialTest::agreed).toList());
        assertThat(mine).containsExactly("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
                "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA");
    }

    /**
     * The suite of the probe's latest completed handshake, or {@code null}: a JVM's first handshake with a
     * new context may be slow enough on a loaded machine for its check to give up first.
     */
    private static String agreed(ProbeServer p) {
        List<String> all = p.cipherSuites();
        String last = all.isEmpty() ? null : all.getLast();
        return last == null || last.startsWith("SSL_NULL") ? null : last;
    }

    @Test
    void aListTheServerCannotTakeFailsTheHandshakeAsInHaproxy() throws Exception {
        assumeTrue(Haproxy.available(), "haproxy is not installed");
        ProbeServer p = probe();
        String config = """
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 5s
                    timeout server 5s
                frontend fe
                    bind 127.0.0.1:${FE}
                    default_backend bk
                backend bk
                    option httpchk GET /
                    server s1 127.0.0.1:${P} check inter 3s fall 1 check-ssl verify none ssl-max-ver TLSv1.2 ciphers ECDHE-RSA-AES128-GCM-SHA256
                """.replace("${P}", Integer.toString(p.port()));
        int hp = RunningEngine.freePort();
        Haproxy haproxy = Haproxy.start(config.replace("${FE}", Integer.toString(hp)), hp);
        open.add(haproxy);
        StateLines.Capture capture = new StateLines.Capture();
        Engine e = Engines.start(config, Map.of("FE", RunningEngine.freePort()), capture.sink());
        open.add(e::close);
        for (int i = 0; i < 1500 && (capture.lines().size() < 2
                || StateLines.normalize(haproxy.output()).size() < 2); i++) {
            Thread.sleep(10);
        }
        assertThat(capture.lines()).isEqualTo(StateLines.normalize(haproxy.output())).containsExactly(
                "[WARNING] : Server bk/s1 is DOWN, reason: Layer6 invalid response, info: \"SSL handshake failure\", "
                        + "check duration: Nms. 0 active and 0 backup servers left. 0 sessions active, 0 requeued, "
                        + "0 remaining in queue.",
                "[ALERT] : backend 'bk' has no server available!");
    }

    private static String fill(String config, int fe, List<ProbeServer> probes) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("FE", fe);
        for (int i = 0; i < probes.size(); i++) {
            vars.put("P" + (i + 1), probes.get(i).port());
        }
        String text = config;
        for (Map.Entry<String, Object> v : vars.entrySet()) {
            text = text.replace("${" + v.getKey() + "}", String.valueOf(v.getValue()));
        }
        return text;
    }

    private static List<ProbeServer> concat(List<ProbeServer> a, List<ProbeServer> b) {
        List<ProbeServer> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
