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
        TestBackend a = resources.backend("a").behavior(TestBackend.delayed(100));
        RunningEngine e = engine(a, "", "pool-purge-delay 100");
        idleClients(e, 4, true);
        assertThat(a.connections()).as("concurrent requests needed four connections").isEqualTo(4);
        // 4 -> 2 -> 1, and the last one stays, as haproxy keeps it
        Await.until(() -> a.openConnections() == 1);
        assertThat(a.openConnections()).isEqualTo(1);
    }
}
