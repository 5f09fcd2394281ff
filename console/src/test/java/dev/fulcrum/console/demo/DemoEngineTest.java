package dev.fulcrum.console.demo;

import dev.fulcrum.backend.Backend;
import dev.fulcrum.console.model.Notice;
import dev.fulcrum.frontend.Frontend;
import dev.fulcrum.runtime.Engine;
import dev.fulcrum.server.Server;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The demo with its engine: the real {@link Engine} built from demo-haproxy.cfg,
 * between real clients and the demo backends, on a loopback address of its own.
 */
class DemoEngineTest {

    private static final Duration BOUND = Duration.ofSeconds(60);

    private final String host = LoopbackHosts.random();

    @Test
    void theEngineRoutesPagesFilesAndApiCallsAsTheConfigurationSays() throws Exception {
        try (DemoEnvironment demo = DemoEnvironment.start(host, 0);
             HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build()) {
            String www = "http://" + host + ":18080";
            String api = "http://" + host + ":18090";
            String api2 = "http://" + host + ":18099";

            assertThat(get(client, www + "/products/12").body()).startsWith("shop/");
            assertThat(get(client, www + "/static/app.js").body()).startsWith("static/");
            assertThat(get(client, www + "/images/products/7.jpg").body()).startsWith("static/");
            assertThat(get(client, www + "/api/recommendations?for=3").body()).startsWith("catalog/");
            assertThat(get(client, api + "/items/42").body()).startsWith("catalog/");
            assertThat(get(client, api2 + "/search?q=lamp").body()).startsWith("catalog/");
            assertThat(get(client, api + "/images/products/7.jpg").body()).startsWith("static/");
            HttpResponse<String> gone = get(client, www + DemoBackend.GONE_PREFIX + "old-page");
            assertThat(gone.statusCode()).isEqualTo(404);
            assertThat(gone.body()).startsWith("shop/");
        }
    }

    @Test
    void balanceUriSendsAFileToTheSameServerWhicheverFrontendAsks() throws Exception {
        try (DemoEnvironment demo = DemoEnvironment.start(host, 0);
             HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build()) {
            String path = "/images/products/123.jpg";
            String first = get(client, "http://" + host + ":18080" + path).body();
            for (int i = 0; i < 5; i++) {
                assertThat(get(client, "http://" + host + ":18080" + path).body()).isEqualTo(first);
                assertThat(get(client, "http://" + host + ":18090" + path).body()).isEqualTo(first);
            }
        }
    }

    @Test
    void theTrafficReachesEveryServerThroughTheEngine() throws Exception {
        try (DemoEnvironment demo = DemoEnvironment.start(host)) {
            Engine engine = demo.engine().orElseThrow();
            List<Server> servers = engine.backends().values().stream().flatMap(b -> b.servers().stream()).toList();
            assertThat(servers).hasSize(DemoEnvironmentTest.SERVER_PORTS.size());

            Eventually.until("every server has served a request", BOUND,
                    () -> servers.stream().allMatch(s -> s.counters().httpResponses[2].sum() > 0));
            long before = requests(engine);
            Eventually.until("more requests", BOUND, () -> requests(engine) > before + 20);

            for (Frontend fe : engine.frontends().values()) {
                assertThat(fe.counters().requests.sum()).as(fe.name()).isPositive();
            }
            for (Backend be : engine.backends().values()) {
                assertThat(be.counters().httpResponses[2].sum()).as(be.name()).isPositive();
            }
            DemoTraffic.Counts counts = demo.trafficCounts();
            assertThat(counts.answered()).isPositive();
            assertThat(counts.failed()).isZero();
            assertThat(demo.notices()).contains(
                    Notice.info("demo traffic: about 30 requests/s to frontends www and api"));
        }
    }

    @Test
    void closingLeavesNoThreadAndNoListeningPort() throws Exception {
        Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
        DemoEnvironment demo = DemoEnvironment.start(host);
        Engine engine = demo.engine().orElseThrow();
        Eventually.until("traffic answered", BOUND, () -> demo.trafficCounts().answered() > 10);

        demo.close();

        assertThat(engine.isStopped()).isTrue();
        List<Integer> ports = Stream.concat(DemoEnvironmentTest.FRONTEND_PORTS.stream(),
                DemoEnvironmentTest.SERVER_PORTS.stream()).toList();
        assertThat(ports).allSatisfy(port ->
                assertThatThrownBy(() -> new Socket(host, port).close()).isInstanceOf(ConnectException.class));
        // Threads end shortly after their executors are shut down: wait for them, not for a time.
        Eventually.until("the demo's threads ended", Duration.ofSeconds(20),
                () -> newDemoThreads(before).isEmpty());
        assertThat(newDemoThreads(before)).isEmpty();
    }

    @Test
    void aTakenFrontendPortLeavesTheEngineOutAndSaysSo() throws IOException {
        ServerSocket squatter = new ServerSocket(18090, 1, InetAddress.getByName(host));
        try (squatter; DemoEnvironment demo = DemoEnvironment.start(host)) {
            assertThat(demo.engine()).isEmpty();
            assertThat(demo.listening()).hasSize(DemoEnvironmentTest.SERVER_PORTS.size());
            assertThat(demo.trafficCounts().sent()).isZero();
            assertThat(demo.notices()).anySatisfy(n -> {
                assertThat(n.level()).isEqualTo(Notice.Level.ERROR);
                assertThat(n.text()).startsWith("engine not started: Starting frontend api: cannot bind socket")
                        .contains("[" + host + ":18090]");
            });
            // The www frontend had bound before api failed; the engine let it go.
            assertThatThrownBy(() -> new Socket(host, 18080).close()).isInstanceOf(ConnectException.class);
        }
    }

    private static HttpResponse<String> get(HttpClient client, String uri) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long requests(Engine engine) {
        return engine.frontends().values().stream().mapToLong(f -> f.counters().requests.sum()).sum();
    }

    /**
     * Threads started since {@code before} that are still alive, leaving out the
     * JVM's and libraries' process-wide helpers that outlive any one user.
     */
    private static List<String> newDemoThreads(Set<Thread> before) {
        List<String> out = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!before.contains(t) && t.isAlive() && !processWide(t.getName())) {
                out.add(t.getName());
            }
        }
        return out;
    }

    private static boolean processWide(String name) {
        return name.startsWith("Common-Cleaner") || name.startsWith("ForkJoinPool") || name.startsWith("Attach")
                || name.startsWith("process reaper") || name.startsWith("Reference Handler");
    }
}
