package dev.fulcrum.console.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The engine's counters at one instant, as the console shows them: per frontend,
 * backend and server, the figures of HAProxy's stats ({@code show stat}) that an
 * operator watches. Immutable; the sampler takes a new one a few times a second.
 *
 * @param takenAtMillis when it was taken, in milliseconds since the epoch
 * @param frontends     by frontend name, in declaration order
 * @param backends      by backend name, in declaration order
 */
public record StatsSnapshot(long takenAtMillis, Map<String, FrontendStats> frontends,
                            Map<String, BackendStats> backends) {

    /** Nothing sampled yet. */
    public static final StatsSnapshot EMPTY = new StatsSnapshot(0, Map.of(), Map.of());

    public StatsSnapshot {
        frontends = ordered(frontends);
        backends = ordered(backends);
    }

    /** Whether no counter was read into it (no engine, or not sampled yet). */
    public boolean isEmpty() {
        return frontends.isEmpty() && backends.isEmpty();
    }

    /** HTTP responses by status class ({@code hrsp_1xx}... {@code hrsp_other}). */
    public record Responses(long r1xx, long r2xx, long r3xx, long r4xx, long r5xx, long other) {

        public static final Responses NONE = new Responses(0, 0, 0, 0, 0, 0);

        /** From counters indexed as the engine keeps them: 0 = other, 1..5 = 1xx..5xx. */
        public static Responses of(long[] byClass) {
            return new Responses(byClass[1], byClass[2], byClass[3], byClass[4], byClass[5], byClass[0]);
        }
    }

    /**
     * One frontend.
     *
     * @param status       {@code OPEN}, or {@code FULL} at its connection limit (HAProxy's status field)
     * @param current      connections open now ({@code scur})
     * @param max          most connections open at once ({@code smax})
     * @param limit        its connection limit ({@code slim})
     * @param sessionRate  new connections in the last second ({@code rate})
     * @param requests     HTTP requests received ({@code req_tot})
     * @param requestRate  requests per second over the sampler's window
     * @param responses    responses sent, by status class
     */
    public record FrontendStats(String name, String status, int current, int max, int limit, int sessionRate,
                                long requests, double requestRate, Responses responses) {
        public FrontendStats {
            requireNonNull(name, "name");
            requireNonNull(status, "status");
            requireNonNull(responses, "responses");
        }
    }

    /**
     * One backend.
     *
     * @param status        {@code UP} while a server is usable, else {@code DOWN}
     * @param weight        the total weight of its usable servers
     * @param activeServers usable, non-backup servers ({@code act})
     * @param current       streams using it now ({@code scur})
     * @param max           most streams at once ({@code smax})
     * @param queued        requests waiting for a server, its own queue and its servers' ({@code qcur})
     * @param sessionRate   streams started in the last second ({@code rate})
     * @param requests      requests sent to it ({@code req_tot})
     * @param requestRate   requests per second over the sampler's window
     * @param servers       by server name, in declaration order
     */
    public record BackendStats(String name, String status, int weight, int activeServers, int current, int max,
                               int queued, int sessionRate, long requests, double requestRate, Responses responses,
                               Map<String, ServerStats> servers) {
        public BackendStats {
            requireNonNull(name, "name");
            requireNonNull(status, "status");
            requireNonNull(responses, "responses");
            servers = ordered(servers);
        }
    }

    /**
     * One server.
     *
     * @param status      HAProxy's status field: {@code MAINT}, {@code DRAIN}, {@code DOWN},
     *                    {@code NOLB}, {@code UP} (with checks, {@code UP 1/3} and the like while
     *                    changing), or {@code no check} for a running server without checks
     * @param lastCheck   the last health check as the stats page writes it ({@code L7OK/200 in 1ms}),
     *                    or {@code ""} without checks
     * @param weight      the weight load balancing uses now
     * @param current     streams it serves now ({@code scur})
     * @param max         most streams at once ({@code smax})
     * @param limit       its {@code maxconn}, or 0 for none ({@code slim})
     * @param queued      requests waiting for this server ({@code qcur})
     * @param sessionRate streams sent to it in the last second ({@code rate})
     * @param sessions    streams sent to it ({@code stot})
     * @param requestRate streams per second over the sampler's window
     */
    public record ServerStats(String name, String status, String lastCheck, int weight, int current, int max, int limit, int queued,
                              int sessionRate, long sessions, double requestRate, Responses responses) {
        public ServerStats {
            requireNonNull(name, "name");
            requireNonNull(status, "status");
            requireNonNull(lastCheck, "lastCheck");
            requireNonNull(responses, "responses");
        }
    }

    /** The frontend's figures, or {@code null} when it was not sampled. */
    public FrontendStats frontend(String name) {
        return frontends.get(name);
    }

    /** The backend's figures, or {@code null} when it was not sampled. */
    public BackendStats backend(String name) {
        return backends.get(name);
    }

    /** The server's figures, or {@code null} when it was not sampled. */
    public ServerStats server(String backend, String server) {
        BackendStats b = backends.get(backend);
        return b == null ? null : b.servers().get(server);
    }

    /** Requests per second summed over the backends. */
    public double totalBackendRequestRate() {
        double sum = 0;
        for (BackendStats b : backends.values()) {
            sum += b.requestRate();
        }
        return sum;
    }

    /** The backends' names, in declaration order. */
    public List<String> backendNames() {
        return List.copyOf(backends.keySet());
    }

    /** An unmodifiable copy that keeps the iteration order (Map.copyOf would not). */
    private static <V> Map<String, V> ordered(Map<String, V> map) {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(map, "map")));
    }
}
