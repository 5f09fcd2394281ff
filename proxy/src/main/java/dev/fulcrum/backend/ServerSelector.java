package dev.fulcrum.backend;

import dev.fulcrum.lb.Balancer;
import dev.fulcrum.lb.LbRequest;
import dev.fulcrum.lb.LbServer;
import dev.fulcrum.server.Server;

import java.util.List;

/**
 * Chooses a server for a request with the backend's balancer and reserves a slot
 * on it, telling apart HAProxy's three outcomes: a server was chosen; every
 * usable server is full (wait in the backend's queue); the chosen server is full
 * (a hash or persistence choice: wait in that server's queue); or nothing is
 * usable (503).
 */
public final class ServerSelector {

    /** Outcome of a selection. */
    public enum Outcome { SELECTED, ALL_FULL, SERVER_FULL, NONE_USABLE }

    private final Balancer balancer;

    ServerSelector(Balancer balancer, List<Server> servers) {
        this.balancer = balancer;
        for (Server s : servers) {
            s.addListener(balancer::update);
        }
    }

    public Balancer balancer() {
        return balancer;
    }

    /**
     * Picks a server and reserves a slot on it.
     *
     * @param avoid a server to use only if nothing else is possible (a retry's redispatch)
     * @param out   receives the chosen server at index 0 (also for {@link Outcome#SERVER_FULL})
     */
    public Outcome select(Backend backend, LbRequest request, Server avoid, Server[] out) {
        // A lost race for the last slot of a round-robin pick just means picking again.
        for (int attempt = 0; attempt < 4; attempt++) {
            LbServer picked = balancer.pick(request, avoid);
            if (picked == null) {
                return balancer.available() ? Outcome.ALL_FULL : Outcome.NONE_USABLE;
            }
            Server s = (Server) picked;
            if (s.tryAcquire(backend.limitOf(s))) {
                balancer.loadChanged(s);
                out[0] = s;
                return Outcome.SELECTED;
            }
            if (s.full() && isKeyed()) {
                out[0] = s;
                return Outcome.SERVER_FULL;
            }
        }
        return Outcome.ALL_FULL;
    }

    /** Hash-based algorithms keep their choice even when the server is full. */
    private boolean isKeyed() {
        return balancer.options().balance().hashBased();
    }

    /** Reports a load change (slot released, request queued or dequeued). */
    public void loadChanged(Server s) {
        balancer.loadChanged(s);
    }
}
