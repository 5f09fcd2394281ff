package dev.fulcrum.lb;

/**
 * What a {@link Balancer} needs to know about a server. Implemented by the
 * server room, whose state is the single source of truth; a balancer reads
 * {@link #usable()} and {@link #weight()} only when told through
 * {@link Balancer#update(LbServer)}, and {@link #load()} and {@link #full()}
 * while picking.
 */
public interface LbServer {

    /**
     * HAProxy's numeric server id ({@code id} option, or assigned in declaration
     * order): it places the server's points on a consistent-hash ring and orders
     * servers for {@code balance first}.
     */
    int id();

    String name();

    /**
     * The effective weight, 0 to 256 (after {@code set weight}, agent checks and
     * slow start). A server of weight 0 receives no load-balanced traffic.
     */
    int weight();

    /** Whether this is a {@code backup} server. */
    boolean backup();

    /**
     * Whether the server may receive new traffic: operationally UP (or starting),
     * and administratively neither in maintenance nor draining.
     */
    boolean usable();

    /** Connections being served plus requests waiting in this server's own queue. */
    int load();

    /**
     * Whether the server cannot take one more connection now: it has a
     * connection limit and either already serves that many or has requests
     * queued. Round robin, static-rr, leastconn and first skip full servers.
     */
    boolean full();
}
