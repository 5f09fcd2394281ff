package dev.fulcrum.tcp;

import dev.fulcrum.config.Setting;

/**
 * Socket-level settings of a proxy's connections: TCP keep-alive probes on the
 * client side (frontend) and the server side (backend), and abortive closes
 * ({@code option nolinger}). Keep-alive times are in seconds; 0 leaves the
 * system's value ({@code net.ipv4.tcp_keepalive_*}).
 */
public final class TcpSettings {

    /** {@code option clitcpka} (or {@code option tcpka} on a proxy with a frontend). */
    public static final Setting<Boolean> CLIENT_KEEPALIVE = Setting.of("option clitcpka", false);
    /** {@code option srvtcpka} (or {@code option tcpka} on a proxy with a backend). */
    public static final Setting<Boolean> SERVER_KEEPALIVE = Setting.of("option srvtcpka", false);
    public static final Setting<Integer> CLIENT_KEEPALIVE_COUNT = Setting.of("clitcpka-cnt", 0);
    public static final Setting<Integer> CLIENT_KEEPALIVE_IDLE = Setting.of("clitcpka-idle", 0);
    public static final Setting<Integer> CLIENT_KEEPALIVE_INTERVAL = Setting.of("clitcpka-intvl", 0);
    public static final Setting<Integer> SERVER_KEEPALIVE_COUNT = Setting.of("srvtcpka-cnt", 0);
    public static final Setting<Integer> SERVER_KEEPALIVE_IDLE = Setting.of("srvtcpka-idle", 0);
    public static final Setting<Integer> SERVER_KEEPALIVE_INTERVAL = Setting.of("srvtcpka-intvl", 0);
    /** {@code option nolinger}: the proxy's own closes reset the connection. */
    public static final Setting<Boolean> NOLINGER = Setting.of("option nolinger", false);

    private TcpSettings() {
    }
}
