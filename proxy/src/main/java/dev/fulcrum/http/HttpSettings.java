package dev.fulcrum.http;

import dev.fulcrum.config.Setting;

/** Options of the HTTP data path of a frontend or backend. */
public final class HttpSettings {

    public static final Setting<ConnectionMode> CONNECTION_MODE = Setting.of("connection mode", ConnectionMode.KEEP_ALIVE);
    /** {@code option forwardfor}; {@code null} when disabled. */
    public static final Setting<ForwardFor> FORWARD_FOR = Setting.of("option forwardfor", null);
    /** {@code option originalto}; {@code null} when disabled. */
    public static final Setting<ForwardFor> ORIGINAL_TO = Setting.of("option originalto", null);
    /** Wait for the whole request body before connecting ({@code option http-buffer-request}). */
    public static final Setting<Boolean> BUFFER_REQUEST = Setting.of("option http-buffer-request", false);
    /** {@code option abortonclose}: a request whose client closed is dropped while queued or connecting. */
    public static final Setting<Boolean> ABORT_ON_CLOSE = Setting.of("option abortonclose", false);

    /** {@code option http-ignore-probes}: a connection closed or timed out before sending anything is not an error. */
    public static final Setting<Boolean> IGNORE_PROBES = Setting.of("option http-ignore-probes", false);
    /** {@code option http-pretend-keepalive}: no {@code Connection: close} to servers in close modes. */
    public static final Setting<Boolean> PRETEND_KEEPALIVE = Setting.of("option http-pretend-keepalive", false);
    /** {@code option contstats}: traffic counters grow while data flows, not only when a stream ends. */
    public static final Setting<Boolean> CONTSTATS = Setting.of("option contstats", false);
    /** {@code option http-no-delay}: accepted; Fulcrum never delays data (see its keyword summary). */
    public static final Setting<Boolean> NO_DELAY = Setting.of("option http-no-delay", false);
    /** {@code option socket-stats}: accepted; Fulcrum has no per-listener statistics to enable. */
    public static final Setting<Boolean> SOCKET_STATS = Setting.of("option socket-stats", false);

    private HttpSettings() {
    }
}
