package dev.fulcrum.http;

import dev.fulcrum.testing.Await;
import dev.fulcrum.testing.RawHttp;
import dev.fulcrum.testing.RunningEngine;
import dev.fulcrum.testing.TestBackend;
import dev.fulcrum.testing.TestResources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Server connection reuse across clients, checked against what haproxy 2.6 does
 * (observed with the same configuration: with the default {@code http-reuse
 * safe}, sequential clients that stay connected share one server connection),
 * and the idle pool's {@code pool-max-conn} and {@code pool-purge-delay}.
 */
class ConnectionReuseTest {

    private final TestResources resources = new TestResources();

    @AfterEach
    void tearDown() throws Exception {
        resources.close();
    }

    private RunningEngine engine(TestBackend server, String backendLines, String serverOptions) throws Exception {
        return resources.engine("""
                global
                  nbthread 1
                defaults
                  mode http
                  timeout client 5s
                  timeout server 5s
                  timeout connect 1s
                frontend fe
                  bind 127.0.0.1:${PORT}
                  default_backend be
                backend be
                  ${LINES}
                  server s1 ${A} ${OPTIONS}
                """, Map.of("PORT", Integer.toString(RunningEngine.freePort()), "A", server.address(),
                "LINES", backendLines, "OPTIONS", serverOptions));
    }

    /** Opens {@code n} clients that each make one request and stay connected. */
    private List<RawHttp> idleClients(RunningEngine e, int n, boolean concurrently) throws Exception {
        List<RawHttp> clients = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            RawHttp c = resources.add(new RawHttp(e.port("fe")));
            c.send("GET /" + i + " HTTP/1.1\r\nHost: x\r\n\r\n");
            if (!concurrently) {
                assertThat(c.readResponse()).startsWith("HTTP/1.1 200");
            }
            clients.add(c);
        }
        if (concurrently) {
            for (RawHttp c : clients) {
                assertThat(c.readResponse()).startsWith("HTTP/1.1 200");
            }
        }
        return clients;
    }

    @Test
    void sequentialClientsShareTheIdleServerConnection() throws Exception {
        TestBackend a = resources.backend("a");
        RunningEngine e = engine(a, "", "");
        List<RawHttp> clients = idleClients(e, 5, false);
        assertThat(a.connections()).as("one server connection for five connected clients").isEqualTo(1);
        // each client's next request still works, on the shared connection
        for (RawHttp c : clients) {
            assertThat(c.send("GET /again HTTP/1.1\r\nHost: x\r\n\r\n").readResponse()).startsWith("HTTP/1.1 200");
        }
        assertThat(a.connections()).isEqualTo(1);
        assertThat(a.requests()).isEqualTo(10);
    }

    /**
     * A big response to a client with a tiny window pauses and resumes the server
     * connection many times; afterwards the connection is parked in a usable state
     * and carries the next client's request (the invariant behind it is unit-tested
     * in {@link BackConnectionTest}).
     */
    @Test
    void aConnectionThatServedASlowClientCarriesTheNextClientsRequest() throws Exception {
        String big = "x".repeat(300 * 1024);
        TestBackend a = resources.backend("a").behavior((b, ctx, req, body) ->
                TestBackend.respond(ctx, req, io.netty.handler.codec.http.HttpResponseStatus.OK,
                        req.uri().equals("/big") ? big : "small"));
        RunningEngine e = resources.engine("""
                global
                  nbthread 1
                  tune.sndbuf.client 4096
                defaults
                  mode http
                  timeout client 5s
                  timeout server 2s
                  timeout connect 1s
                frontend fe
                  bind 127.0.0.1:${PORT}
                  default_backend be
                backend be
                  server s1 ${A}
                """, Map.of("PORT", Integer.toString(RunningEngine.freePort()), "A", a.address()));
        // a client with a tiny window that reads in small sips: the proxy pauses and resumes the
        // server connection many times, and the response ends while the client is not writable
        try (java.net.Socket slow = new java.net.Socket()) {
            slow.setReceiveBufferSize(4096);
            slow.connect(new java.net.InetSocketAddress("127.0.0.1", e.port("fe")));
            slow.getOutputStream().write("GET /big HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
            var in = slow.getInputStream();
            byte[] buf = new byte[8192];
            StringBuilder head = new StringBuilder();
            long body = 0;
            while (body < big.length()) {
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                int from = 0;
                if (head.indexOf("\r\n\r\n") < 0) {
                    head.append(new String(buf, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1));
                    int end = head.indexOf("\r\n\r\n");
                    if (end < 0) {
                        continue;
                    }
                    from = n - (head.length() - end - 4);
                }
                body += n - from;
                Thread.sleep(2);
            }
            assertThat(head.toString()).startsWith("HTTP/1.1 200");
            long total = body;
            assertThat(total).isGreaterThanOrEqualTo(big.length());
        }
        try (RawHttp next = new RawHttp(e.port("fe"))) {
            String res = next.send("GET /small HTTP/1.1\r\nHost: x\r\n\r\n").readResponse();
            assertThat(res).startsWith("HTTP/1.1 200").endsWith("small");
        }
        assertThat(a.connections()).as("the parked connection served the second client").isEqualTo(1);
    }

    @Test
    void httpReuseNeverKeepsOneServerConnectionPerClient() throws Exception {
        TestBackend a = resources.backend("a");
        RunningEngine e = engine(a, "http-reuse never", "");
        List<RawHttp> clients = idleClients(e, 3, false);
        assertThat(a.connections()).isEqualTo(3);
        for (RawHttp c : clients) {
            assertThat(c.send("GET /again HTTP/1.1\r\nHost: x\r\n\r\n").readResponse()).startsWith("HTTP/1.1 200");
        }
        assertThat(a.connections()).as("each client kept its private connection").isEqualTo(3);
    }

    @Test
    void poolMaxConnZeroClosesServerConnectionsAfterEachResponse() throws Exception {
        TestBackend a = resources.backend("a");
        RunningEngine e = engine(a, "", "pool-max-conn 0");
        idleClients(e, 3, false);
        Await.until(() -> a.openConnections() == 0);
        assertThat(a.connections()).isEqualTo(3);
    }

    @Test
    void idleConnectionsArePurgedByHalvesDownToOne() throws Exception {
        java.util.concurrent.CountDownLatch allArrived = new java.util.concurrent.CountDownLatch(4);
        TestBackend a = resources.backend("a").behavior((b, ctx, req, body) -> {
            allArrived.countDown(); // answer only once all four are in flight, so each needs its own connection
            Thread.startVirtualThread(() -> {
                try {
                    allArrived.await(5, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
                ctx.executor().execute(() -> TestBackend.answerName(b, ctx, req, body));
            });
        });
        RunningEngine e = engine(a, "", "pool-purge-delay 100");
        idleClients(e, 4, true);
        assertThat(a.connections()).as("concurrent requests needed four connections").isEqualTo(4);
        // 4 -> 2 -> 1, and the last one stays, as haproxy keeps it
        Await.until(() -> a.openConnections() == 1);
        assertThat(a.openConnections()).isEqualTo(1);
    }
}
