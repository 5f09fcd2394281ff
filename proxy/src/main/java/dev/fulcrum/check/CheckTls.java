package dev.fulcrum.check;

import dev.fulcrum.config.Configuration;
import dev.fulcrum.config.Diagnostic;
import dev.fulcrum.config.Diagnostics;
import dev.fulcrum.config.KeywordRegistry;
import dev.fulcrum.config.ProxyConfig;
import dev.fulcrum.config.ServerConfig;
import dev.fulcrum.config.Severity;
import dev.fulcrum.tls.ClientContexts;
import dev.fulcrum.tls.ClientTls;
import dev.fulcrum.tls.TlsSettings;
import io.netty.handler.ssl.SslContext;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The TLS of each connect step of one server's check, resolved once from the
 * rule and the server line as HAProxy does: a rule's own {@code ssl},
 * {@code sni} and {@code alpn} apply; the server's {@code check-ssl},
 * {@code check-sni} and {@code check-alpn} only fill in for a {@code default}
 * connect (and the connect a check adds itself). Contexts come from
 * {@link ClientContexts}, already built when the configuration was checked.
 */
final class CheckTls {

    /** A check that never speaks TLS (agents, plain servers). */
    static final CheckTls NONE = new CheckTls(List.of(), null);

    /** What one connect step speaks: the shared context and the SNI to send ({@code ""} for none). */
    record Step(SslContext context, String sni) {
    }

    /** Index-aligned with the plan's rules; {@code null} for a plain step. */
    private final List<Step> steps;

    /** The settings of the first TLS step, to warm the TLS code with before the first run; {@code null} for none. */
    private final ClientTls first;

    private CheckTls(List<Step> steps, ClientTls first) {
        this.steps = steps;
        this.first = first;
    }

    /** Loads the TLS code on the calling thread (not an event loop) before the first run needs it. */
    void warm() {
        if (first != null) {
            ClientContexts.warm(first);
        }
    }

    /** The TLS of rule {@code index}, or {@code null} for plain TCP. */
    Step at(int index) {
        return index < steps.size() ? steps.get(index) : null;
    }

    /**
     * Resolves every connect step of {@code plan} for {@code server}.
     *
     * @throws IllegalArgumentException when a context cannot be built (HAProxy's message)
     */
    static CheckTls of(CheckPlan plan, ServerConfig server, TlsSettings.ServerDefaults defaults) {
        List<Step> out = new ArrayList<>(Collections.nCopies(plan.rules().size(), (Step) null));
        boolean any = false;
        ClientTls warm = null;
        ClientTls base = null; // read on first use: a server whose checks never speak TLS has nothing to refuse
        for (int i = 0; i < plan.rules().size(); i++) {
            if (!(plan.rules().get(i) instanceof CheckRule.Connect c) || !usesTls(c, server)) {
                continue;
            }
            if (base == null) {
                base = ClientTls.forChecks(server, defaults);
            }
            if (base.missingCas()) {
                throw new IllegalArgumentException(MISSING_CA);
            }
            List<String> alpn = !c.alpn().isEmpty() ? c.alpn() : c.defaults() ? base.alpn() : List.of();
            String sni = !c.sni().isEmpty() ? c.sni() : c.defaults() ? server.get(TlsSettings.CHECK_SNI) : "";
            out.set(i, new Step(ClientContexts.context(base.withAlpn(alpn)), sni));
            if (!any) {
                warm = base.withAlpn(alpn);
            }
            any = true;
        }
        return any ? new CheckTls(Collections.unmodifiableList(out), warm) : NONE;
    }

    private static boolean usesTls(CheckRule.Connect c, ServerConfig server) {
        return c.ssl() || (c.defaults() && server.get(TlsSettings.CHECK_SSL));
    }

    private static final String MISSING_CA = "verify is enabled by default but no CA file specified. If you're "
            + "running on a LAN where you're certain to trust the server's certificate, please set an explicit "
            + "'verify none' statement on the 'server' line, or use 'ssl-server-verify none' in the global section "
            + "to disable server-side verifications by default.";

    /**
     * At configuration check: every server whose checks speak TLS has what it
     * needs (CAs to verify against unless {@code verify none}) and its contexts
     * are built now, so a start never fails on them.
     */
    static void register(KeywordRegistry.Builder r) {
        r.check(CheckTls::validate);
    }

    private static void validate(Configuration config, Diagnostics diagnostics) {
        TlsSettings.ServerDefaults defaults = TlsSettings.ServerDefaults.of(config);
        for (ProxyConfig p : config.proxies()) {
            if (!p.hasBackend() || p.servers().isEmpty()) {
                continue;
            }
            CheckPlan plan = CheckPlans.health(p, 16384);
            for (ServerConfig s : p.servers()) {
                try {
                    of(plan, s, defaults);
                } catch (IllegalArgumentException e) {
                    diagnostics.add(new Diagnostic(Severity.ALERT, s.location(), "'server " + p.name() + "/"
                            + s.name() + "' : " + e.getMessage(), Diagnostic.Style.BARE));
                }
            }
        }
    }
}
