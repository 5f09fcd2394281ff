package dev.fulcrum.http;

import dev.fulcrum.testing.RawHttp;
import dev.fulcrum.testing.RunningEngine;
import dev.fulcrum.testing.TestBackend;
import dev.fulcrum.testing.TestResources;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** Timeouts between and around requests, and frontend connection limits. */
class TimeoutsAndLimitsTest {

    private final TestResources resources = new TestResources();

    @AfterEach
    void tearDown() throws Exception {
        resources.close();
    }

    private <T extends AutoCloseable> T keep(T c) {
        return resources.add(c);
    }

    @Test
    void idleKeepAliveConnectionsCloseAfterTimeoutHttpKeepAliveWithoutALog() throws Exception {
        TestBackend a = keep(TestBackend.start("a"));
        RunningEngine e = keep(RunningEngine.start("""
                defaults
                  mode http
                  timeout client 5s
                  timeout server 5s
                  timeout connect 1s
                  timeout http-keep-alive 200
                frontend fe
                  bind 127.0.0.1:${PORT}
                  default_backend be
                backend be
                  server s1 ${A}
                """, Map.of("PORT", Integer.toString(RunningEngine.freePort()), "A", a.address())));
        try (RawHttp c = new RawHttp(e.port("fe"))) {
            assertThat(c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").readResponse()).startsWith("HTTP/1.1 200 OK");
            assertThat(c.closedByPeer(3000)).as("closed after the keep-alive timeout").isTrue();
        }
        assertThat(e.nextRecord().termination()).isEqualTo("----");
        Thread.sleep(100);
        assertThat(e.drainRecords()).as("an idle keep-alive close is not logged").isEmpty();
    }

    @Test
    void aClientStallingInItsBodyAfterAnEarlyResponseHitsTheClientTimeout() throws Exception {
        // a backend that answers on the request head: Netty delivers the head first
        TestBackend eager = keep(TestBackend.start("eager"));
        RunningEngine e2 = keep(RunningEngine.start("""
                defaults
                  mode http
                  timeout client 300
                  timeout server 5s
                  timeout connect 1s
                frontend fe
                  bind 127.0.0.1:${PORT}
                  default_backend be
                backend be
                  server s1 ${A}
                """, Map.of("PORT", Integer.toString(RunningEngine.freePort()), "A", eager.address())));
        eager.answerOnHead(HttpResponseStatus.OK, "early");
        try (RawHttp c = new RawHttp(e2.port("fe"))) {
            c.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n0123456789");
            assertThat(c.readResponse()).startsWith("HTTP/1.1 200 OK").endsWith("early");
            assertThat(c.closedByPeer(3000)).isTrue();
        }
        StreamRecord r = e2.nextRecord();
        assertThat(r.termination()).isEqualTo("cD--");
        assertThat(r.status()).isEqualTo(200);
    }

    @Test
    void frontendMaxconnHoldsNewConnectionsUntilOneCloses() throws Exception {
        TestBackend slow = keep(TestBackend.start("slow").behavior(TestBackend.delayed(400)));
        RunningEngine e = keep(RunningEngine.start("""
                defaults
                  mode http
                  timeout client 5s
                  timeout server 5s
                  timeout connect 1s
                frontend fe
                  bind 127.0.0.1:${PORT}
                  maxconn 1
                  default_backend be
                backend be
                  server s1 ${A}
                """, Map.of("PORT", Integer.toString(RunningEngine.freePort()), "A", slow.address())));
        int port = e.port("fe");
        CompletableFuture<Long> first = CompletableFuture.supplyAsync(() -> exchange(port));
        while (slow.requests() == 0) {
            Thread.sleep(5);
        }
        long start = System.nanoTime();
        long secondDone = exchange(port);
        long firstDone = first.get();
        assertThat(secondDone).as("the second connection was served only after the first one closed")
                .isGreaterThan(firstDone);
        assertThat(e.engine().frontends().get("fe").counters().max.get()).isEqualTo(1);
        assertThat(Duration.ofNanos(secondDone - start)).isPositive();
    }

    private static long exchange(int port) {
        try (RawHttp c = new RawHttp(port)) {
            c.send("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").readToClose();
            return System.nanoTime();
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }
}
