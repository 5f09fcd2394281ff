package dev.fulcrum.sample;

/**
 * What sample fetches read about one server: a live view, not a snapshot. The
 * server room implements it; fetches call it on event loops, so every method must
 * be cheap and non-blocking.
 */
public interface ServerView {

    String name();

    /** The numeric id ({@code id} keyword or assigned in declaration order). */
    int id();

    /** Established connections, including the one being evaluated ({@code srv_conn}). */
    int currentConns();

    /** Requests waiting in this server's queue ({@code srv_queue}). */
    int queued();

    /** The {@code maxconn} limit; 0 means unlimited. */
    int maxconn();

    /** The {@code maxqueue} limit; 0 means unlimited. */
    int maxqueue();

    /** Whether the server is UP: neither DOWN nor in maintenance ({@code srv_is_up}). */
    boolean isUp();

    /** Whether the server may take traffic now: up, not drained to weight 0. */
    boolean isUsable();

    boolean isBackup();

    /** New sessions per second over the last second ({@code srv_sess_rate}). */
    int sessionRate();

    /**
     * The user weight as slowstart scales it now ({@code srv_weight}); like
     * haproxy's, it is not zeroed while the server is down or in maintenance.
     */
    int currentWeight();

    /** The weight the configuration gave ({@code srv_iweight}). */
    int initialWeight();

    /** The weight as set by configuration or the runtime API ({@code srv_uweight}). */
    int userWeight();
}
