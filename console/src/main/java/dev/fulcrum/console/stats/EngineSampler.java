package dev.fulcrum.console.stats;

import dev.fulcrum.backend.Backend;
import dev.fulcrum.console.model.StatsSnapshot;
import dev.fulcrum.console.model.StatsSnapshot.BackendStats;
import dev.fulcrum.console.model.StatsSnapshot.FrontendStats;
import dev.fulcrum.console.model.StatsSnapshot.Responses;
import dev.fulcrum.console.model.StatsSnapshot.ServerStats;
import dev.fulcrum.frontend.Frontend;
import dev.fulcrum.proxy.ProxyCounters;
import dev.fulcrum.runtime.Engine;
import dev.fulcrum.server.AdminState;
import dev.fulcrum.server.CheckReport;
import dev.fulcrum.server.Health;
import dev.fulcrum.server.Server;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import static java.util.Objects.requireNonNull;

/**
 * Reads an in-process engine's counters into {@link StatsSnapshot}s. The counters
 * are the ones the data path updates anyway (lock-free adders and atomics), so
 * sampling costs the engine nothing but the reads.
 *
 * <p>This is the demo's shortcut: the console otherwise knows engines only
 * through their runtime API. The snapshot carries the fields of haproxy's
 * {@code show stat} under their meanings, so a runtime API client can fill the
 * same {@link StatsSnapshot} and the views need not change.
 *
 * <p>Request rates are computed here, from the totals of earlier samples over a
 * window of {@link #RATE_WINDOW_NANOS}: wider than HAProxy's one-second session
 * rate, because at the demo's tens of requests per second a one-second count
 * jumps too much to read on a chart.
 *
 * <p>Not thread-safe: one thread samples (the {@link StatsPoller}'s).
 */
public final class EngineSampler {

    /** The window request rates are averaged over. */
    public static final long RATE_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(2);

    /** Totals of one earlier sample, by {@code frontend}, {@code backend} and {@code backend/server}. */
    private record Totals(long nanos, Map<String, Long> byName) {
    }

    private final Engine engine;
    private final LongSupplier nanoClock;
    private final Deque<Totals> history = new ArrayDeque<>();

    public EngineSampler(Engine engine) {
        this(engine, System::nanoTime);
    }

    EngineSampler(Engine engine, LongSupplier nanoClock) {
        this.engine = requireNonNull(engine, "engine");
        this.nanoClock = requireNonNull(nanoClock, "nanoClock");
    }

    /** Reads every counter now. */
    public StatsSnapshot sample() {
        long now = nanoClock.getAsLong();
        Totals past = pastTotals(now);
        Map<String, Long> totals = new HashMap<>();

        Map<String, FrontendStats> frontends = new LinkedHashMap<>();
        for (Frontend fe : engine.frontends().values()) {
            ProxyCounters c = fe.counters();
            long requests = c.requests.sum();
            String key = "fe " + fe.name();
            totals.put(key, requests);
            int current = c.current.get();
            frontends.put(fe.name(), new FrontendStats(fe.name(),
                    fe.maxconn() > 0 && current >= fe.maxconn() ? "FULL" : "OPEN",
                    current, c.max.get(), fe.maxconn(), fe.sessionRate(), requests,
                    rate(past, key, requests, now), responses(c.httpResponses)));
        }

        Map<String, BackendStats> backends = new LinkedHashMap<>();
        for (Backend be : engine.backends().values()) {
            Map<String, ServerStats> servers = new LinkedHashMap<>();
            int weight = 0;
            for (Server s : be.servers()) {
                long sessions = s.counters().sessions.sum();
                String key = "srv " + be.name() + "/" + s.name();
                totals.put(key, sessions);
                if (s.isUsable() && !s.isBackup()) {
                    weight += s.effectiveWeight();
                }
                servers.put(s.name(), new ServerStats(s.name(), status(s), lastCheck(s), s.effectiveWeight(), s.served(),
                        s.counters().maxServed.get(), s.maxconn(), s.queued(), s.sessionRate(), sessions,
                        rate(past, key, sessions, now), responses(s.counters().httpResponses)));
            }
            ProxyCounters c = be.counters();
            long requests = c.requests.sum();
            String key = "be " + be.name();
            totals.put(key, requests);
            backends.put(be.name(), new BackendStats(be.name(), be.usableServers() > 0 ? "UP" : "DOWN", weight,
                    be.activeServers(), c.current.get(), c.max.get(), be.queued(), be.sessionRate(), requests,
                    rate(past, key, requests, now), responses(c.httpResponses), servers));
        }

        history.addLast(new Totals(now, totals));
        return new StatsSnapshot(System.currentTimeMillis(), frontends, backends);
    }

    /**
     * HAProxy's status field for a server (checked against haproxy 2.6's stats
     * socket): {@code MAINT} or {@code DRAIN} first; without health checks
     * {@code no check} while it runs; with checks {@code UP}, {@code DOWN} or
     * {@code NOLB}, followed while the check counter is between its ends by how
     * far the server is towards the other state ({@code UP 1/3}: one failure of
     * three seen... or, at start, not checked yet; {@code DOWN 1/2}: one success
     * of the two that bring it up).
     */
    static String status(Server s) {
        String admin = AdminState.name(s.adminFlags());
        if (!admin.equals("READY")) {
            return admin;
        }
        Health h = s.check();
        if (h == null) {
            return switch (s.operState()) {
                case STOPPED -> "DOWN";
                case STOPPING -> "NOLB";
                case STARTING, RUNNING -> "no check";
            };
        }
        int value = h.value();
        int top = h.rise() + h.fall() - 1;
        return switch (s.operState()) {
            case STOPPED -> value == 0 ? "DOWN" : "DOWN " + value + "/" + h.rise();
            case STOPPING -> value == top ? "NOLB" : "NOLB " + (value - h.rise() + 1) + "/" + h.fall();
            case STARTING, RUNNING -> value == top ? "UP" : "UP " + (value - h.rise() + 1) + "/" + h.fall();
        };
    }

    /**
     * The last health check as the stats page's LastChk column writes it:
     * {@code L7OK/200 in 1ms}, {@code L4CON in 0ms}, {@code INI}; {@code ""}
     * without checks.
     */
    static String lastCheck(Server s) {
        Health h = s.check();
        if (h == null) {
            return "";
        }
        CheckReport r = h.last();
        StringBuilder b = new StringBuilder(r.status());
        if (r.code() >= 0 && r.status().startsWith("L7")) {
            b.append('/').append(r.code());
        }
        if (r.durationMs() >= 0) {
            b.append(" in ").append(r.durationMs()).append("ms");
        }
        return b.toString();
    }

    /**
     * The newest earlier sample at least a window old (or the oldest one while the
     * window is not full yet), dropping those before it.
     */
    private Totals pastTotals(long now) {
        while (history.size() > 1) {
            Iterator<Totals> it = history.iterator();
            it.next();
            if (now - it.next().nanos() < RATE_WINDOW_NANOS) {
                break;
            }
            history.removeFirst();
        }
        return history.peekFirst();
    }

    private static double rate(Totals past, String key, long total, long now) {
        if (past == null || now <= past.nanos()) {
            return 0;
        }
        Long before = past.byName().get(key);
        if (before == null) {
            return 0;
        }
        return (total - before) * 1e9 / (now - past.nanos());
    }

    private static Responses responses(LongAdder[] byClass) {
        long[] sums = new long[byClass.length];
        for (int i = 0; i < sums.length; i++) {
            sums[i] = byClass[i].sum();
        }
        return Responses.of(sums);
    }
}
