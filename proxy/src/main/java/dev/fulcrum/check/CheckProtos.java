package dev.fulcrum.check;

import dev.fulcrum.config.Configuration;
import dev.fulcrum.config.Diagnostic;
import dev.fulcrum.config.Diagnostics;
import dev.fulcrum.config.KeywordRegistry;
import dev.fulcrum.config.ProxyConfig;
import dev.fulcrum.config.ServerConfig;
import dev.fulcrum.config.Severity;

/**
 * The protocol a check connection speaks once connected, HAProxy's "MUX":
 * {@code h1} or {@code h2} for HTTP checks, {@code none} (raw bytes) for the
 * others. {@code check-proto} on the server and {@code proto} on a connect rule
 * force it; otherwise an HTTP check speaks HTTP/2 when TLS negotiated
 * {@code h2} with ALPN, and HTTP/1 else.
 */
final class CheckProtos {

    static final String H1 = "h1";
    static final String H2 = "h2";
    static final String NONE = "none";

    private CheckProtos() {
    }

    static boolean known(String name) {
        return name.equals(H1) || name.equals(H2) || name.equals(NONE);
    }

    /** Whether the protocol carries HTTP (h1, h2) rather than raw bytes. */
    static boolean http(String name) {
        return name.equals(H1) || name.equals(H2);
    }

    /** The forced protocol of connect step {@code c}: its own, else the server's for a default connect, else "". */
    static String forced(CheckRule.Connect c, String serverProto) {
        return !c.proto().isEmpty() ? c.proto() : c.defaults() ? serverProto : "";
    }

    /**
     * Whether an HTTP check speaks HTTP/2 on this connection.
     *
     * @param alpn the protocol TLS negotiated, or {@code null}
     */
    static boolean h2(CheckPlan plan, String forced, String alpn) {
        if (plan.kind() != CheckPlan.Kind.HTTP) {
            return false;
        }
        return forced.isEmpty() ? H2.equals(alpn) : forced.equals(H2);
    }

    static void register(KeywordRegistry.Builder r) {
        r.serverOption("check-proto", "protocol of the check connections: h1, h2 (HTTP checks) or none", ctx -> {
            String v = ctx.arg(0);
            if (v.equals("fcgi")) {
                throw new IllegalArgumentException("'check-proto' : 'fcgi' is not supported yet by Fulcrum (FastCGI).");
            }
            if (!known(v)) {
                throw new IllegalArgumentException("'check-proto' :  unknown MUX protocol '" + v + "'.");
            }
            ctx.settings().set(CheckSettings.CHECK_PROTO, v);
        });
        r.check(CheckProtos::validate);
    }

    /** A server's {@code check-proto} must suit the backend's check (HTTP or not), as haproxy checks it. */
    private static void validate(Configuration config, Diagnostics diagnostics) {
        for (ProxyConfig p : config.proxies()) {
            if (!p.hasBackend()) {
                continue;
            }
            boolean httpCheck = p.get(CheckSettings.TYPE) == CheckType.HTTP;
            for (ServerConfig s : p.servers()) {
                String proto = s.get(CheckSettings.CHECK_PROTO);
                if (s.get(CheckSettings.CHECK) && !proto.isEmpty() && http(proto) != httpCheck) {
                    diagnostics.add(new Diagnostic(Severity.ALERT, s.location(), "config: backend '" + p.name()
                            + "': server '" + s.name() + "' uses an incompatible MUX protocol for the selected "
                            + "check type", Diagnostic.Style.BARE));
                }
            }
        }
    }
}
