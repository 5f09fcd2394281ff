package dev.fulcrum.stats;

import dev.fulcrum.testing.Haproxy;
import dev.fulcrum.testing.RunningEngine;
import dev.fulcrum.testing.TestBackend;
import dev.fulcrum.testing.TestResources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The exporter against haproxy 2.6's on the same configuration: the same series
 * (metric names with their label sets; values differ between two processes) for
 * every metric Fulcrum produces, the same answers to scope and no-maint queries,
 * and an exact list of HAProxy's metrics Fulcrum does not produce yet, so the
 * list is updated when one is added.
 */
class PrometheusDifferentialTest {

    /** HAProxy 2.6 metrics Fulcrum does not produce yet (no such figure in the engine, or TLS, compression...). */
    static final Set<String> NOT_PRODUCED = new TreeSet<>(Set.of(
            // process: TLS, pipes, compression, memory pools, tasks, peers, DNS, log forwarding, rates
            "haproxy_process_pool_failures_total", "haproxy_process_max_sockets",
            "haproxy_process_max_ssl_connections", "haproxy_process_current_ssl_connections",
            "haproxy_process_ssl_connections_total", "haproxy_process_max_pipes", "haproxy_process_pipes_used_total",
            "haproxy_process_pipes_free_total", "haproxy_process_current_connection_rate",
            "haproxy_process_limit_connection_rate", "haproxy_process_max_connection_rate",
            "haproxy_process_current_session_rate", "haproxy_process_limit_session_rate",
            "haproxy_process_max_session_rate", "haproxy_process_current_ssl_rate", "haproxy_process_limit_ssl_rate",
            "haproxy_process_max_ssl_rate", "haproxy_process_current_frontend_ssl_key_rate",
            "haproxy_process_max_frontend_ssl_key_rate", "haproxy_process_frontend_ssl_reuse",
            "haproxy_process_current_backend_ssl_key_rate", "haproxy_process_max_backend_ssl_key_rate",
            "haproxy_process_ssl_cache_lookups_total", "haproxy_process_ssl_cache_misses_total",
            "haproxy_process_http_comp_bytes_in_total", "haproxy_process_http_comp_bytes_out_total",
            "haproxy_process_limit_http_comp", "haproxy_process_current_zlib_memory",
            "haproxy_process_max_zlib_memory", "haproxy_process_current_tasks", "haproxy_process_current_run_queue",
            "haproxy_process_idle_time_percent", "haproxy_process_jobs", "haproxy_process_unstoppable_jobs",
            "haproxy_process_active_peers", "haproxy_process_connected_peers", "haproxy_process_dropped_logs_total",
            "haproxy_process_busy_polling_enabled", "haproxy_process_failed_resolutions",
            "haproxy_process_bytes_out_total", "haproxy_process_spliced_bytes_out_total",
            "haproxy_process_bytes_out_rate", "haproxy_process_recv_logs_total", "haproxy_process_max_memory_bytes",
            "haproxy_process_pool_allocated_bytes", "haproxy_process_pool_used_bytes",
            // frontend
            "haproxy_frontend_limit_session_rate", "haproxy_frontend_max_session_rate",
            "haproxy_frontend_http_requests_rate_max", "haproxy_frontend_http_comp_bytes_in_total",
            "haproxy_frontend_http_comp_bytes_out_total", "haproxy_frontend_http_comp_bytes_bypassed_total",
            "haproxy_frontend_http_comp_responses_total", "haproxy_frontend_connections_rate_max",
            "haproxy_frontend_denied_connections_total", "haproxy_frontend_denied_sessions_total",
            "haproxy_frontend_failed_header_rewriting_total", "haproxy_frontend_http_cache_lookups_total",
            "haproxy_frontend_http_cache_hits_total", "haproxy_frontend_internal_errors_total",
            // backend
            "haproxy_backend_max_queue", "haproxy_backend_check_up_down_total",
            "haproxy_backend_check_last_change_seconds", "haproxy_backend_downtime_seconds_total",
            "haproxy_backend_loadbalanced_total", "haproxy_backend_max_session_rate",
            "haproxy_backend_http_comp_bytes_in_total", "haproxy_backend_http_comp_bytes_out_total",
            "haproxy_backend_http_comp_bytes_bypassed_total", "haproxy_backend_http_comp_responses_total",
            "haproxy_backend_last_session_seconds", "haproxy_backend_queue_time_average_seconds",
            "haproxy_backend_connect_time_average_seconds", "haproxy_backend_response_time_average_seconds",
            "haproxy_backend_total_time_average_seconds", "haproxy_backend_failed_header_rewriting_total",
            "haproxy_backend_connection_attempts_total", "haproxy_backend_connection_reuses_total",
            "haproxy_backend_http_cache_lookups_total", "haproxy_backend_http_cache_hits_total",
            "haproxy_backend_max_queue_time_seconds", "haproxy_backend_max_connect_time_seconds",
            "haproxy_backend_max_response_time_seconds", "haproxy_backend_max_total_time_seconds",
            "haproxy_backend_internal_errors_total",
            // server
            "haproxy_server_max_queue", "haproxy_server_downtime_seconds_total", "haproxy_server_loadbalanced_total",
            "haproxy_server_max_session_rate", "haproxy_server_queue_time_average_seconds",
            "haproxy_server_connect_time_average_seconds", "haproxy_server_response_time_average_seconds",
            "haproxy_server_total_time_average_seconds", "haproxy_server_failed_header_rewriting_total",
            "haproxy_server_connection_attempts_total", "haproxy_server_connection_reuses_total",
            "haproxy_server_idle_connections_current", "haproxy_server_max_queue_time_seconds",
            "haproxy_server_max_connect_time_seconds", "haproxy_server_max_response_time_seconds",
            "haproxy_server_max_total_time_seconds", "haproxy_server_internal_errors_total",
            "haproxy_server_unsafe_idle_connections_current", "haproxy_server_safe_idle_connections_current",
            "haproxy_server_used_connections_current", "haproxy_server_need_connections_current"));

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
              server up ${A} check inter 200 maxconn 20 maxqueue 5
              server down 127.0.0.1:${CLOSED} check inter 200
              server maint ${A} check disabled
              server plain ${A} weight 3
              server spare ${A} backup check inter 200
            backend empty
            """;

    private final TestResources resources = new TestResources();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    @AfterEach
    void tearDown() throws Exception {
        resources.close();
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The series of a scrape, the version label's value (the two programs differ) blanked. */
    private Set<String> series(int port, String query) throws Exception {
        HttpResponse<String> r = get(port, "/metrics" + query);
        assertThat(r.statusCode()).isEqualTo(200);
        return Exposition.parse(r.body()).series().keySet().stream()
                .map(k -> k.replaceAll("version=\"[^\"]*\"", "version=\"\"")).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Waits until every running check has a result, so both sides list the same check series. */
    private void awaitChecks(int port) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            Exposition x = Exposition.parse(get(port, "/metrics?scope=server").body());
            long done = x.series().entrySet().stream().filter(e -> e.getKey().startsWith("haproxy_server_check_status{")
                    && e.getValue().equals("1")).count();
            if (done == 3) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("checks did not all finish on port " + port);
    }

    private static String config(int prom, int fe, String a, int closed) {
        return CONFIG.replace("${PROM}", Integer.toString(prom)).replace("${FE}", Integer.toString(fe))
                .replace("${A}", a).replace("${CLOSED}", Integer.toString(closed));
    }

    @Test
    void sameSeriesAsHaproxyForEveryMetricFulcrumProduces() throws Exception {
        assumeTrue(Haproxy.available(), "haproxy 2.6 installed");
        TestBackend a = resources.backend("a");
        int closed = RunningEngine.freePort();
        int hProm = RunningEngine.freePort();
        int hFe = RunningEngine.freePort();
        Haproxy h = resources.add(Haproxy.start(config(hProm, hFe, a.address(), closed), hProm, hFe));
        int fProm = RunningEngine.freePort();
        int fFe = RunningEngine.freePort();
        resources.engine(config(fProm, fFe, a.address(), closed), Map.of());
        for (int port : new int[]{hFe, fFe}) {
            for (int i = 0; i < 3; i++) {
                get(port, "/x");
            }
        }
        awaitChecks(hProm);
        awaitChecks(fProm);

        for (String query : new String[]{"", "?scope=server&no-maint", "?scope=global&scope=backend",
                "?scope=listener", "?scope=sticktable"}) {
            Set<String> theirs = series(hProm, query);
            Set<String> ours = series(fProm, query);
            Set<String> ourNames = ours.stream().map(PrometheusDifferentialTest::name).collect(Collectors.toSet());
            Set<String> theirsForOurMetrics = theirs.stream().filter(s -> ourNames.contains(name(s)))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(minus(ours, theirsForOurMetrics)).as("series only Fulcrum lists, for " + query).isEmpty();
            assertThat(minus(theirsForOurMetrics, ours)).as("series only haproxy lists, for " + query).isEmpty();
            Set<String> missing = theirs.stream().map(PrometheusDifferentialTest::name)
                    .filter(n -> !ourNames.contains(n)).collect(Collectors.toCollection(TreeSet::new));
            assertThat(NOT_PRODUCED).as("haproxy metrics not produced for " + query).containsAll(missing);
            if (query.isEmpty()) {
                assertThat(missing).as("the list of metrics not produced yet is exact").isEqualTo(NOT_PRODUCED);
            }
        }
        for (String query : new String[]{"?scope=bogus", "?scope", "?scope=Server", "?scope=global&scope=",
                "?scope=&scope=frontend", "?foo=bar", "?scope=glo%62al"}) {
            HttpResponse<String> theirs = get(hProm, "/metrics" + query);
            HttpResponse<String> ours = get(fProm, "/metrics" + query);
            assertThat(ours.statusCode()).as(query).isEqualTo(theirs.statusCode());
            assertThat(ours.body().isEmpty()).as(query).isEqualTo(theirs.body().isEmpty());
        }
        assertThat(get(fProm, "/other").statusCode()).isEqualTo(get(hProm, "/other").statusCode());
        assertThat(h.output()).doesNotContain("ALERT");
    }

    private static final String RULES = """
            defaults
              mode http
              timeout client 5s
              timeout server 5s
              timeout connect 1s
            userlist users
              user alice insecure-password secret
            frontend prometheus
              bind 127.0.0.1:${PROM}
              http-request use-service prometheus-exporter if { path /metrics }
            frontend fe
              bind 127.0.0.1:${FE}
              monitor-uri /alive
              http-request deny if { path /deny }
              http-request return status 200 if { path /return }
              http-request redirect location /elsewhere if { path /redirect }
              http-request auth if { path /auth } !{ http_auth(users) }
              http-request reject if { path /reject }
              http-response deny if { status 404 }
              default_backend be
            backend be
              http-request deny deny_status 429 if { path /be-deny }
              server s1 ${A}
            """;

    @Test
    void sameCountsAsHaproxyForTheSameRequests() throws Exception {
        assumeTrue(Haproxy.available(), "haproxy 2.6 installed");
        TestBackend a = resources.backend("a").behavior((b, ctx, req, body) -> TestBackend.respond(ctx, req,
                req.uri().equals("/deny-response") ? io.netty.handler.codec.http.HttpResponseStatus.NOT_FOUND
                        : io.netty.handler.codec.http.HttpResponseStatus.OK, "a"));
        int hProm = RunningEngine.freePort();
        int hFe = RunningEngine.freePort();
        resources.add(Haproxy.start(RULES.replace("${PROM}", Integer.toString(hProm))
                .replace("${FE}", Integer.toString(hFe)).replace("${A}", a.address()), hProm, hFe));
        RunningEngine e = resources.engine(RULES, Map.of("PROM", Integer.toString(RunningEngine.freePort()),
                "FE", Integer.toString(RunningEngine.freePort()), "A", a.address()));
        int fProm = e.port("prometheus");
        int fFe = e.port("fe");
        // haproxy's start-up probe opened and closed one empty connection (a 400 CR--): the same here
        new java.net.Socket("127.0.0.1", fFe).close();
        String[] paths = {"/ok", "/deny", "/return", "/redirect", "/auth", "/alive", "/be-deny", "/deny-response",
                "/ok2", "/reject"};
        for (int port : new int[]{hFe, fFe}) {
            for (String p : paths) {
                try (dev.fulcrum.testing.RawHttp c = new dev.fulcrum.testing.RawHttp(port)) {
                    c.send("GET " + p + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").readToClose();
                }
            }
        }
        String[] counters = {
                "haproxy_frontend_http_requests_total{proxy=\"fe\"}",
                "haproxy_frontend_request_errors_total{proxy=\"fe\"}",
                "haproxy_frontend_sessions_total{proxy=\"fe\"}",
                "haproxy_frontend_requests_denied_total{proxy=\"fe\"}",
                "haproxy_frontend_responses_denied_total{proxy=\"fe\"}",
                "haproxy_frontend_intercepted_requests_total{proxy=\"fe\"}",
                "haproxy_frontend_http_responses_total{proxy=\"fe\",code=\"2xx\"}",
                "haproxy_frontend_http_responses_total{proxy=\"fe\",code=\"3xx\"}",
                "haproxy_frontend_http_responses_total{proxy=\"fe\",code=\"4xx\"}",
                "haproxy_frontend_http_responses_total{proxy=\"fe\",code=\"5xx\"}",
                "haproxy_backend_http_responses_total{proxy=\"be\",code=\"2xx\"}",
                "haproxy_backend_http_responses_total{proxy=\"be\",code=\"4xx\"}",
                "haproxy_backend_http_responses_total{proxy=\"be\",code=\"5xx\"}",
                "haproxy_server_http_responses_total{proxy=\"be\",server=\"s1\",code=\"2xx\"}",
                "haproxy_server_http_responses_total{proxy=\"be\",server=\"s1\",code=\"4xx\"}",
                "haproxy_server_http_responses_total{proxy=\"be\",server=\"s1\",code=\"5xx\"}",
                "haproxy_backend_http_requests_total{proxy=\"be\"}",
                "haproxy_backend_requests_denied_total{proxy=\"be\"}",
                "haproxy_backend_responses_denied_total{proxy=\"be\"}",
                "haproxy_backend_sessions_total{proxy=\"be\"}",
                "haproxy_server_sessions_total{proxy=\"be\",server=\"s1\"}",
                "haproxy_server_responses_denied_total{proxy=\"be\",server=\"s1\"}"};
        Exposition theirs = Exposition.parse(get(hProm, "/metrics").body());
        Exposition ours = Exposition.parse(get(fProm, "/metrics").body());
        org.assertj.core.api.SoftAssertions soft = new org.assertj.core.api.SoftAssertions();
        for (String c : counters) {
            soft.assertThat(ours.count(c)).as(c).isEqualTo(theirs.count(c));
        }
        soft.assertAll();
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.removeAll(b);
        return out;
    }

    private static String name(String series) {
        int b = series.indexOf('{');
        return b < 0 ? series : series.substring(0, b);
    }
}
