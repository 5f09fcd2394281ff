package dev.fulcrum.lb;

import java.util.Comparator;
import java.util.List;

/**
 * {@code balance first}: the usable server with the lowest id that is not full,
 * so that servers fill up one after the other. Weights only matter in that a
 * server of weight 0 takes nothing.
 */
final class FirstBalancer extends AbstractBalancer {

    /** Server indexes by increasing id. */
    private final int[] byId;

    FirstBalancer(LbOptions options, List<? extends LbServer> list) {
        super(options, list);
        byId = java.util.stream.IntStream.range(0, servers.length).boxed()
                .sorted(Comparator.comparingInt((Integer i) -> servers[i].id()).thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).toArray();
    }

    @Override
    void changed(int i, int oldWeight, int newWeight) {
        // Picks read the weights directly.
    }

    @Override
    LbServer pickInGroup(boolean backupGroup, LbRequest request, LbServer avoid) {
        synchronized (lock) {
            LbServer avoided = null;
            for (int i : byId) {
                if (inGroup(i, backupGroup) && !servers[i].full()) {
                    if (servers[i] != avoid) {
                        return servers[i];
                    }
                    avoided = servers[i];
                }
            }
            return avoided;
        }
    }
}
