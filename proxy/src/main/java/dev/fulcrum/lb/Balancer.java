package dev.fulcrum.lb;

import dev.fulcrum.config.ProxyConfig;

import java.util.List;

/**
 * A backend's load-balancing algorithm at run time: the data path asks it for a
 * server per request. One instance serves every event loop of a backend, so
 * implementations are thread-safe; a pick holds a lock at most for the pick
 * itself and allocates nothing.
 *
 * <p>Servers are split as in HAProxy: active servers take all traffic while at
 * least one is usable; otherwise backups do, only the first usable one in
 * declaration order unless {@code option allbackups} is set. A server that is
 * not usable or has weight 0 receives nothing.
 *
 * <p>Server changes must be reported: {@link #update(LbServer)} after a change of
 * state or weight (it takes effect for the next pick), {@link #loadChanged(LbServer)}
 * after each change of a server's {@link LbServer#load()}.
 */
public interface Balancer {

    /**
     * Chooses a server for a request.
     *
     * @param request what key-based algorithms hash; {@link LbRequest#NONE} for others
     * @param avoid   a server to use only if nothing else is possible (the one a
     *                failed attempt went to, for a redispatch), or {@code null}
     * @return the server, or {@code null} when no server is usable or, for
     *         round robin, static-rr, leastconn and first, when every usable
     *         server is {@link LbServer#full() full} (then the request waits in the
     *         backend's queue; {@link #available()} tells the two cases apart)
     */
    LbServer pick(LbRequest request, LbServer avoid);

    /** Re-reads the server's usability and weight; the change applies from the next pick. */
    void update(LbServer server);

    /** Notes that the server's load changed (a connection was assigned or ended, a request queued or left). */
    void loadChanged(LbServer server);

    /** Whether at least one server (active or backup) is usable with a non-zero weight. */
    boolean available();

    /** The options this balancer was built with. */
    LbOptions options();

    /**
     * Hashes a {@code balance hash} key as this backend's {@code hash-type}
     * prescribes, for {@link LbRequest#exprHash()}.
     */
    default long hash(byte[] key, int off, int len) {
        return Integer.toUnsignedLong(options().hash().hash(key, off, len));
    }

    /**
     * Builds the balancer of a backend. {@code servers} are in declaration order
     * (which decides the first backup and ties); their current state is read now.
     */
    static Balancer create(LbOptions options, List<? extends LbServer> servers) {
        return Balancers.create(options, servers);
    }

    /** Builds the balancer of a parsed backend. */
    static Balancer create(ProxyConfig backend, List<? extends LbServer> servers) {
        return Balancers.create(LbOptions.of(backend), servers);
    }
}
