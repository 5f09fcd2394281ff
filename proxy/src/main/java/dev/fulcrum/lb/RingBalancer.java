package dev.fulcrum.lb;

import java.util.List;

/**
 * What consistent hashing and {@code random} share: one {@link HashRing} per
 * group, rebuilt and swapped on each change so that lookups read them without a
 * lock, the walk past avoided or overloaded servers, and the round-robin walk
 * used when a request has no key.
 */
abstract class RingBalancer extends AbstractBalancer {

    private volatile HashRing activeRing;
    private volatile HashRing backupRing;
    /** Last point visited by the round-robin walk of each ring, -1 for none. Guarded by {@link #lock}. */
    private int activeLast = -1;
    private int backupLast = -1;

    RingBalancer(LbOptions options, List<? extends LbServer> list) {
        super(options, list);
        activeRing = HashRing.build(servers, backup, weights, false);
        backupRing = HashRing.build(servers, backup, weights, true);
    }

    @Override
    final void changed(int i, int oldWeight, int newWeight) {
        HashRing old = backup[i] ? backupRing : activeRing;
        HashRing ring = HashRing.build(servers, backup, weights, backup[i]);
        // The round-robin walk resumes after the last position it visited.
        int last = backup[i] ? backupLast : activeLast;
        if (last >= 0 && last < old.size()) {
            last = ring.firstAtOrAfter(old.key(last) + 1) - 1;
        }
        if (backup[i]) {
            backupRing = ring;
            backupLast = last;
        } else {
            activeRing = ring;
            activeLast = last;
        }
    }

    /** The ring of the active servers or of the backups. */
    final HashRing ring(boolean backupGroup) {
        return backupGroup ? backupRing : activeRing;
    }

    /**
     * The server of the point {@code hash} designates, walking on past
     * {@code avoid} and, with {@code hash-balance-factor}, past servers loaded
     * beyond their share; -1 when none qualifies.
     */
    final int walk(HashRing ring, long hash, int avoid) {
        int n = ring.size();
        if (n == 0) {
            return -1;
        }
        int factor = options.hashBalanceFactor();
        long slots = factor == 0 ? 0 : totalSlots(ring, factor);
        int point = ring.locate(hash);
        for (int k = 0; k < n; k++) {
            int s = ring.owner(point);
            if (s != avoid && (factor == 0 || servers[s].load() < slotsOf(ring, s, slots))) {
                return s;
            }
            point = point + 1 == n ? 0 : point + 1;
        }
        return -1;
    }

    /** Connections the whole group may hold: the current load plus this request, times the factor. */
    private long totalSlots(HashRing ring, int factor) {
        long load = 1;
        for (int m : ring.members) {
            load += servers[m].load();
        }
        return (load * factor + 99) / 100;
    }

    /** A server's share of the slots, in proportion to its weight, at least one. */
    private static long slotsOf(HashRing ring, int s, long totalSlots) {
        return Math.max(1, (totalSlots * ring.weights[s] + ring.totalWeight - 1) / ring.totalWeight);
    }

    /** The next server along the ring after the last one this walk gave, skipping full ones and {@code avoid}. */
    final LbServer nextOnRing(boolean backupGroup, int avoid) {
        synchronized (lock) {
            HashRing ring = ring(backupGroup);
            int n = ring.size();
            if (n == 0) {
                return null;
            }
            int last = backupGroup ? backupLast : activeLast;
            int avoided = -1;
            int found = -1;
            for (int k = 0; k < n && found < 0; k++) {
                last = last + 1 >= n ? 0 : last + 1;
                int s = ring.owner(last);
                if (!servers[s].full()) {
                    if (s != avoid) {
                        found = s;
                    } else {
                        avoided = s;
                    }
                }
            }
            if (backupGroup) {
                backupLast = last;
            } else {
                activeLast = last;
            }
            int s = found >= 0 ? found : avoided;
            return s < 0 ? null : servers[s];
        }
    }
}
