package dev.fulcrum.proxyprotocol;

import dev.fulcrum.testing.RunningEngine;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Health checks and the PROXY protocol, as haproxy 2.6 sends it: a v1 check
 * names the check connection's own addresses, a v2 check says LOCAL; a server
 * with {@code send-proxy} has it on its checks unless they go to another
 * {@code port}, and {@code check-send-proxy} forces it.
 */
class ProxyProtocolChecksTest {

    @Test
    void checksSendTheHeaderHaproxySends() throws Exception {
        try (ProxyCaptureServer v1 = new ProxyCaptureServer(); ProxyCaptureServer v2 = new ProxyCaptureServer();
             ProxyCaptureServer forced = new ProxyCaptureServer(); ProxyCaptureServer other = new ProxyCaptureServer()) {
            String config = """
                    defaults
                      mode http
                      timeout client 1s
                      timeout server 1s
                      timeout connect 1s
                    frontend fe
                      bind 127.0.0.1:${PORT}
                      default_backend be
                    backend be
                      server v1 ${V1} send-proxy check inter 100ms
                      server v2 ${V2} send-proxy-v2 check inter 100ms
                      server forced ${FORCED} check-send-proxy check inter 100ms
                      server other ${OTHER} send-proxy check inter 100ms port ${OTHER_PORT}
                    """;
            try (RunningEngine e = RunningEngine.start(config, Map.of("PORT", Integer.toString(RunningEngine.freePort()),
                    "V1", v1.address(), "V2", v2.address(), "FORCED", forced.address(), "OTHER", other.address(),
                    "OTHER_PORT", other.address().substring(other.address().indexOf(':') + 1)))) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while ((v1.headers.isEmpty() || v2.headers.isEmpty() || forced.headers.isEmpty()
                        || other.headers.isEmpty()) && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                String port = v1.address().substring(v1.address().indexOf(':') + 1);
                assertThat(v1.headers.getFirst()).matches("PROXY v1 src=/127\\.0\\.0\\.1:\\d+ dst=/127\\.0\\.0\\.1:"
                        + port + " length=\\d+ line=PROXY TCP4 127\\.0\\.0\\.1 127\\.0\\.0\\.1 \\d+ " + port);
                assertThat(v2.headers.getFirst()).isEqualTo("PROXY v2 LOCAL src=null dst=null length=16");
                assertThat(forced.headers.getFirst()).startsWith("PROXY v1 src=/127.0.0.1:");
                assertThat(other.headers.getFirst()).as("a check on its own port sends none").isEqualTo("nothing");
            }
        }
    }
}
