package dev.fulcrum.lb;

import java.util.List;

/**
 * {@code balance roundrobin}: HAProxy's dynamic weighted round robin (see
 * {@link FwrrGroup}), with one schedule for the active servers and one for the
 * backups. Weight changes apply from the next pick.
 */
final class RoundRobinBalancer extends AbstractBalancer {

    private final FwrrGroup.Srv[] nodes;
    private final FwrrGroup active;
    private final FwrrGroup backups;

    RoundRobinBalancer(LbOptions options, List<? extends LbServer> list) {
        super(options, list);
        nodes = new FwrrGroup.Srv[servers.length];
        for (int i = 0; i < servers.length; i++) {
            nodes[i] = new FwrrGroup.Srv(i);
            nodes[i].ew = weights[i] * FwrrGroup.SCALE;
        }
        active = new FwrrGroup(servers, members(false));
        backups = new FwrrGroup(servers, members(true));
    }

    private FwrrGroup.Srv[] members(boolean backupGroup) {
        return java.util.Arrays.stream(nodes).filter(n -> backup[n.index] == backupGroup)
                .toArray(FwrrGroup.Srv[]::new);
    }

    @Override
    LbServer pickInGroup(boolean backupGroup, LbRequest request, LbServer avoid) {
        synchronized (lock) {
            FwrrGroup.Srv s = (backupGroup ? backups : active).pick(indexOrNone(avoid));
            return s == null ? null : servers[s.index];
        }
    }

    @Override
    void changed(int i, int oldWeight, int newWeight) {
        FwrrGroup g = backup[i] ? backups : active;
        if (oldWeight == 0) {
            g.up(nodes[i], newWeight * FwrrGroup.SCALE);
        } else if (newWeight == 0) {
            g.down(nodes[i]);
        } else {
            g.reweight(nodes[i], newWeight * FwrrGroup.SCALE);
        }
    }
}
