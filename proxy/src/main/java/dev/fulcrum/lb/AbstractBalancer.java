package dev.fulcrum.lb;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * What every balancer shares: the servers in declaration order, the weight each
 * had at its last {@link #update(LbServer)}, and which of them take traffic now
 * (active servers, all backups, the first backup, or none).
 *
 * <p>Updates are serialized on {@link #lock}; balancers whose picks change state
 * take the same lock to pick, the others read immutable snapshots.
 */
abstract class AbstractBalancer implements Balancer {

    /** {@link #target()}: the active servers take traffic. */
    static final int ACTIVE = -1;
    /** {@link #target()}: all usable backups take traffic ({@code option allbackups}). */
    static final int BACKUPS = -2;
    /** {@link #target()}: no server is usable. */
    static final int NONE = -3;

    final LbOptions options;
    final LbServer[] servers;
    final boolean[] backup;
    /** The effective weight of each server as last read, 0 when it is not usable. Guarded by {@link #lock}. */
    final int[] weights;
    final Object lock = new Object();
    private final Map<LbServer, Integer> indexes;
    private volatile int target;

    AbstractBalancer(LbOptions options, List<? extends LbServer> list) {
        this.options = requireNonNull(options, "options");
        this.servers = list.toArray(new LbServer[0]);
        this.backup = new boolean[servers.length];
        this.weights = new int[servers.length];
        this.indexes = new IdentityHashMap<>();
        for (int i = 0; i < servers.length; i++) {
            LbServer s = requireNonNull(servers[i], "servers[" + i + "]");
            if (indexes.put(s, i) != null) {
                throw new IllegalArgumentException("servers: " + s.name() + " listed twice");
            }
            backup[i] = s.backup();
            weights[i] = effectiveWeight(s);
        }
        recount();
    }

    /** The weight a balancer uses: the server's weight clamped to 0-256, or 0 when it is not usable. */
    static int effectiveWeight(LbServer s) {
        return s.usable() ? Math.clamp(s.weight(), 0, 256) : 0;
    }

    @Override
    public final LbOptions options() {
        return options;
    }

    @Override
    public final void update(LbServer server) {
        int i = indexOf(server);
        int w = effectiveWeight(server);
        synchronized (lock) {
            int old = weights[i];
            if (old == w) {
                return;
            }
            weights[i] = w;
            recount();
            changed(i, old, w);
        }
    }

    @Override
    public final LbServer pick(LbRequest request, LbServer avoid) {
        int t = target;
        if (t == NONE) {
            return null;
        }
        if (t >= 0) {
            return servers[t]; // HAProxy gives the first backup whatever its load
        }
        return pickInGroup(t == BACKUPS, request, avoid);
    }

    /** Picks among the active servers or among the backups. */
    abstract LbServer pickInGroup(boolean backupGroup, LbRequest request, LbServer avoid);

    /** Applies a change of server {@code i}'s effective weight; called under {@link #lock}. */
    abstract void changed(int i, int oldWeight, int newWeight);

    @Override
    public void loadChanged(LbServer server) {
        // Only leastconn orders servers by load as it changes.
    }

    @Override
    public final boolean available() {
        return target != NONE;
    }

    /** Which servers take traffic: {@link #ACTIVE}, {@link #BACKUPS}, {@link #NONE}, or the index of the one backup that does. */
    final int target() {
        return target;
    }

    final int indexOf(LbServer s) {
        Integer i = indexes.get(s);
        if (i == null) {
            throw new IllegalArgumentException("server: " + (s == null ? null : s.name()) + " (not in this backend)");
        }
        return i;
    }

    /** Index of {@code s} or -1 (for an {@code avoid} argument that may be anything). */
    final int indexOrNone(LbServer s) {
        if (s == null) {
            return -1;
        }
        Integer i = indexes.get(s);
        return i == null ? -1 : i;
    }

    /** Whether server {@code i} belongs to the group a target names. */
    final boolean inGroup(int i, boolean backupGroup) {
        return backup[i] == backupGroup && weights[i] > 0;
    }

    private void recount() {
        boolean active = false;
        int firstBackup = -1;
        for (int i = 0; i < servers.length; i++) {
            if (weights[i] > 0) {
                if (!backup[i]) {
                    active = true;
                    break;
                }
                if (firstBackup < 0) {
                    firstBackup = i;
                }
            }
        }
        target = active ? ACTIVE : firstBackup < 0 ? NONE : options.allBackups() ? BACKUPS : firstBackup;
    }
}
