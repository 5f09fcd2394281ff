package dev.fulcrum.lb;

import java.util.Arrays;

/**
 * HAProxy's consistent-hash ring for one group of servers, immutable: a change
 * builds a new ring. Server {@code s} of weight {@code w} owns {@code 16 * w}
 * points, point {@code n} lying at {@code avalanche(id * 4096 + n)}; a hash goes
 * to the owner of the nearest point on either side (the one before it on a
 * tie). This was established by comparing with haproxy 2.6 on thousands of keys
 * and weights, server ids, weight changes and state changes included.
 */
final class HashRing {

    static final HashRing EMPTY = new HashRing(new long[0], new int[0], new int[0], new int[0], 0);

    /** Point positions, unsigned 32-bit, ascending. */
    private final long[] keys;
    /** The server index owning each point. */
    private final int[] owners;
    /** The servers on the ring, in declaration order. */
    final int[] members;
    /** Each server's weight when the ring was built, by server index. */
    final int[] weights;
    final long totalWeight;

    private HashRing(long[] keys, int[] owners, int[] members, int[] weights, long totalWeight) {
        this.keys = keys;
        this.owners = owners;
        this.members = members;
        this.weights = weights;
        this.totalWeight = totalWeight;
    }

    /** The ring of the servers whose {@code weights} are positive and whose backup flag is {@code backupGroup}. */
    static HashRing build(LbServer[] servers, boolean[] backup, int[] weights, boolean backupGroup) {
        int points = 0;
        int count = 0;
        for (int i = 0; i < servers.length; i++) {
            if (backup[i] == backupGroup && weights[i] > 0) {
                points += weights[i] * 16;
                count++;
            }
        }
        if (count == 0) {
            return EMPTY;
        }
        // Sort (position, server, point) packed in one long: equal positions keep
        // declaration order, as HAProxy's tree keeps insertion order.
        long[] packed = new long[points];
        int[] members = new int[count];
        long total = 0;
        int p = 0;
        int m = 0;
        for (int i = 0; i < servers.length; i++) {
            if (backup[i] != backupGroup || weights[i] <= 0) {
                continue;
            }
            members[m++] = i;
            total += weights[i];
            int base = servers[i].id() * 4096;
            for (int n = 0; n < weights[i] * 16; n++) {
                // Flipping the top bit makes signed order of the packed longs unsigned order of positions.
                long key = HashFunction.avalanche(base + n) ^ Integer.MIN_VALUE;
                packed[p++] = key << 32 | (long) i << 12 | n;
            }
        }
        Arrays.sort(packed);
        long[] keys = new long[points];
        int[] owners = new int[points];
        for (int k = 0; k < points; k++) {
            keys[k] = Integer.toUnsignedLong((int) (packed[k] >> 32) ^ Integer.MIN_VALUE);
            owners[k] = (int) ((packed[k] & 0xffffffffL) >>> 12);
        }
        return new HashRing(keys, owners, members, weights.clone(), total);
    }

    int size() {
        return keys.length;
    }

    long key(int point) {
        return keys[point];
    }

    int owner(int point) {
        return owners[point];
    }

    /** The point a hash designates (the ring must not be empty). */
    int locate(long hash) {
        int n = keys.length;
        int next = firstAtOrAfter(hash);
        if (next == n) {
            next = 0;
        }
        int prev = next == 0 ? n - 1 : next - 1;
        long before = (hash - keys[prev]) & 0xffffffffL;
        long after = (keys[next] - hash) & 0xffffffffL;
        return before <= after ? prev : next;
    }

    /** The index of the first point at or after {@code hash}, or {@link #size()}. */
    int firstAtOrAfter(long hash) {
        int lo = 0;
        int hi = keys.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (keys[mid] < hash) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
