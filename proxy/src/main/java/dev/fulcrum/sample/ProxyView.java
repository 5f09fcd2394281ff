package dev.fulcrum.sample;

import java.util.List;

/**
 * What sample fetches read about a frontend or a backend: a live view. The
 * runtime implements it; methods are called on event loops and must be cheap
 * and non-blocking.
 */
public interface ProxyView {

    String name();

    /** The numeric id ({@code id} keyword or assigned in declaration order). */
    int id();

    /** Established connections ({@code fe_conn}, {@code be_conn}). */
    int currentConns();

    /** New sessions per second over the last second ({@code fe_sess_rate}, {@code be_sess_rate}). */
    int sessionRate();

    /** Requests queued in the backend and all its servers' queues ({@code queue}). */
    int queued();

    /**
     * Servers that can take traffic ({@code nbsrv}): the usable active servers, or
     * when there is none, the usable backup servers.
     */
    int usableServers();

    /** Usable active (non-backup) servers, the divisor of {@code avg_queue}. */
    int activeServers();

    /** The servers of a backend in declaration order; empty for a pure frontend. */
    List<? extends ServerView> servers();

    /** The server called {@code name}, or {@code null}. */
    default ServerView server(String name) {
        for (ServerView s : servers()) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }

    /** {@code timeout server} in milliseconds, 0 when unset ({@code be_server_timeout}). */
    default long serverTimeout() {
        return 0;
    }

    /** {@code timeout tunnel} in milliseconds, 0 when unset ({@code be_tunnel_timeout}). */
    default long tunnelTimeout() {
        return 0;
    }

    /** {@code timeout client} in milliseconds, 0 when unset ({@code fe_client_timeout}). */
    default long clientTimeout() {
        return 0;
    }

    /** The name of the frontend's {@code default_backend}, or {@code null} ({@code fe_defbe}). */
    default String defaultBackend() {
        return null;
    }
}
