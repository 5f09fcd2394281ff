package dev.fulcrum.lb;

import java.util.List;

/** Chooses the implementation of a {@link Balancer}. */
final class Balancers {

    private Balancers() {
    }

    static Balancer create(LbOptions options, List<? extends LbServer> servers) {
        return switch (options.balance()) {
            case BalanceSpec.RoundRobin r -> new RoundRobinBalancer(options, servers);
            case BalanceSpec.StaticRoundRobin r -> new MapBalancer(options, servers);
            case BalanceSpec.LeastConn l -> new LeastConnBalancer(options, servers);
            case BalanceSpec.First f -> new FirstBalancer(options, servers);
            case BalanceSpec.Random r -> new RandomBalancer(options, servers);
            default -> options.hash().method() == HashSpec.Method.CONSISTENT
                    ? new ConsistentHashBalancer(options, servers)
                    : new MapBalancer(options, servers);
        };
    }
}
