package dev.fulcrum.http;

/**
 * HTTP connection handling of a proxy ({@code option http-keep-alive},
 * {@code http-server-close}, {@code httpclose}). The mode applied to a request is
 * the stronger of the frontend's and the backend's: keep-alive &lt; server-close
 * &lt; close.
 */
public enum ConnectionMode {
    KEEP_ALIVE,
    SERVER_CLOSE,
    CLOSE;

    public static ConnectionMode strongest(ConnectionMode a, ConnectionMode b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }
}
