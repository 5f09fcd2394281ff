package dev.fulcrum.stats;

import dev.fulcrum.frontend.Frontend;

import java.util.List;

import static dev.fulcrum.stats.Metric.counter;
import static dev.fulcrum.stats.Metric.gauge;
import static dev.fulcrum.stats.Metric.labeled;
import static dev.fulcrum.stats.Metric.timed;

/**
 * The {@code haproxy_process_*} metrics Fulcrum can give a true value for, in
 * HAProxy's order. Those about TLS, pipes, compression, pools, tasks, peers and
 * DNS are left out: the engine has no such figures (yet), and a made-up zero
 * would mislead a dashboard.
 */
final class ProcessMetrics {

    private ProcessMetrics() {
    }

    static List<Metric<StatsSource>> all(String version) {
        return List.of(
                gauge("haproxy_process_nbthread", "Number of event-loop threads the process runs (nbthread).",
                        StatsSource::threads),
                gauge("haproxy_process_nbproc", "Number of worker processes (always 1).", p -> 1),
                gauge("haproxy_process_relative_process_id", "Number of this worker process (always 1).", p -> 1),
                timed("haproxy_process_uptime_seconds", "Seconds since the process started.",
                        (p, l, now) -> (now - p.startMillis()) / 1000),
                gauge("haproxy_process_max_fds", "File descriptors the process may open.", StatsSource::maxFds),
                gauge("haproxy_process_max_connections", "Connection limit of the process (maxconn).",
                        StatsSource::maxconn),
                gauge("haproxy_process_hard_max_connections",
                        "Connection limit the process cannot exceed (configured or derived from the file limit).",
                        StatsSource::maxconn),
                gauge("haproxy_process_current_connections", "Client connections open now.",
                        StatsSource::currentConnections),
                counter("haproxy_process_connections_total", "Client connections accepted since start.",
                        ProcessMetrics::connections),
                counter("haproxy_process_requests_total", "HTTP requests received since start.",
                        StatsSource::requestsTotal),
                gauge("haproxy_process_stopping", "1 while the process is stopping, else 0.",
                        p -> p.stopping() ? 1 : 0),
                gauge("haproxy_process_listeners", "Listening sockets.", StatsSource::listeners),
                labeled("haproxy_process_build_info", "Version of the running engine.", "version", version, p -> 1),
                gauge("haproxy_process_start_time_seconds", "When the process started (Unix time, seconds).",
                        p -> p.startMillis() / 1000));
    }

    private static long connections(StatsSource p) {
        long n = 0;
        for (Frontend fe : p.frontends()) {
            n += fe.counters().sessions.sum();
        }
        return n;
    }
}
