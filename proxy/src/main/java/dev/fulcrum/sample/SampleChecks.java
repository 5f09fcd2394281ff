package dev.fulcrum.sample;

import dev.fulcrum.config.Configuration;
import dev.fulcrum.config.Diagnostic;
import dev.fulcrum.config.Diagnostics;
import dev.fulcrum.config.ProxyConfig;
import dev.fulcrum.config.SectionType;
import dev.fulcrum.config.Setting;
import dev.fulcrum.config.Severity;

import java.util.List;

/**
 * Resolves the names expression arguments refer to once the whole configuration
 * is parsed, with HAProxy's messages ({@code unable to find backend 'x'
 * referenced in arg 1 of ...}).
 */
final class SampleChecks {

    /** Names referenced by the expressions of a proxy, in the order they were written. */
    static final Setting<List<SampleReference>> REFERENCES = Setting.list("sample references");

    private SampleChecks() {
    }

    static void check(Configuration config, Diagnostics diagnostics) {
        for (ProxyConfig p : config.proxies()) {
            for (SampleReference r : p.get(REFERENCES)) {
                String problem = problem(config, p, r);
                if (problem != null) {
                    diagnostics.add(new Diagnostic(Severity.ALERT, r.location(), problem, Diagnostic.Style.COMPACT));
                }
            }
        }
    }

    private static String problem(Configuration config, ProxyConfig p, SampleReference r) {
        String where = r.where();
        return switch (r.kind()) {
            case BACKEND -> r.name().isEmpty()
                    ? (p.hasBackend() ? null : capability(p, where, "backend"))
                    : config.backend(r.name()) == null
                    ? "unable to find backend '" + r.name() + "' referenced in " + where + "." : null;
            case FRONTEND -> r.name().isEmpty()
                    ? (p.hasFrontend() ? null : capability(p, where, "frontend"))
                    : config.frontend(r.name()) == null
                    ? "unable to find frontend '" + r.name() + "' referenced in " + where + "." : null;
            case USERLIST -> config.section(SectionType.USERLIST, r.name()) == null
                    ? "unable to find userlist '" + r.name() + "' referenced in " + where + "." : null;
            case SERVER -> server(config, p, r.name(), where);
            case TABLE -> dev.fulcrum.stick.StickSettings.table(config, r.name()) == null
                    ? "unable to find table '" + r.name() + "' referenced in " + where + "." : null;
        };
    }

    private static String capability(ProxyConfig p, String where, String what) {
        return "proxy '" + p.name() + "', referenced in " + where + ", has not " + what + " capability.";
    }

    private static String server(Configuration config, ProxyConfig p, String ref, String where) {
        int slash = ref.indexOf('/');
        ProxyConfig be = p;
        String srv = ref;
        if (slash >= 0) {
            be = config.backend(ref.substring(0, slash));
            srv = ref.substring(slash + 1);
            if (be == null) {
                return "unable to find proxy '" + ref.substring(0, slash) + "' referenced in " + where + ".";
            }
        }
        if (srv.isEmpty()) {
            return "missing server name in " + where + ".";
        }
        if (be.server(srv) == null) {
            return "unable to find server '" + srv + "' in proxy '" + be.name() + "', referenced in " + where + ".";
        }
        return null;
    }
}
