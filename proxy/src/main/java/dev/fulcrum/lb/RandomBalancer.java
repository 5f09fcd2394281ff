package dev.fulcrum.lb;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code balance random(<draws>)}: each draw looks a random hash up on the
 * group's {@link HashRing} (so servers are drawn in proportion to their
 * weights), and the least loaded of the drawn servers, relative to weight, wins.
 */
final class RandomBalancer extends RingBalancer {

    private final int draws;

    RandomBalancer(LbOptions options, List<? extends LbServer> list) {
        super(options, list);
        this.draws = ((BalanceSpec.Random) options.balance()).draws();
    }

    @Override
    LbServer pickInGroup(boolean backupGroup, LbRequest request, LbServer avoid) {
        HashRing ring = ring(backupGroup);
        int avoidIndex = indexOrNone(avoid);
        int best = -1;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int d = 0; d < draws; d++) {
            int drawn = walk(ring, Integer.toUnsignedLong(random.nextInt()), avoidIndex);
            if (drawn < 0) {
                break;
            }
            // Keep the earlier draw unless the new one carries less load per unit of weight.
            if (best >= 0 && drawn != best
                    && (long) servers[drawn].load() * ring.weights[best] > (long) servers[best].load() * ring.weights[drawn]) {
                drawn = best;
            }
            best = drawn;
        }
        return best < 0 ? null : servers[best];
    }
}
