package dev.fulcrum.lb;

import dev.fulcrum.server.AdminState;
import dev.fulcrum.server.Server;
import dev.fulcrum.testing.Await;
import dev.fulcrum.testing.RawHttp;
import dev.fulcrum.testing.RunningEngine;
import dev.fulcrum.testing.TestBackend;
import dev.fulcrum.testing.TestResources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The algorithms whose choices depend on load or chance (leastconn, random) and
 * on server state (backup, allbackups, weight changes), through a real engine
 * and real backends. Orders and hash placements are compared with haproxy in
 * {@link BalancingDifferentialTest}.
 */
class BalancingIntegrationTest {

    private final TestResources resources = new TestResources();

    @AfterEach
    void tearDown() throws Exception {
        resources.close();
    }

    private RunningEngine engine(String backendLines, String... servers) throws Exception {
        StringBuilder cfg = new StringBuilder("""
                defaults
                  mode http
                  timeout client 5s
                  timeout server 5s
                  timeout connect 1s
                frontend fe
                  bind 127.0.0.1:${PORT}
                  default_backend be
                backend be
                """).append("  ").append(backendLines).append('\n');
        for (String s : servers) {
            cfg.append("  server ").append(s).append('\n');
        }
        return resources.engine(cfg.toString(), Map.of("PORT", Integer.toString(RunningEngine.freePort())));
    }

    private static String serverOf(String response) {
        for (String line : response.split("\r\n")) {
            if (line.startsWith("x-server: ")) {
                return line.substring(10);
            }
        }
        return null;
    }

    private static Map<String, Integer> distribution(int port, int requests) throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < requests; i++) {
            try (RawHttp c = new RawHttp(port)) {
                counts.merge(serverOf(c.send("GET /" + i + " HTTP/1.1\r\nHost: x\r\n\r\n").readResponse()), 1,
                        Integer::sum);
            }
        }
        return counts;
    }

    /** A backend that holds every request until {@code release} opens. */
    private TestBackend holding(String name, CountDownLatch release) throws InterruptedException {
        return resources.backend(name).behavior((b, ctx, req, body) -> Thread.startVirtualThread(() -> {
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ctx.executor().execute(() -> TestBackend.answerName(b, ctx, req, body));
        }));
    }

    @Test
    void leastconnSendsEachNewRequestToTheLeastBusyServer() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        TestBackend a = holding("a", release);
        TestBackend b = holding("b", release);
        TestBackend c = holding("c", release);
        RunningEngine e = engine("balance leastconn", "a " + a.address(), "b " + b.address(), "c " + c.address());
        List<RawHttp> clients = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            RawHttp client = resources.add(new RawHttp(e.port("fe")));
            client.send("GET /" + i + " HTTP/1.1\r\nHost: x\r\n\r\n");
            clients.add(client);
            int sent = i + 1;
            Await.until(() -> a.requests() + b.requests() + c.requests() == sent);
        }
        // six held requests over three equal servers: two each, whatever the order
        assertThat(List.of(a.requests(), b.requests(), c.requests())).containsExactly(2, 2, 2);
        release.countDown();
        for (RawHttp client : clients) {
            assertThat(client.readResponse()).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void leastconnCountsInFlightRequestsAgainstWeights() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        TestBackend heavy = holding("heavy", release);
        TestBackend light = holding("light", release);
        RunningEngine e = engine("balance leastconn", "heavy " + heavy.address() + " weight 3",
                "light " + light.address() + " weight 1");
        for (int i = 0; i < 8; i++) {
            resources.add(new RawHttp(e.port("fe"))).send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            int sent = i + 1;
            Await.until(() -> heavy.requests() + light.requests() == sent);
        }
        // load is connections divided by weight: 6/3 == 2/1
        assertThat(heavy.requests()).isEqualTo(6);
        assertThat(light.requests()).isEqualTo(2);
        release.countDown();
    }

    @Test
    void randomSpreadsInProportionToWeights() throws Exception {
        TestBackend a = resources.backend("a");
        TestBackend b = resources.backend("b");
        RunningEngine e = engine("balance random", "a " + a.address() + " weight 3", "b " + b.address() + " weight 1");
        Map<String, Integer> counts = distribution(e.port("fe"), 400);
        assertThat(counts.get("a") + counts.get("b")).isEqualTo(400);
        // expected 300/100 (standard deviation 8.7): bounds at ±5.7 deviations, so a failure means a bias
        assertThat(counts.get("a")).isBetween(250, 350);
    }

    @Test
    void backupsServeOnlyWhenNoActiveServerIsUsable() throws Exception {
        TestBackend main = resources.backend("main");
        TestBackend spare1 = resources.backend("spare1");
        TestBackend spare2 = resources.backend("spare2");
        RunningEngine e = engine("balance roundrobin", "main " + main.address(),
                "spare1 " + spare1.address() + " backup", "spare2 " + spare2.address() + " backup");
        int port = e.port("fe");
        assertThat(distribution(port, 6)).containsOnlyKeys("main");
        Server mainServer = e.engine().backends().get("be").server("main");
        mainServer.setAdminFlags(AdminState.FORCED_MAINT, 0);
        assertThat(distribution(port, 6)).as("without allbackups only the first backup serves").containsOnlyKeys("spare1");
        mainServer.setAdminFlags(0, AdminState.FORCED_MAINT);
        assertThat(distribution(port, 6)).containsOnlyKeys("main");
    }

    @Test
    void allbackupsSharesTheLoadAmongEveryBackup() throws Exception {
        TestBackend main = resources.backend("main");
        TestBackend spare1 = resources.backend("spare1");
        TestBackend spare2 = resources.backend("spare2");
        RunningEngine e = engine("option allbackups", "main " + main.address() + " disabled",
                "spare1 " + spare1.address() + " backup", "spare2 " + spare2.address() + " backup");
        assertThat(distribution(e.port("fe"), 6)).containsEntry("spare1", 3).containsEntry("spare2", 3);
    }

    @Test
    void aWeightChangeTakesEffectAtOnce() throws Exception {
        TestBackend a = resources.backend("a");
        TestBackend b = resources.backend("b");
        RunningEngine e = engine("balance roundrobin", "a " + a.address(), "b " + b.address());
        int port = e.port("fe");
        assertThat(distribution(port, 4)).containsEntry("a", 2).containsEntry("b", 2);
        e.engine().backends().get("be").server("b").setUserWeight(0);
        assertThat(distribution(port, 5)).containsOnlyKeys("a");
        e.engine().backends().get("be").server("b").setUserWeight(3);
        assertThat(distribution(port, 8)).containsEntry("a", 2).containsEntry("b", 6);
    }

    @Test
    void aBackendWithoutUsableServersAnswers503() throws Exception {
        TestBackend a = resources.backend("a");
        RunningEngine e = engine("balance roundrobin", "a " + a.address() + " disabled");
        try (RawHttp c = new RawHttp(e.port("fe"))) {
            assertThat(c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").readResponse()).startsWith("HTTP/1.1 503");
        }
        assertThat(a.requests()).isZero();
    }
}
