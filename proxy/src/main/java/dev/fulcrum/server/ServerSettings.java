package dev.fulcrum.server;

import dev.fulcrum.config.Setting;

/**
 * Options of {@code server} and {@code default-server} lines that describe the
 * server itself (identity, initial state, weight and limits). Check, TLS and
 * persistence options are declared by their own rooms.
 */
public final class ServerSettings {

    /** Explicit numeric id; 0 = assigned in order. */
    public static final Setting<Integer> ID = Setting.of("id", 0);
    public static final Setting<Boolean> DISABLED = Setting.of("disabled", false);
    public static final Setting<Integer> WEIGHT = Setting.of("weight", 1);
    public static final Setting<Boolean> BACKUP = Setting.of("backup", false);
    public static final Setting<Integer> MAXCONN = Setting.of("maxconn", 0);
    public static final Setting<Integer> MAXQUEUE = Setting.of("maxqueue", 0);
    public static final Setting<Integer> MINCONN = Setting.of("minconn", 0);
    /** {@code pool-max-conn}: idle connections kept to the server; -1 = no limit, 0 = none. */
    public static final Setting<Integer> POOL_MAX_CONN = Setting.of("pool-max-conn", -1);
    /** {@code pool-purge-delay}: every such interval half of the idle connections close; 0 = keep none. */
    public static final Setting<Long> POOL_PURGE_DELAY = Setting.of("pool-purge-delay", 5000L);

    private ServerSettings() {
    }
}
