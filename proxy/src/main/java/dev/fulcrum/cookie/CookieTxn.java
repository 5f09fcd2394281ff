package dev.fulcrum.cookie;

import dev.fulcrum.server.Server;

/**
 * What cookie persistence learned about one transaction: the server the
 * request's cookie designates and the two persistence flags HAProxy logs as the
 * 3rd and 4th characters of the termination state.
 */
public final class CookieTxn {

    /** Request flag: N none, I invalid, D down, V valid, E expired, O old, U unused, '-' not checked. */
    char requestFlag = 'N';
    /** Response flag: N none, I inserted, U updated, D deleted, P present (kept), R rewritten, '-' not checked. */
    char responseFlag = 'N';
    /** The server the cookie designates, until the dispatcher takes it. */
    Server server;
    /** An {@code ignore-persist} condition holds: the cookie neither chooses nor gets written. */
    boolean ignored;
    /** A use-server rule chose the server already: the cookie is not used ({@code U}). */
    boolean assigned;
    /** The dates the client's cookie carried (seconds; 0 for none): last seen, first issued. */
    long lastDate;
    long firstDate;

    public char requestFlag() {
        return requestFlag;
    }

    public char responseFlag() {
        return responseFlag;
    }

    /** The server the cookie designates while nobody took it yet (logged for a denied request), or {@code null}. */
    public Server designated() {
        return server;
    }

    /** The designated server, handed out once (a redispatch then goes through the balancer). */
    public Server takeServer() {
        Server s = server;
        server = null;
        return s;
    }
}
