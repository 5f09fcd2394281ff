package dev.fulcrum.stats;

import dev.fulcrum.http.StreamRecord;
import dev.fulcrum.testing.RawHttp;
import dev.fulcrum.testing.RunningEngine;
import dev.fulcrum.testing.TestBackend;
import dev.fulcrum.testing.TestResources;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The {@code prometheus-exporter} service in a real engine, scraped over real
 * HTTP while real traffic goes through other frontends.
 */
class PrometheusExporterTest {

    private static final String CONFIG = """
            defaults
              mode http
              timeout client 5s
              timeout server 5s
              timeout connect 1s
            frontend prometheus
              bind 127.0.0.1:${PROM}
              http-request use-service prometheus-exporter if { path /metrics }
            frontend fe
              bind 127.0.0.1:${FE}
              default_backend be
            backend be
              server s1 ${A} maxconn 10
              server s2 ${B}
              server s3 127.0.0.1:1 disabled
            """;

    private final TestResources resources = new TestResources();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    @AfterEach
    void tearDown() throws Exception {
        resources.close();
    }

    private RunningEngine engine() throws Exception {
        TestBackend a = resources.backend("a");
        TestBackend b = resources.backend("b").behavior((be, ctx, req, body) ->
                TestBackend.respond(ctx, req, req.uri().startsWith("/missing") ? HttpResponseStatus.NOT_FOUND
                        : HttpResponseStatus.OK, "b"));
        return resources.engine(CONFIG, Map.of("PROM", Integer.toString(RunningEngine.freePort()),
                "FE", Integer.toString(RunningEngine.freePort()), "A", a.address(), "B", b.address()));
    }

    private HttpResponse<String> get(RunningEngine e, String frontend, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(e.uri(frontend, path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private Exposition scrape(RunningEngine e, String query) throws Exception {
        HttpResponse<String> r = get(e, "prometheus", "/metrics" + query);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("text/plain; version=0.0.4");
        return Exposition.parse(r.body());
    }

    @Test
    void countersMoveWithRealTraffic() throws Exception {
        RunningEngine e = engine();
        Exposition before = scrape(e, "");
        for (int i = 0; i < 6; i++) {
            assertThat(get(e, "fe", "/ok" + i).statusCode()).isEqualTo(200);
        }
        int notFound = 0;
        for (int i = 0; i < 4; i++) {
            notFound += get(e, "fe", "/missing").statusCode() == 404 ? 1 : 0;
        }
        Exposition after = scrape(e, "");

        String fe = "{proxy=\"fe\"}";
        assertThat(after.count("haproxy_frontend_http_requests_total" + fe)
                - before.count("haproxy_frontend_http_requests_total" + fe)).isEqualTo(10);
        assertThat(after.count("haproxy_frontend_http_responses_total{proxy=\"fe\",code=\"2xx\"}"))
                .isEqualTo(10 - notFound);
        assertThat(after.count("haproxy_frontend_http_responses_total{proxy=\"fe\",code=\"4xx\"}")).isEqualTo(notFound);
        assertThat(after.count("haproxy_frontend_bytes_in_total" + fe)).isGreaterThan(0);
        assertThat(after.count("haproxy_frontend_bytes_out_total" + fe)).isGreaterThan(after.count(
                "haproxy_frontend_bytes_in_total" + fe) / 4);
        assertThat(after.count("haproxy_backend_http_requests_total{proxy=\"be\"}")).isEqualTo(10);
        assertThat(after.count("haproxy_backend_sessions_total{proxy=\"be\"}")).isEqualTo(10);
        long s1 = after.count("haproxy_server_sessions_total{proxy=\"be\",server=\"s1\"}");
        long s2 = after.count("haproxy_server_sessions_total{proxy=\"be\",server=\"s2\"}");
        assertThat(s1 + s2).isEqualTo(10);
        assertThat(s1).as("round robin spreads the requests").isPositive();
        assertThat(after.count("haproxy_server_bytes_out_total{proxy=\"be\",server=\"s1\"}")).isPositive();
        assertThat(after.count("haproxy_server_http_responses_total{proxy=\"be\",server=\"s2\",code=\"4xx\"}"))
                .isEqualTo(notFound);
        assertThat(after.count("haproxy_process_requests_total")
                - before.count("haproxy_process_requests_total")).isEqualTo(11); // 10 + the first scrape
        // the scrape itself is a request the exporter's frontend intercepted
        assertThat(after.count("haproxy_frontend_intercepted_requests_total{proxy=\"prometheus\"}")).isEqualTo(2);
        assertThat(after.count("haproxy_frontend_intercepted_requests_total" + fe)).isZero();
        // states and limits
        assertThat(after.count("haproxy_server_status{proxy=\"be\",server=\"s1\",state=\"UP\"}")).isEqualTo(1);
        assertThat(after.count("haproxy_server_status{proxy=\"be\",server=\"s3\",state=\"MAINT\"}")).isEqualTo(1);
        assertThat(after.count("haproxy_backend_agg_server_status{proxy=\"be\",state=\"UP\"}")).isEqualTo(2);
        assertThat(after.count("haproxy_backend_active_servers{proxy=\"be\"}")).isEqualTo(2);
        assertThat(after.count("haproxy_backend_weight{proxy=\"be\"}")).isEqualTo(2);
        assertThat(after.count("haproxy_server_limit_sessions{proxy=\"be\",server=\"s1\"}")).isEqualTo(10);
        assertThat(after.value("haproxy_server_limit_sessions{proxy=\"be\",server=\"s2\"}")).isNaN();
        assertThat(after.value("haproxy_server_check_failures_total{proxy=\"be\",server=\"s2\"}"))
                .as("no check configured").isNaN();
        assertThat(after.series()).doesNotContainKey("haproxy_server_check_code{proxy=\"be\",server=\"s2\"}");
        assertThat(after.types()).containsEntry("haproxy_frontend_http_requests_total", "counter")
                .containsEntry("haproxy_backend_current_queue", "gauge");
    }

    @Test
    void scopesAndNoMaintChooseWhatIsListed() throws Exception {
        RunningEngine e = engine();
        assertThat(scrape(e, "?scope=backend").names()).allMatch(n -> n.startsWith("haproxy_backend_")).isNotEmpty();
        assertThat(scrape(e, "?scope=global&scope=server").names())
                .allMatch(n -> n.startsWith("haproxy_process_") || n.startsWith("haproxy_server_"))
                .anyMatch(n -> n.startsWith("haproxy_process_")).anyMatch(n -> n.startsWith("haproxy_server_"));
        assertThat(scrape(e, "?scope=global&scope=").series()).as("an empty scope clears the list").isEmpty();
        assertThat(scrape(e, "?scope=&scope=frontend").names()).allMatch(n -> n.startsWith("haproxy_frontend_"));
        assertThat(scrape(e, "?scope=fron%74end").names()).allMatch(n -> n.startsWith("haproxy_frontend_"));
        assertThat(scrape(e, "?scope=*").names()).anyMatch(n -> n.startsWith("haproxy_process_"))
                .anyMatch(n -> n.startsWith("haproxy_server_"));
        assertThat(scrape(e, "?scope=listener").series()).isEmpty();
        Exposition all = scrape(e, "?scope=server");
        Exposition noMaint = scrape(e, "?scope=server&no-maint");
        assertThat(all.series().keySet()).anyMatch(k -> k.contains("server=\"s3\""));
        assertThat(noMaint.series().keySet()).noneMatch(k -> k.contains("server=\"s3\""))
                .anyMatch(k -> k.contains("server=\"s1\""));
        for (String bad : new String[]{"?scope=bogus", "?scope", "?scope=Global", "?scope=global;scope=server"}) {
            HttpResponse<String> r = get(e, "prometheus", "/metrics" + bad);
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
        }
        assertThat(get(e, "prometheus", "/other").statusCode()).as("the rule's condition decides").isEqualTo(503);
    }

    @Test
    void isLoggedAsAnAppletAndKeepsTheConnection() throws Exception {
        RunningEngine e = engine();
        try (RawHttp c = new RawHttp(e.port("prometheus"))) {
            String head = c.send("HEAD /metrics HTTP/1.1\r\nHost: x\r\n\r\n").readResponse();
            assertThat(head).startsWith("HTTP/1.1 200 OK\r\n").contains("transfer-encoding: chunked\r\n")
                    .contains("cache-control: no-cache\r\n").endsWith("\r\n\r\n");
            // a request body is drained and the same connection answers again
            String post = c.send("POST /metrics?scope=nope HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc")
                    .readResponse();
            assertThat(post).startsWith("HTTP/1.1 400 ");
        }
        StreamRecord head = e.nextRecord();
        assertThat(head.server()).isEqualTo("<PROMEX>");
        assertThat(head.backend()).isEqualTo("prometheus");
        assertThat(head.termination()).isEqualTo("LR--");
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.tc()).isZero();
        StreamRecord bad = e.nextRecord();
        assertThat(bad.server()).isEqualTo("<PROMEX>");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.termination()).isEqualTo("LR--");
    }

    @Test
    void aBackendCanRunTheServiceToo() throws Exception {
        RunningEngine e = resources.engine("""
                defaults
                  mode http
                  timeout client 5s
                  timeout server 5s
                  timeout connect 1s
                frontend fe
                  bind 127.0.0.1:${FE}
                  use_backend stats if { path_beg /metrics }
                backend stats
                  http-request use-service prometheus-exporter
                """, Map.of("FE", Integer.toString(RunningEngine.freePort())));
        HttpResponse<String> r = get(e, "fe", "/metrics?scope=backend");
        assertThat(r.statusCode()).isEqualTo(200);
        Exposition x = Exposition.parse(r.body());
        assertThat(x.count("haproxy_backend_http_requests_total{proxy=\"stats\"}")).isEqualTo(1);
        assertThat(x.count("haproxy_backend_status{proxy=\"stats\",state=\"UP\"}"))
                .as("a backend without servers is not down").isEqualTo(1);
        StreamRecord rec = e.nextRecord();
        assertThat(rec.backend()).isEqualTo("stats");
        assertThat(rec.server()).isEqualTo("<PROMEX>");
    }

    @Test
    void theUsersPrometheusSeedRunsAsWritten() throws Exception {
        String seed = new String(getClass().getResourceAsStream("/seeds/003-12-prometheus.cfg").readAllBytes(),
                StandardCharsets.UTF_8);
        int port = RunningEngine.freePort();
        RunningEngine e = resources.engine(seed.replace("*:8405", "127.0.0.1:" + port), Map.of());
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Exposition.parse(r.body()).count("haproxy_frontend_http_requests_total{proxy=\"ft_prometheus\"}"))
                .isEqualTo(1);
        assertThat(e.nextRecord().server()).isEqualTo("<PROMEX>");
    }

    @Test
    void promtoolAcceptsTheOutput() throws Exception {
        File promtool = new File("/usr/bin/promtool");
        assumeTrue(promtool.canExecute(), "promtool is not installed (apt package 'prometheus'); format not validated");
        RunningEngine e = engine();
        get(e, "fe", "/warm");
        String body = get(e, "prometheus", "/metrics").body();
        Path file = Files.createTempFile("scrape", ".txt");
        try {
            Files.writeString(file, body, StandardCharsets.UTF_8);
            Process p = new ProcessBuilder(promtool.getPath(), "check", "metrics").redirectInput(file.toFile())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
        } finally {
            Files.delete(file);
        }
    }
}
