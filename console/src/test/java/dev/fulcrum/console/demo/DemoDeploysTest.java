package dev.fulcrum.console.demo;

import dev.fulcrum.console.model.StatsSnapshot;
import dev.fulcrum.console.stats.EngineSampler;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class DemoDeploysTest {

    private static final Duration BOUND = Duration.ofSeconds(60);

    private final String host = LoopbackHosts.random();

    @Test
    void aDeployFailsTheHealthEndpointForItsDowntimeThenRestoresIt() throws Exception {
        try (DemoBackend b = DemoBackend.start("catalog/catalog1",
                new InetSocketAddress(InetAddress.getByName(host), 0));
             HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build()) {
            URI health = URI.create("http://" + host + ":" + b.address().getPort() + DemoBackend.HEALTH_PATH);
            URI page = URI.create("http://" + host + ":" + b.address().getPort() + "/items/1");
            assertThat(status(client, health)).isEqualTo(200);

            try (DemoDeploys deploys = DemoDeploys.start(b, Duration.ZERO, Duration.ofMinutes(10),
                    Duration.ofSeconds(2))) {
                Eventually.until("health says 503", BOUND, () -> status(client, health) == 503);
                assertThat(status(client, page)).isEqualTo(200); // still serving while it drains
                Eventually.until("health says 200 again", BOUND, () -> status(client, health) == 200);
            }
            Eventually.until("the deploy thread ended", BOUND, () -> Thread.getAllStackTraces().keySet().stream()
                    .noneMatch(t -> t.getName().equals(DemoDeploys.THREAD_NAME)));
        }
    }

    @Test
    void theEnginesHealthChecksTakeAFailingServerOutAndPutItBack() throws Exception {
        try (DemoEnvironment demo = DemoEnvironment.start(host, 0)) {
            EngineSampler sampler = new EngineSampler(demo.engine().orElseThrow());
            Eventually.until("catalog1 UP", BOUND, () -> status(sampler.sample()).equals("UP"));

            demo.backend(DemoEnvironment.REDEPLOYED).healthy(false);
            // fall 3 at inter 2s; on the way the stats say "UP 2/3", "UP 1/3".
            Eventually.until("catalog1 DOWN", BOUND, () -> status(sampler.sample()).equals("DOWN"));
            StatsSnapshot down = sampler.sample();
            assertThat(down.server("catalog", "catalog1").lastCheck()).startsWith("L7STS/503 in ");
            assertThat(down.backend("catalog").weight()).isEqualTo(2);
            assertThat(down.backend("catalog").activeServers()).isEqualTo(1);

            demo.backend(DemoEnvironment.REDEPLOYED).healthy(true);
            Eventually.until("catalog1 UP again", BOUND, () -> status(sampler.sample()).equals("UP"));
        }
    }

    private static String status(StatsSnapshot s) {
        return s.server("catalog", "catalog1").status();
    }

    private static int status(HttpClient client, URI uri) {
        try {
            return client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (Exception e) {
            throw new AssertionError(uri + ": " + e, e);
        }
    }
}
