package dev.fulcrum.lb;

import java.util.List;

/**
 * Hash-based algorithms with {@code hash-type consistent}: the request's key
 * hash is looked up on the group's {@link HashRing}; without a key, the ring is
 * walked round robin.
 */
final class ConsistentHashBalancer extends RingBalancer {

    private final RequestKeys.KeyHash key;

    ConsistentHashBalancer(LbOptions options, List<? extends LbServer> list) {
        super(options, list);
        this.key = RequestKeys.of(options.balance(), options.hash());
    }

    @Override
    LbServer pickInGroup(boolean backupGroup, LbRequest request, LbServer avoid) {
        long h = key.of(request);
        if (h < 0) {
            return nextOnRing(backupGroup, indexOrNone(avoid));
        }
        int s = walk(ring(backupGroup), h, indexOrNone(avoid));
        return s < 0 ? null : servers[s];
    }
}
