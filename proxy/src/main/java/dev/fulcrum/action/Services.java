package dev.fulcrum.action;

import dev.fulcrum.config.ConfigException;

import java.util.List;

/**
 * {@code use-service <name>} ({@code http-request} and {@code tcp-request content}):
 * hands the request to a service, an applet that answers in place of a server.
 * The names are HAProxy's built-in services; the running engine binds each name
 * to its implementation ({@link dev.fulcrum.http.HttpService}), the
 * Prometheus exporter being in the stats room.
 */
public final class Services {

    /** HAProxy 2.6's built-in services that Fulcrum implements. */
    public static final List<String> NAMES = List.of("prometheus-exporter");

    private Services() {
    }

    static HttpAction useService(RuleContext rc) throws ConfigException {
        boolean tcp = rc.family.startsWith("tcp-");
        String name = rc.arg(0);
        if (name.isEmpty()) {
            throw rc.error("'" + (tcp ? "tcp-request" : "use-service") + "' expects a service name..");
        }
        if (name.startsWith("lua.")) {
            throw rc.ctx.error("'" + rc.ruleName() + " " + name + "' is not supported yet by Fulcrum (Lua).");
        }
        if (!NAMES.contains(name)) {
            throw rc.error("'" + name + "' unknown service name..");
        }
        if (tcp) {
            // the exporter speaks HTTP: HAProxy refuses it outside http-request rules
            throw rc.ctx.error("Prometheus exporter service only available on 'http-request' rulesets");
        }
        if (rc.argCount() > 1) {
            throw rc.trailing(1);
        }
        return t -> {
            t.useService(name);
            return Verdict.SERVICE;
        };
    }
}
