package dev.fulcrum.proxyprotocol;

import dev.fulcrum.config.Setting;

import java.util.Set;

/** The PROXY protocol options of bind and server lines. */
public final class ProxyProtocolSettings {

    /** {@code bind ... accept-proxy}: every connection starts with a PROXY header. */
    public static final Setting<Boolean> ACCEPT_PROXY = Setting.of("accept-proxy", false);
    /** {@code server ... send-proxy}. */
    public static final Setting<Boolean> SEND_PROXY = Setting.of("send-proxy", false);
    /** {@code server ... send-proxy-v2} (wins over {@code send-proxy} when both are set, as in HAProxy). */
    public static final Setting<Boolean> SEND_PROXY_V2 = Setting.of("send-proxy-v2", false);
    /** {@code server ... check-send-proxy}. */
    public static final Setting<Boolean> CHECK_SEND_PROXY = Setting.of("check-send-proxy", false);
    /** {@code server ... proxy-v2-options <opt>[,<opt>]*}. */
    public static final Setting<Set<V2Option>> V2_OPTIONS = Setting.of("proxy-v2-options", Set.of());

    private ProxyProtocolSettings() {
    }
}
