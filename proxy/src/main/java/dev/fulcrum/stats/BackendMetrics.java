package dev.fulcrum.stats;

import dev.fulcrum.backend.Backend;
import dev.fulcrum.server.Server;

import java.util.List;

import static dev.fulcrum.stats.Metric.codes;
import static dev.fulcrum.stats.Metric.counter;
import static dev.fulcrum.stats.Metric.gauge;
import static dev.fulcrum.stats.Metric.states;

/** The {@code haproxy_backend_*} metrics Fulcrum produces, in HAProxy's order. */
final class BackendMetrics {

    private BackendMetrics() {
    }

    static List<Metric<Backend>> all() {
        return List.of(
                gauge("haproxy_backend_current_queue", "Requests waiting for a server now.", Backend::queued),
                gauge("haproxy_backend_current_sessions", "Streams using the backend now.",
                        b -> b.counters().current.get()),
                gauge("haproxy_backend_max_sessions", "Most streams using the backend at once since start.",
                        b -> b.counters().max.get()),
                gauge("haproxy_backend_limit_sessions", "The backend's fullconn.", Backend::fullconn),
                counter("haproxy_backend_sessions_total", "Streams sent to the backend since start.",
                        b -> b.counters().sessions.sum()),
                counter("haproxy_backend_bytes_in_total", "Request bytes received since start.",
                        b -> b.counters().bytesIn.sum()),
                counter("haproxy_backend_bytes_out_total", "Response bytes sent since start.",
                        b -> b.counters().bytesOut.sum()),
                counter("haproxy_backend_requests_denied_total", "Requests denied by a rule since start.",
                        b -> b.counters().deniedRequests.sum()),
                counter("haproxy_backend_responses_denied_total", "Responses denied by a rule since start.",
                        b -> b.counters().deniedResponses.sum()),
                counter("haproxy_backend_connection_errors_total", "Failed connections to servers since start.",
                        b -> b.counters().connectionErrors.sum()),
                counter("haproxy_backend_response_errors_total", "Invalid responses from servers since start.",
                        b -> b.counters().responseErrors.sum()),
                counter("haproxy_backend_retry_warnings_total", "Connection retries since start.",
                        b -> b.counters().retries.sum()),
                counter("haproxy_backend_redispatch_warnings_total", "Redispatches to another server since start.",
                        b -> b.counters().redispatches.sum()),
                states("haproxy_backend_status", "Whether the backend has a usable server, per state.",
                        List.of("DOWN", "UP"), (b, state, now) -> (up(b) ? 1 : 0) == state ? 1 : 0),
                gauge("haproxy_backend_weight", "Sum of the effective weights of the servers taking traffic.",
                        b -> weights(b, true)),
                gauge("haproxy_backend_active_servers", "Usable active servers.", Backend::usableActive),
                gauge("haproxy_backend_backup_servers", "Usable backup servers.", Backend::usableBackup),
                codes("haproxy_backend_http_responses_total", "HTTP responses sent since start, by status class.",
                        (b, code, now) -> b.counters().httpResponses[code == 5 ? 0 : code + 1].sum()),
                counter("haproxy_backend_http_requests_total", "HTTP requests sent to the backend since start.",
                        b -> b.counters().requests.sum()),
                counter("haproxy_backend_client_aborts_total", "Exchanges the client aborted since start.",
                        b -> b.counters().clientAborts.sum()),
                counter("haproxy_backend_server_aborts_total", "Exchanges the server aborted since start.",
                        b -> b.counters().serverAborts.sum()),
                gauge("haproxy_backend_uweight", "Sum of the configured weights of the servers taking traffic.",
                        b -> weights(b, false)),
                states("haproxy_backend_agg_server_status", "Number of servers in each state.", ServerStates.STATES,
                        (b, state, now) -> countState(b, state)),
                states("haproxy_backend_agg_server_check_status",
                        "Number of servers in each state (the former name of agg_server_status).",
                        ServerStates.STATES, (b, state, now) -> countState(b, state)),
                states("haproxy_backend_agg_check_status", "Number of servers whose last check ended in each status.",
                        ServerStates.CHECK_STATES, (b, state, now) -> countCheckState(b, state)));
    }

    /** Up when a server takes traffic, or when there is no server at all (nothing can be down). */
    private static boolean up(Backend b) {
        return b.servers().isEmpty() || b.usableServers() > 0;
    }

    /**
     * The weights of the servers the balancer uses: the usable active ones, or
     * the usable backups when no active one is left.
     */
    private static long weights(Backend b, boolean effective) {
        boolean backups = b.usableActive() == 0;
        long sum = 0;
        for (Server s : b.servers()) {
            if (s.isBackup() == backups && s.isUsable()) {
                sum += effective ? s.effectiveWeight() : s.userWeight();
            }
        }
        return sum;
    }

    private static long countState(Backend b, int state) {
        if (b.servers().isEmpty()) {
            return PromText.SKIP; // nothing to aggregate: HAProxy lists no line
        }
        long n = 0;
        for (Server s : b.servers()) {
            if (ServerStates.of(s) == state) {
                n++;
            }
        }
        return n;
    }

    private static long countCheckState(Backend b, int state) {
        if (b.servers().isEmpty()) {
            return PromText.SKIP;
        }
        long n = 0;
        for (Server s : b.servers()) {
            if (ServerStates.checked(s) && ServerStates.checkState(s) == state) {
                n++;
            }
        }
        return n;
    }
}
