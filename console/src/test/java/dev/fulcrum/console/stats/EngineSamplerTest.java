package dev.fulcrum.console.stats;

import dev.fulcrum.config.ConfigLoader;
import dev.fulcrum.console.demo.DemoEnvironment;
import dev.fulcrum.console.demo.Eventually;
import dev.fulcrum.console.demo.LoopbackHosts;
import dev.fulcrum.console.model.StatsSnapshot;
import dev.fulcrum.console.model.StatsSnapshot.BackendStats;
import dev.fulcrum.console.model.StatsSnapshot.ServerStats;
import dev.fulcrum.runtime.Engine;
import dev.fulcrum.server.AdminState;
import dev.fulcrum.server.Server;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Samples the demo's real engine while real requests go through it. */
class EngineSamplerTest {

    private final String host = LoopbackHosts.random();

    @Test
    void theSnapshotNamesEveryProxyAndServerWithHaproxysStatusesAndTheConfiguredLimits() throws Exception {
        try (DemoEnvironment demo = DemoEnvironment.start(host, 0)) {
            StatsSnapshot s = new EngineSampler(demo.engine().orElseThrow()).sample();

            assertThat(s.frontends().keySet()).containsExactly("www", "api");
            assertThat(s.backends().keySet()).containsExactly("shop", "catalog", "static");
            assertThat(s.frontend("www").status()).isEqualTo("OPEN");
            assertThat(s.frontend("www").limit()).isEqualTo(1000); // global maxconn
            BackendStats shop = s.backend("shop");
            assertThat(shop.status()).isEqualTo("UP");
            assertThat(shop.weight()).isEqualTo(250); // haproxy: the sum of its servers' weights
            assertThat(shop.activeServers()).isEqualTo(3);
            assertThat(shop.servers().values()).extracting(ServerStats::name, ServerStats::limit, ServerStats::weight)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("shop1", 2, 100),
                            org.assertj.core.groups.Tuple.tuple("shop2", 2, 100),
                            org.assertj.core.groups.Tuple.tuple("shop3", 1, 50));
            assertThat(s.server("catalog", "catalog2").limit()).isZero();
            // Health checks pass within a few intervals; haproxy then says UP and L7OK/<code> in <n>ms.
            Eventually.until("static2 checked UP", Duration.ofSeconds(60),
                    () -> sampler(demo).sample().server("static", "static2").status().equals("UP"));
            assertThat(sampler(demo).sample().server("static", "static2").lastCheck()).matches("L7OK/200 in [0-9]+ms");
        }
    }

    @Test
    void aServerWithoutCheckIsNoCheckAsHaproxySaysIt() throws Exception {
        // haproxy 2.6's stats socket: status "no check" for a server without "check".
        ConfigLoader.Result r = ConfigLoader.standard().loadText("t.cfg", """
                defaults
                    mode http
                    timeout connect 1s
                    timeout client 1s
                    timeout server 1s
                frontend f
                    bind %s:18080
                    default_backend b
                backend b
                    server s1 %s:18081
                """.formatted(host, host));
        assertThat(r.ok()).as(r.diagnostics().toString()).isTrue();
        try (Engine engine = Engine.start(r.config())) {
            StatsSnapshot s = new EngineSampler(engine).sample();

            assertThat(s.server("b", "s1").status()).isEqualTo("no check");
            assertThat(s.server("b", "s1").lastCheck()).isEmpty();
        }
    }

    private static EngineSampler sampler(DemoEnvironment demo) {
        return new EngineSampler(demo.engine().orElseThrow());
    }

    @Test
    void aServerInMaintenanceIsMaintAndLeavesTheBackendsWeight() {
        try (DemoEnvironment demo = DemoEnvironment.start(host, 0)) {
            Engine engine = demo.engine().orElseThrow();
            Server shop2 = engine.backends().get("shop").server("shop2");
            EngineSampler sampler = new EngineSampler(engine);

            shop2.setAdminFlags(AdminState.FORCED_MAINT, 0);
            StatsSnapshot s = sampler.sample();

            assertThat(s.server("shop", "shop2").status()).isEqualTo("MAINT");
            assertThat(s.backend("shop").weight()).isEqualTo(150);
            assertThat(s.backend("shop").activeServers()).isEqualTo(2);
        }
    }

    @Test
    void countersFollowTheRequestsAndRatesAreTakenOverTheWindow() throws Exception {
        try (DemoEnvironment demo = DemoEnvironment.start(host, 0);
             HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build()) {
            AtomicLong clock = new AtomicLong(1_000_000_000L);
            EngineSampler sampler = new EngineSampler(demo.engine().orElseThrow(), clock::get);
            StatsSnapshot before = sampler.sample();

            for (int i = 0; i < 10; i++) {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(
                        URI.create("http://" + host + ":18080/static/file-" + i + ".css")).build(),
                        HttpResponse.BodyHandlers.discarding());
                assertThat(r.statusCode()).isEqualTo(200);
            }
            clock.addAndGet(TimeUnit.SECONDS.toNanos(2));
            StatsSnapshot after = sampler.sample();

            assertThat(after.backend("static").requests() - before.backend("static").requests()).isEqualTo(10);
            assertThat(after.backend("static").responses().r2xx()).isEqualTo(10);
            assertThat(after.frontend("www").requests()).isEqualTo(10);
            assertThat(after.backend("shop").requests()).isZero();
            long served = after.backend("static").servers().values().stream().mapToLong(ServerStats::sessions).sum();
            assertThat(served).isEqualTo(10);
            // Ten requests between two samples two seconds apart.
            assertThat(after.backend("static").requestRate()).isEqualTo(5.0);
            assertThat(after.frontend("www").requestRate()).isEqualTo(5.0);
            assertThat(after.backend("catalog").requestRate()).isZero();
            // The client keeps its one connection open between requests.
            assertThat(after.frontend("www").current()).isEqualTo(1);
            assertThat(after.frontend("www").max()).isEqualTo(1);
        }
    }

    @Test
    void underTheDemoTrafficEveryBackendsCountersRise() throws Exception {
        try (DemoEnvironment demo = DemoEnvironment.start(host)) {
            EngineSampler sampler = new EngineSampler(demo.engine().orElseThrow());
            StatsSnapshot first = sampler.sample();

            Eventually.until("every backend and server answered requests", Duration.ofSeconds(60), () -> {
                StatsSnapshot now = sampler.sample();
                return now.backends().values().stream().allMatch(b ->
                        b.requests() > first.backend(b.name()).requests() && b.requestRate() > 0
                                && b.servers().values().stream().allMatch(srv -> srv.responses().r2xx() > 0))
                        && now.frontends().values().stream().allMatch(f -> f.responses().r2xx() > 0);
            });
            assertThat(sampler.sample().totalBackendRequestRate()).isPositive();
        }
    }
}
