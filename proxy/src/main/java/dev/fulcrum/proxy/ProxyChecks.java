package dev.fulcrum.proxy;

import dev.fulcrum.config.Configuration;
import dev.fulcrum.config.Diagnostics;
import dev.fulcrum.config.ProxyConfig;
import dev.fulcrum.config.SourceLocation;

/**
 * The whole-configuration checks HAProxy runs on each proxy once every file is
 * read, with its messages: the {@code default_backend} must name a backend of a
 * compatible mode, a frontend should have a {@code bind} line, and the
 * {@code client}, {@code connect} and {@code server} timeouts should be set.
 * As in HAProxy, the messages of one proxy come together, proxies in order, and
 * disabled proxies are not checked.
 */
public final class ProxyChecks {

    /** HAProxy's explanation under "missing timeouts", printed as continuation lines. */
    static final String MISSING_TIMEOUTS_HELP = """
            While not properly invalid, you will certainly encounter various problems
            with such a configuration. To fix this, please ensure that all following
            timeouts are set to a non-zero value: 'client', 'connect', 'server'.""";

    private ProxyChecks() {
    }

    static void check(Configuration config, Diagnostics diagnostics) {
        for (ProxyConfig p : config.proxies()) {
            if (p.get(ProxySettings.DISABLED)) {
                continue;
            }
            if (p.hasFrontend()) {
                defaultBackend(config, p, diagnostics);
                if (p.binds().isEmpty()) {
                    diagnostics.warning(SourceLocation.NONE, p.kindName() + " '" + p.name()
                            + "' has no 'bind' directive. Please declare it as a backend if this was intended.");
                }
            }
            if (missesTimeouts(p)) {
                diagnostics.warning(SourceLocation.NONE, "missing timeouts for " + p.kindName() + " '" + p.name()
                        + "'.\n" + MISSING_TIMEOUTS_HELP);
            }
        }
    }

    private static void defaultBackend(Configuration config, ProxyConfig p, Diagnostics diagnostics) {
        String name = p.get(ProxySettings.DEFAULT_BACKEND);
        if (name.isEmpty()) {
            return;
        }
        ProxyConfig be = config.backend(name);
        if (be == null) {
            diagnostics.alert(SourceLocation.NONE, "Proxy '" + p.name() + "': unable to find required default_backend: '"
                    + name + "'.");
            return;
        }
        String incompatible = incompatibleModes(p, be);
        if (incompatible != null) {
            diagnostics.alert(SourceLocation.NONE, incompatible + " as its default backend (see 'mode').");
        }
    }

    /**
     * The start of HAProxy's message when frontend {@code fe} cannot send its
     * traffic to {@code be} (an HTTP frontend needs an HTTP backend), or
     * {@code null} when it can. The caller ends the sentence with how the backend
     * was chosen.
     */
    public static String incompatibleModes(ProxyConfig fe, ProxyConfig be) {
        if (fe.get(ProxySettings.MODE) != Mode.HTTP || be.get(ProxySettings.MODE) == Mode.HTTP) {
            return null;
        }
        return "http " + fe.kindName() + " '" + fe.name() + "' (" + fe.location() + ") tries to use incompatible "
                + be.get(ProxySettings.MODE).keyword() + " backend '" + be.name() + "' (" + be.location() + ")";
    }

    /**
     * HAProxy wants a client timeout on anything that accepts connections, and
     * connect and server timeouts on a backend that has servers.
     */
    private static boolean missesTimeouts(ProxyConfig p) {
        if (p.hasFrontend() && p.get(ProxySettings.TIMEOUT_CLIENT) == 0) {
            return true;
        }
        return p.hasBackend() && !p.servers().isEmpty()
                && (p.get(ProxySettings.TIMEOUT_CONNECT) == 0 || p.get(ProxySettings.TIMEOUT_SERVER) == 0);
    }
}
