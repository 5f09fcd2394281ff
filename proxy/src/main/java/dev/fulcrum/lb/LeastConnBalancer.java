package dev.fulcrum.lb;

import java.util.List;

/**
 * {@code balance leastconn}: servers ordered by load relative to weight, the
 * least loaded first; among equals, the one whose load changed least recently.
 *
 * <p>As observed on haproxy 2.6 with held connections: an idle server ranks 0,
 * a server with {@code n} connections and queued requests ranks
 * {@code (n + 1) * 256 / weight}, and a server whose rank is recomputed goes
 * behind the others of equal rank, which rotates the load among equal servers.
 */
final class LeastConnBalancer extends AbstractBalancer {

    private final NodeHeap.Node[] nodes;
    private final NodeHeap active;
    private final NodeHeap backups;

    LeastConnBalancer(LbOptions options, List<? extends LbServer> list) {
        super(options, list);
        nodes = new NodeHeap.Node[servers.length];
        active = new NodeHeap(servers.length);
        backups = new NodeHeap(servers.length);
        for (int i = 0; i < servers.length; i++) {
            nodes[i] = new NodeHeap.Node(i);
            if (weights[i] > 0) {
                heapOf(i).add(nodes[i], rank(i));
            }
        }
    }

    private NodeHeap heapOf(int i) {
        return backup[i] ? backups : active;
    }

    private long rank(int i) {
        long load = Math.max(0, servers[i].load());
        return load == 0 ? 0 : (load + 1) * 256 / weights[i];
    }

    @Override
    void changed(int i, int oldWeight, int newWeight) {
        NodeHeap h = heapOf(i);
        h.remove(nodes[i]);
        if (newWeight > 0) {
            h.add(nodes[i], rank(i));
        }
    }

    @Override
    public void loadChanged(LbServer server) {
        int i = indexOf(server);
        synchronized (lock) {
            NodeHeap.Node n = nodes[i];
            if (!n.queued()) {
                return;
            }
            long r = rank(i);
            if (r != n.key) {
                n.heap.remove(n);
                heapOf(i).add(n, r);
            }
        }
    }

    @Override
    LbServer pickInGroup(boolean backupGroup, LbRequest request, LbServer avoid) {
        synchronized (lock) {
            NodeHeap h = backupGroup ? backups : active;
            NodeHeap.Node first = h.first();
            if (first != null && servers[first.index] != avoid && !servers[first.index].full()) {
                return servers[first.index];
            }
            // The least loaded one is full or avoided: take the best of the others.
            NodeHeap.Node best = null;
            NodeHeap.Node avoided = null;
            for (int k = 0; k < h.size(); k++) {
                NodeHeap.Node n = h.at(k);
                if (servers[n.index].full()) {
                    continue;
                }
                if (servers[n.index] == avoid) {
                    avoided = n;
                } else if (best == null || n.before(best)) {
                    best = n;
                }
            }
            NodeHeap.Node chosen = best != null ? best : avoided;
            return chosen == null ? null : servers[chosen.index];
        }
    }
}
