package dev.fulcrum.main;

import dev.fulcrum.testing.ForkedEngine;
import dev.fulcrum.testing.RawHttp;
import dev.fulcrum.testing.RunningEngine;
import dev.fulcrum.testing.TestBackend;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** HAProxy's signal semantics on a forked engine process. */
class SignalsTest {

    private static String config(int port, String server) {
        return """
                defaults
                  mode http
                  timeout client 5s
                  timeout server 5s
                  timeout connect 1s
                frontend fe
                  bind 127.0.0.1:%d
                  default_backend be
                backend be
                  server s1 %s
                """.formatted(port, server);
    }

    @Test
    void sigtermStopsAtOnceAndExitsZero() throws Exception {
        int port = RunningEngine.freePort();
        try (ForkedEngine e = ForkedEngine.start(config(port, "127.0.0.1:9"), List.of(), port)) {
            e.signal("TERM");
            assertThat(e.awaitExit(10)).isZero();
        }
    }

    @Test
    void sigintStopsAtOnceAndExitsZero() throws Exception {
        int port = RunningEngine.freePort();
        try (ForkedEngine e = ForkedEngine.start(config(port, "127.0.0.1:9"), List.of(), port)) {
            e.signal("INT");
            assertThat(e.awaitExit(10)).isZero();
        }
    }

    @Test
    void sigusr1FinishesInFlightRequestsThenExitsZero() throws Exception {
        try (TestBackend slow = TestBackend.start("slow").behavior(TestBackend.delayed(800))) {
            int port = RunningEngine.freePort();
            try (ForkedEngine e = ForkedEngine.start(config(port, slow.address()), List.of(), port)) {
                CompletableFuture<String> inflight = CompletableFuture.supplyAsync(() -> {
                    try (RawHttp c = new RawHttp(port)) {
                        return c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").readResponse();
                    } catch (Exception ex) {
                        return ex.toString();
                    }
                });
                while (slow.requests() == 0) {
                    Thread.sleep(10);
                }
                e.signal("USR1");
                assertThat(inflight.get()).startsWith("HTTP/1.1 200 OK").contains("connection: close");
                assertThat(e.awaitExit(10)).isZero();
            }
        }
    }

    @Test
    void pidfileHoldsTheProcessId() throws Exception {
        int port = RunningEngine.freePort();
        java.nio.file.Path pidfile = java.nio.file.Files.createTempFile("fulcrum", ".pid");
        try (ForkedEngine e = ForkedEngine.start(config(port, "127.0.0.1:9"), List.of(), port, "-p", pidfile.toString())) {
            // the pidfile is written once every listener is bound, just after the port opens
            String content = "";
            for (int i = 0; i < 250 && content.isEmpty(); i++) {
                content = java.nio.file.Files.readString(pidfile).trim();
                Thread.sleep(20);
            }
            assertThat(content).isEqualTo(Long.toString(e.pid()));
        } finally {
            java.nio.file.Files.deleteIfExists(pidfile);
        }
    }
}
