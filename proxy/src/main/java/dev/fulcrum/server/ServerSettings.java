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

    /** {@code slowstart}: milliseconds over which the weight ramps up after the server comes up. */
    public static final Setting<Long> SLOWSTART = Setting.of("slowstart", 0L);
    /** {@code track [<backend>/]<server>}: follow that server's state instead of checking; "" for none. */
    public static final Setting<String> TRACK = Setting.of("track", "");
    /** {@code redir <prefix>}: answer GET/HEAD with a 302 to this prefix instead of forwarding; "" for none. */
    public static final Setting<String> REDIR = Setting.of("redir", "");
    /** {@code on-marked-down shutdown-sessions}. */
    public static final Setting<Boolean> SHUTDOWN_ON_DOWN = Setting.of("on-marked-down", false);
    /** {@code on-marked-up shutdown-backup-sessions}. */
    public static final Setting<Boolean> SHUTDOWN_BACKUPS_ON_UP = Setting.of("on-marked-up", false);

    private ServerSettings() {
    }
}
