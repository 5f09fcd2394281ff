package dev.fulcrum.http;

import dev.fulcrum.server.Server;
import dev.fulcrum.testing.RunningEngine;
import dev.fulcrum.testing.TestBackend;
import dev.fulcrum.testing.TestResources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HAProxy's dynamic server limit: with {@code minconn}, a server's connection
 * limit grows from minconn to maxconn in proportion to the backend's load
 * against {@code fullconn}; requests beyond it wait in the queue.
 */
class DynamicLimitsTest {

    private static final String DEFAULTS = """
            defaults
              mode http
              timeout client 10s
              timeout server 10s
              timeout connect 1s
              timeout queue 10s
            """;

    private final TestResources resources = new TestResources();

    @AfterEach
    void tearDown() throws Exception {
        resources.close();
    }

    @Test
    void aLightlyLoadedBackendHoldsTheServerAtMinconn() throws Exception {
        Server s = serveConcurrently(6, "fullconn 100", "minconn 2 maxconn 20");
        // 6 streams against fullconn 100: 20 * 6 / 100 rounds to 0, so minconn applies
        assertThat(s.counters().maxServed.get()).isEqualTo(2);
    }

    @Test
    void aBackendAtFullconnLetsTheServerReachMaxconn() throws Exception {
        Server s = serveConcurrently(6, "fullconn 3", "minconn 1 maxconn 20");
        assertThat(s.counters().maxServed.get()).isGreaterThan(2);
    }

    @Test
    void withoutMinconnTheLimitIsMaxconn() throws Exception {
        Server s = serveConcurrently(6, "fullconn 100", "maxconn 3");
        assertThat(s.counters().maxServed.get()).isEqualTo(3);
    }

    /** Sends {@code n} slow requests at once and returns the server after all were answered 200. */
    private Server serveConcurrently(int n, String backendOptions, String serverOptions) throws Exception {
        TestBackend slow = resources.backend("slow").behavior(TestBackend.delayed(1000));
        RunningEngine e = resources.engine(DEFAULTS + """
                frontend fe
                  bind 127.0.0.1:${PORT}
                  default_backend be
                backend be
                  %s
                  server s1 ${S} %s
                """.formatted(backendOptions, serverOptions),
                Map.of("PORT", Integer.toString(RunningEngine.freePort()), "S", slow.address()));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            answers.add(client.sendAsync(HttpRequest.newBuilder(e.uri("fe", "/" + i)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (var a : answers) {
            assertThat(a.get().statusCode()).isEqualTo(200);
        }
        return e.engine().backends().get("be").servers().getFirst();
    }
}
