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

    private HttpSettings() {
    }
}
