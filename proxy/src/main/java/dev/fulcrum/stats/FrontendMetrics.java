package dev.fulcrum.stats;

import dev.fulcrum.frontend.Frontend;

import java.util.List;

import static dev.fulcrum.stats.Metric.codes;
import static dev.fulcrum.stats.Metric.counter;
import static dev.fulcrum.stats.Metric.gauge;
import static dev.fulcrum.stats.Metric.states;

/** The {@code haproxy_frontend_*} metrics Fulcrum produces, in HAProxy's order. */
final class FrontendMetrics {

    private FrontendMetrics() {
    }

    static List<Metric<Frontend>> all(StatsSource source) {
        return List.of(
                gauge("haproxy_frontend_current_sessions", "Client connections open on the frontend now.",
                        f -> f.counters().current.get()),
                gauge("haproxy_frontend_max_sessions", "Most client connections open at once since start.",
                        f -> f.counters().max.get()),
                gauge("haproxy_frontend_limit_sessions", "Connection limit of the frontend (maxconn).",
                        Frontend::maxconn),
                counter("haproxy_frontend_sessions_total", "Client connections since start.",
                        f -> f.counters().sessions.sum()),
                counter("haproxy_frontend_bytes_in_total", "Request bytes received since start.",
                        f -> f.counters().bytesIn.sum()),
                counter("haproxy_frontend_bytes_out_total", "Response bytes sent since start.",
                        f -> f.counters().bytesOut.sum()),
                counter("haproxy_frontend_requests_denied_total", "Requests denied by a rule since start.",
                        f -> f.counters().deniedRequests.sum()),
                counter("haproxy_frontend_responses_denied_total", "Responses denied by a rule since start.",
                        f -> f.counters().deniedResponses.sum()),
                counter("haproxy_frontend_request_errors_total", "Invalid requests since start.",
                        f -> f.counters().requestErrors.sum()),
                states("haproxy_frontend_status", "Whether the frontend accepts connections, per state.",
                        List.of("DOWN", "UP"), (f, state, now) -> (source.stopping() ? 0 : 1) == state ? 1 : 0),
                codes("haproxy_frontend_http_responses_total", "HTTP responses sent since start, by status class.",
                        (f, code, now) -> f.counters().httpResponses[code == 5 ? 0 : code + 1].sum()),
                counter("haproxy_frontend_http_requests_total", "HTTP requests received since start.",
                        f -> f.counters().requests.sum()),
                counter("haproxy_frontend_connections_total", "Connections accepted since start.",
                        f -> f.counters().sessions.sum()),
                counter("haproxy_frontend_intercepted_requests_total",
                        "Requests answered by the proxy itself (service, redirect, return, auth, monitor-uri) since start.",
                        f -> f.counters().interceptedRequests.sum()));
    }
}
