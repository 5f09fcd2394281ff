package dev.fulcrum.stick;

import dev.fulcrum.config.Configuration;
import dev.fulcrum.config.ProxyConfig;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The running stick tables of an engine, by name, and the sweep that frees the
 * memory of expired entries. Lookups read an immutable map.
 */
public final class StickTables {

    /** How often expired entries are swept (they vanish from lookups at once regardless). */
    private static final long SWEEP_MILLIS = 1000;

    private final Map<String, StickTable> tables;
    private ScheduledFuture<?> sweep;

    private StickTables(Map<String, StickTable> tables) {
        this.tables = Collections.unmodifiableMap(tables);
    }

    /**
     * One table per proxy that declares a {@code stick-table}; tables of
     * {@code previous} with the same name and definition are kept, entries
     * included (what a reload carries over).
     */
    public static StickTables of(Configuration config, StickTables previous) {
        Map<String, StickTable> m = new LinkedHashMap<>();
        java.util.Set<String> sticky = new java.util.HashSet<>();
        for (ProxyConfig p : config.proxies()) {
            p.get(StickSettings.STICK_RULES).forEach(r -> sticky.add(r.table()));
        }
        for (ProxyConfig p : config.proxies()) {
            TableSpec spec = p.get(StickSettings.TABLE);
            if (spec == null) {
                continue;
            }
            if (sticky.contains(p.name()) && !spec.stores(DataType.SERVER_ID)) {
                spec = withServerId(spec); // "automatically enabled when referenced" by stick rules
            }
            StickTable old = previous == null ? null : previous.tables.get(p.name());
            m.put(p.name(), old != null && sameShape(old.spec(), spec) ? old : new StickTable(spec));
        }
        return new StickTables(m);
    }

    private static TableSpec withServerId(TableSpec s) {
        Map<DataType, TableSpec.Stored> stored = new LinkedHashMap<>(s.stored());
        stored.put(DataType.SERVER_ID, new TableSpec.Stored(DataType.SERVER_ID, 1, 0));
        return new TableSpec(s.name(), s.keyType(), s.keyLen(), s.size(), s.expireMs(), s.nopurge(), stored,
                s.location());
    }

    private static boolean sameShape(TableSpec a, TableSpec b) {
        return a.keyType() == b.keyType() && a.keyLen() == b.keyLen() && a.size() == b.size()
                && a.expireMs() == b.expireMs() && a.nopurge() == b.nopurge() && a.stored().equals(b.stored());
    }

    /** The table called {@code name}, or {@code null}. */
    public StickTable get(String name) {
        return tables.get(name);
    }

    /** Every table, in declaration order. */
    public Map<String, StickTable> all() {
        return tables;
    }

    /** Starts the periodic sweep of expired entries on {@code executor} (an event loop: the sweep never blocks). */
    public void startSweeping(ScheduledExecutorService executor) {
        if (tables.values().stream().anyMatch(t -> t.spec().expireMs() > 0)) {
            sweep = executor.scheduleAtFixedRate(() -> tables.values().forEach(StickTable::purgeExpired),
                    SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** Stops the sweep. */
    public void stop() {
        ScheduledFuture<?> s = sweep;
        if (s != null) {
            s.cancel(false);
        }
    }
}
