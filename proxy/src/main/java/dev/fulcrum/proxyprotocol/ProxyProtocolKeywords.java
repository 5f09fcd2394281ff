package dev.fulcrum.proxyprotocol;

import dev.fulcrum.config.KeywordProvider;
import dev.fulcrum.config.KeywordRegistry;

import java.util.EnumSet;
import java.util.Set;

import static dev.fulcrum.proxyprotocol.ProxyProtocolSettings.*;

/**
 * The PROXY protocol's bind and server options: {@code accept-proxy},
 * {@code send-proxy[-v2]} and their {@code no-} forms, {@code check-send-proxy}
 * and {@code proxy-v2-options}. (The {@code expect-proxy layer4} action is in
 * the action room with the other tcp-request rules.)
 */
public final class ProxyProtocolKeywords implements KeywordProvider {

    /** The v2 options HAProxy 2.6 knows that describe the client's TLS session, which Fulcrum does not terminate. */
    private static final Set<String> TLS_OPTIONS = Set.of("ssl", "cert-cn", "ssl-cipher", "cert-sig", "cert-key");

    @Override
    public void register(KeywordRegistry.Builder r) {
        r.bindOption("accept-proxy", "connections start with a PROXY protocol header (v1 or v2)",
                ctx -> ctx.settings().set(ACCEPT_PROXY, true));
        r.serverOption("send-proxy", "send a PROXY protocol v1 header on each connection",
                ctx -> ctx.settings().set(SEND_PROXY, true));
        r.serverOption("no-send-proxy", "cancel an inherited send-proxy", ctx -> ctx.settings().set(SEND_PROXY, false));
        r.serverOption("send-proxy-v2", "send a PROXY protocol v2 header on each connection",
                ctx -> ctx.settings().set(SEND_PROXY_V2, true));
        r.serverOption("no-send-proxy-v2", "cancel an inherited send-proxy-v2",
                ctx -> ctx.settings().set(SEND_PROXY_V2, false));
        r.serverOption("check-send-proxy", "health checks send a PROXY protocol header too",
                ctx -> ctx.settings().set(CHECK_SEND_PROXY, true));
        r.serverOption("proxy-v2-options", "TLVs added to send-proxy-v2 headers: crc32c, authority, unique-id", ctx -> {
            Set<V2Option> set = EnumSet.noneOf(V2Option.class);
            set.addAll(ctx.settings().get(V2_OPTIONS));
            for (String w : ctx.arg(0).split(",", -1)) {
                V2Option o = null;
                for (V2Option v : V2Option.values()) {
                    if (v.keyword().equals(w)) {
                        o = v;
                    }
                }
                if (o == null && TLS_OPTIONS.contains(w)) {
                    throw new IllegalArgumentException("'" + w + "' : proxy v2 option is not supported yet by Fulcrum "
                            + "(PROXY protocol TLS fields).");
                }
                if (o == null) {
                    throw new IllegalArgumentException("'" + w + "' : proxy v2 option not implemented.");
                }
                set.add(o);
            }
            ctx.settings().set(V2_OPTIONS, Set.copyOf(set));
        });
    }
}
