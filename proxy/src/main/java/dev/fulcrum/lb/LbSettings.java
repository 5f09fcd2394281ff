package dev.fulcrum.lb;

import dev.fulcrum.config.Setting;

/**
 * The load-balancing settings of a backend, written by {@link LbKeywords}. All are
 * inherited from the defaults section, as in HAProxy.
 */
public final class LbSettings {

    /** {@code balance}; roundrobin when not given. */
    public static final Setting<BalanceSpec> BALANCE = Setting.of("balance", BalanceSpec.DEFAULT);
    /** The compiled expression of {@code balance hash <expr>}, or {@code null} for other algorithms. */
    public static final Setting<dev.fulcrum.sample.SampleExpr> HASH_EXPRESSION = Setting.of("balance hash expression", null);
    /** {@code hash-type}; map-based sdbm when not given. */
    public static final Setting<HashSpec> HASH_TYPE = Setting.of("hash-type", HashSpec.DEFAULT);
    /**
     * {@code hash-balance-factor}: with consistent hashing or random, no server may
     * take more than this percentage of the average load; 0 = no bound.
     */
    public static final Setting<Integer> HASH_BALANCE_FACTOR = Setting.of("hash-balance-factor", 0);
    /** {@code option allbackups}: when no active server is usable, share the load among all backups. */
    public static final Setting<Boolean> ALL_BACKUPS = Setting.of("option allbackups", false);

    private LbSettings() {
    }
}
