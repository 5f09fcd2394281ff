package dev.fulcrum.proxy;

import dev.fulcrum.config.Setting;

/**
 * Settings every proxy has, whatever room uses them: mode, connection limits,
 * timeouts, descriptions and backend selection by name. Times are in
 * milliseconds; 0 means "not set" as in HAProxy.
 */
public final class ProxySettings {

    public static final Setting<Mode> MODE = Setting.of("mode", Mode.TCP);
    /** Frontend connection limit; 0 = take the global default. */
    public static final Setting<Integer> MAXCONN = Setting.of("maxconn", 0);
    public static final Setting<Integer> BACKLOG = Setting.of("backlog", 0);
    public static final Setting<String> DESCRIPTION = Setting.local("description", "");
    public static final Setting<Boolean> DISABLED = Setting.of("disabled", false);
    public static final Setting<String> DEFAULT_BACKEND = Setting.of("default_backend", "");
    public static final Setting<dev.fulcrum.config.SourceLocation> DEFAULT_BACKEND_AT =
            Setting.of("default_backend location", dev.fulcrum.config.SourceLocation.NONE);

    public static final Setting<Long> TIMEOUT_CLIENT = Setting.of("timeout client", 0L);
    public static final Setting<Long> TIMEOUT_SERVER = Setting.of("timeout server", 0L);
    public static final Setting<Long> TIMEOUT_CONNECT = Setting.of("timeout connect", 0L);
    public static final Setting<Long> TIMEOUT_QUEUE = Setting.of("timeout queue", 0L);
    public static final Setting<Long> TIMEOUT_CHECK = Setting.of("timeout check", 0L);
    public static final Setting<Long> TIMEOUT_HTTP_REQUEST = Setting.of("timeout http-request", 0L);
    public static final Setting<Long> TIMEOUT_HTTP_KEEP_ALIVE = Setting.of("timeout http-keep-alive", 0L);
    public static final Setting<Long> TIMEOUT_TUNNEL = Setting.of("timeout tunnel", 0L);
    public static final Setting<Long> TIMEOUT_CLIENT_FIN = Setting.of("timeout client-fin", 0L);
    public static final Setting<Long> TIMEOUT_SERVER_FIN = Setting.of("timeout server-fin", 0L);
    public static final Setting<Long> TIMEOUT_TARPIT = Setting.of("timeout tarpit", 0L);

    private ProxySettings() {
    }
}
