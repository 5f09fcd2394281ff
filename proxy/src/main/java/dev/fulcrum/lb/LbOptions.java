package dev.fulcrum.lb;

import dev.fulcrum.config.ProxyConfig;
import dev.fulcrum.proxy.Mode;
import dev.fulcrum.proxy.ProxySettings;

import static java.util.Objects.requireNonNull;

/**
 * Everything that shapes a backend's balancer.
 *
 * @param balance           the algorithm
 * @param hash              the hash-type, for hash-based algorithms
 * @param hashBalanceFactor bounded-load percentage for consistent hashing and random; 0 = none
 * @param allBackups        use all usable backups (rather than the first) when no active server is usable
 */
public record LbOptions(BalanceSpec balance, HashSpec hash, int hashBalanceFactor, boolean allBackups) {

    public LbOptions {
        requireNonNull(balance, "balance");
        requireNonNull(hash, "hash");
        if (hashBalanceFactor != 0 && hashBalanceFactor <= 100) {
            throw new IllegalArgumentException("hashBalanceFactor: " + hashBalanceFactor + " (expected: 0 or > 100)");
        }
    }

    /** Round robin with HAProxy's defaults. */
    public static LbOptions of(BalanceSpec balance) {
        return new LbOptions(balance, HashSpec.DEFAULT, 0, false);
    }

    /**
     * A backend's options as configured; a layer-7 algorithm in a TCP backend
     * becomes round robin, as HAProxy warns at startup.
     */
    public static LbOptions of(ProxyConfig backend) {
        BalanceSpec balance = backend.get(LbSettings.BALANCE);
        if (balance.layer7() && backend.get(ProxySettings.MODE) != Mode.HTTP) {
            balance = new BalanceSpec.RoundRobin();
        }
        return new LbOptions(balance, backend.get(LbSettings.HASH_TYPE), backend.get(LbSettings.HASH_BALANCE_FACTOR),
                backend.get(LbSettings.ALL_BACKUPS));
    }

    /** Whether weights are fixed once set (static-rr, map-based hashing). */
    public boolean staticWeights() {
        return balance.isStatic(hash);
    }
}
