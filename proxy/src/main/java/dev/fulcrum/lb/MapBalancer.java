package dev.fulcrum.lb;

import java.util.List;

/**
 * {@code balance static-rr}, and hash-based algorithms with
 * {@code hash-type map-based}: a table where each server of the serving group
 * appears in proportion to its weight. static-rr walks the table; hashing takes
 * entry {@code hash % size}, and walks it too when a request has no key.
 *
 * <p>As in haproxy 2.6 (checked on sequences with servers going down and up):
 * weights are divided by the greatest common divisor of the weights configured
 * when the balancer was built; the table spreads each server's entries evenly
 * (a server gains its weight in score per entry, the highest score takes the
 * entry and pays the table size); the walk's position survives rebuilds, restarting
 * from the beginning only when it is past the new table's end.
 */
final class MapBalancer extends AbstractBalancer {

    private static final LbServer[] EMPTY = new LbServer[0];

    private final RequestKeys.KeyHash key;
    private final int divisor;
    private volatile LbServer[] table;
    /** Index of the next entry of the walk, possibly equal to the table size. Guarded by {@link #lock}. */
    private int next;

    MapBalancer(LbOptions options, List<? extends LbServer> list) {
        super(options, list);
        this.key = RequestKeys.of(options.balance(), options.hash());
        int gcd = 0;
        for (LbServer s : servers) {
            gcd = gcd(gcd, Math.clamp(s.weight(), 0, 256));
        }
        this.divisor = Math.max(1, gcd);
        this.table = build();
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    @Override
    void changed(int i, int oldWeight, int newWeight) {
        table = build();
    }

    /** The table of the servers serving now. */
    private LbServer[] build() {
        int t = target();
        if (t == NONE) {
            return EMPTY;
        }
        if (t >= 0) {
            return new LbServer[] {servers[t]};
        }
        boolean backupGroup = t == BACKUPS;
        int count = 0;
        int total = 0;
        for (int i = 0; i < servers.length; i++) {
            if (inGroup(i, backupGroup)) {
                count++;
                total += Math.max(1, weights[i] / divisor);
            }
        }
        int[] members = new int[count];
        int[] weight = new int[count];
        int m = 0;
        for (int i = 0; i < servers.length; i++) {
            if (inGroup(i, backupGroup)) {
                members[m] = i;
                weight[m++] = Math.max(1, weights[i] / divisor);
            }
        }
        long[] score = new long[count];
        LbServer[] out = new LbServer[total];
        for (int slot = 0; slot < total; slot++) {
            int best = -1;
            long bestValue = 0;
            for (int k = 0; k < count; k++) {
                score[k] += weight[k];
                long value = Math.floorDiv(score[k] + total, total);
                if (best < 0 || value > bestValue) {
                    best = k;
                    bestValue = value;
                }
            }
            out[slot] = servers[members[best]];
            score[best] -= total;
        }
        return out;
    }

    @Override
    LbServer pickInGroup(boolean backupGroup, LbRequest request, LbServer avoid) {
        if (key != null) {
            long h = key.of(request);
            if (h >= 0) {
                LbServer[] t = table;
                return t.length == 0 ? null : t[(int) (h % t.length)];
            }
        }
        return walk(avoid);
    }

    /** The next entry of the table that is not full, {@code avoid} only if nothing else is possible. */
    private LbServer walk(LbServer avoid) {
        synchronized (lock) {
            LbServer[] t = table;
            int size = t.length;
            if (size == 0) {
                return null;
            }
            int i = next >= size ? 0 : next;
            int avoidedNext = -1;
            for (int k = 0; k < size; k++) {
                LbServer s = t[i++];
                if (!s.full()) {
                    if (s != avoid) {
                        next = i;
                        return s;
                    }
                    if (avoidedNext < 0) {
                        avoidedNext = i;
                    }
                }
                if (i == size) {
                    i = 0;
                }
            }
            if (avoidedNext >= 0) {
                next = avoidedNext;
                return avoid;
            }
            return null;
        }
    }
}
