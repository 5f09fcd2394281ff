package dev.fulcrum.backend;

import dev.fulcrum.server.Server;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Chooses a server for a request among those usable and not full. This is the
 * seam where the load-balancing room's algorithms plug in; until they do it is a
 * plain rotation over active servers, then backups.
 */
public final class ServerSelector {

    private final List<Server> servers;
    private final AtomicInteger next = new AtomicInteger();

    ServerSelector(List<Server> servers) {
        this.servers = servers;
    }

    /** Outcome of a selection. */
    public enum Outcome { SELECTED, ALL_FULL, NONE_USABLE }

    /**
     * Picks a usable server with a free slot, reserving the slot.
     *
     * @param avoid a server to skip if any other is usable (the one a retry failed on)
     * @param out   receives the chosen server at index 0
     */
    public Outcome select(Backend backend, Server avoid, Server[] out) {
        Outcome o = selectAmong(backend, false, avoid, out);
        if (o == Outcome.NONE_USABLE) {
            o = selectAmong(backend, true, avoid, out);
        }
        return o;
    }

    private Outcome selectAmong(Backend backend, boolean backups, Server avoid, Server[] out) {
        int n = servers.size();
        if (n == 0) {
            return Outcome.NONE_USABLE;
        }
        boolean anyUsable = false;
        int start = Math.floorMod(next.getAndIncrement(), n);
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < n; i++) {
                Server s = servers.get((start + i) % n);
                if (s.isBackup() != backups || !s.isUsable()) {
                    continue;
                }
                anyUsable = true;
                if (pass == 0 && s == avoid) {
                    continue;
                }
                if (s.tryAcquire(backend.limitOf(s))) {
                    out[0] = s;
                    return Outcome.SELECTED;
                }
            }
        }
        return anyUsable ? Outcome.ALL_FULL : Outcome.NONE_USABLE;
    }
}
