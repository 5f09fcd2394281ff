package dev.fulcrum.stats;

import dev.fulcrum.server.CheckReport;
import dev.fulcrum.server.OperState;
import dev.fulcrum.server.Server;

import java.util.List;

import static dev.fulcrum.stats.Metric.codes;
import static dev.fulcrum.stats.Metric.counter;
import static dev.fulcrum.stats.Metric.gauge;
import static dev.fulcrum.stats.Metric.states;
import static dev.fulcrum.stats.Metric.timed;
import static dev.fulcrum.stats.PromText.NAN;
import static dev.fulcrum.stats.PromText.SKIP;

/**
 * The {@code haproxy_server_*} metrics Fulcrum produces, in HAProxy's order. As
 * in HAProxy, a limit that is not set reads {@code NaN}, check counters read
 * {@code NaN} on a server without checks, and the check status lines exist
 * only for servers whose check runs.
 */
final class ServerMetrics {

    private ServerMetrics() {
    }

    static List<Metric<Server>> all() {
        return List.of(
                gauge("haproxy_server_current_queue", "Requests waiting for this server now.", Server::queued),
                gauge("haproxy_server_current_sessions", "Streams using the server now.", Server::served),
                gauge("haproxy_server_max_sessions", "Most streams using the server at once since start.",
                        s -> s.counters().maxServed.get()),
                gauge("haproxy_server_limit_sessions", "The server's maxconn (NaN when unlimited).",
                        s -> s.maxconn() > 0 ? s.maxconn() : NAN),
                counter("haproxy_server_sessions_total", "Streams sent to the server since start.",
                        s -> s.counters().sessions.sum()),
                counter("haproxy_server_bytes_in_total", "Request bytes sent to the server since start.",
                        s -> s.counters().bytesIn.sum()),
                counter("haproxy_server_bytes_out_total", "Response bytes received from the server since start.",
                        s -> s.counters().bytesOut.sum()),
                counter("haproxy_server_responses_denied_total", "Responses of the server denied by a rule since start.",
                        s -> s.counters().deniedResponses.sum()),
                counter("haproxy_server_connection_errors_total", "Failed connections to the server since start.",
                        s -> s.counters().connectionErrors.sum()),
                counter("haproxy_server_response_errors_total", "Invalid responses from the server since start.",
                        s -> s.counters().responseErrors.sum()),
                counter("haproxy_server_retry_warnings_total", "Connection retries to the server since start.",
                        s -> s.counters().retries.sum()),
                counter("haproxy_server_redispatch_warnings_total",
                        "Requests moved from this server to another since start.",
                        s -> s.counters().redispatches.sum()),
                states("haproxy_server_status", "The server's state, per state.", ServerStates.STATES,
                        (s, state, now) -> ServerStates.of(s) == state ? 1 : 0),
                gauge("haproxy_server_weight", "The server's effective weight.", Server::effectiveWeight),
                counter("haproxy_server_check_failures_total", "Failed health checks since start.",
                        s -> ServerStates.hasCheck(s) ? s.counters().failedChecks.sum() : NAN),
                counter("haproxy_server_check_up_down_total", "Transitions from up to down since start.",
                        s -> ServerStates.hasCheck(s) ? s.counters().downTransitions.sum() : NAN),
                timed("haproxy_server_check_last_change_seconds", "Seconds since the server's state last changed.",
                        (s, l, now) -> Math.max(0, now - s.lastChangeMillis()) / 1000),
                gauge("haproxy_server_queue_limit", "The server's maxqueue (NaN when unlimited).",
                        s -> s.maxqueue() > 0 ? s.maxqueue() : NAN),
                gauge("haproxy_server_current_throttle",
                        "Percentage of its weight a server in slowstart gets now (NaN when not ramping up).",
                        s -> s.operState() == OperState.STARTING && s.rampPerMille() < 1000 ? s.rampPerMille() / 10
                                : NAN),
                states("haproxy_server_check_status", "Status of the last health check, per status.",
                        ServerStates.CHECK_STATES, (s, state, now) -> !ServerStates.checked(s) ? SKIP
                                : ServerStates.checkState(s) == state ? 1 : 0),
                gauge("haproxy_server_check_code", "HTTP status of the last health check (0 without one).",
                        s -> !ServerStates.checked(s) ? SKIP : Math.max(0, s.check().last().code())),
                Metric.<Server>seconds("haproxy_server_check_duration_seconds",
                        "How long the last health check took.", ServerMetrics::checkDuration),
                codes("haproxy_server_http_responses_total", "HTTP responses from the server since start, by class.",
                        (s, code, now) -> s.counters().httpResponses[code == 5 ? 0 : code + 1].sum()),
                counter("haproxy_server_client_aborts_total", "Exchanges the client aborted since start.",
                        s -> s.counters().clientAborts.sum()),
                counter("haproxy_server_server_aborts_total", "Exchanges the server aborted since start.",
                        s -> s.counters().serverAborts.sum()),
                timed("haproxy_server_last_session_seconds",
                        "Seconds since a stream was last sent to the server (-1 for never).",
                        (s, l, now) -> s.counters().lastSessionMillis == 0 ? -1
                                : Math.max(0, now - s.counters().lastSessionMillis) / 1000),
                gauge("haproxy_server_idle_connections_limit",
                        "Idle connections kept per thread for reuse (pool-max-conn; NaN when unlimited).",
                        s -> s.poolMaxConn() >= 0 ? s.poolMaxConn() : NAN),
                gauge("haproxy_server_uweight", "The server's configured (user) weight.", Server::userWeight));
    }

    private static long checkDuration(Server s) {
        if (!ServerStates.checked(s)) {
            return SKIP;
        }
        CheckReport r = s.check().last();
        return r.durationMs() < 0 ? SKIP : r.durationMs();
    }
}
