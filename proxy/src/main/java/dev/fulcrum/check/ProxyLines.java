package dev.fulcrum.check;

import dev.fulcrum.config.ServerConfig;
import dev.fulcrum.proxyprotocol.ProxyProtocolSettings;

/** Whether a server's health checks start with a PROXY protocol header, and which version. */
final class ProxyLines {

    private ProxyLines() {
    }

    /**
     * HAProxy's rule: {@code check-send-proxy} always (v2 if the server sends v2,
     * else v1); otherwise the server's own {@code send-proxy[-v2]}, unless the
     * check goes elsewhere ({@code port} or {@code addr}). 0 for none.
     */
    static int checkVersion(ServerConfig c) {
        int traffic = c.get(ProxyProtocolSettings.SEND_PROXY_V2) ? 2 : c.get(ProxyProtocolSettings.SEND_PROXY) ? 1 : 0;
        if (c.get(ProxyProtocolSettings.CHECK_SEND_PROXY)) {
            return traffic == 0 ? 1 : traffic;
        }
        return c.get(CheckSettings.PORT) == 0 && c.get(CheckSettings.ADDR).isEmpty() ? traffic : 0;
    }
}
