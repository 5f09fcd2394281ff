package dev.fulcrum.switching;

import dev.fulcrum.acl.Condition;
import dev.fulcrum.acl.Conditions;
import dev.fulcrum.config.ConfigException;
import dev.fulcrum.config.Diagnostic;
import dev.fulcrum.config.KeywordContext;
import dev.fulcrum.config.KeywordProvider;
import dev.fulcrum.config.KeywordRegistry;
import dev.fulcrum.config.ProxyConfig;
import dev.fulcrum.config.SourceLocation;
import dev.fulcrum.logformat.LogFormat;
import dev.fulcrum.logformat.LogFormatException;
import dev.fulcrum.proxy.ProxyChecks;
import dev.fulcrum.sample.CompileContext;
import dev.fulcrum.sample.UseSite;

/**
 * Content switching: {@code use_backend <name|log-format> [if|unless <cond>]},
 * and the check that every backend it names exists and can take the frontend's
 * traffic (configuration.txt 4.2; {@code default_backend} is checked with the
 * proxy's other settings in {@link ProxyChecks}).
 */
public final class SwitchingKeywords implements KeywordProvider {

    @Override
    public void register(KeywordRegistry.Builder r) {
        r.proxy("use_backend", "switch to a backend if/unless a condition matches", SwitchingKeywords::useBackend);
        r.check((config, diagnostics) -> {
            for (ProxyConfig p : config.proxies()) {
                if (!p.hasFrontend()) {
                    continue;
                }
                for (SwitchingRule rule : p.get(SwitchingSettings.USE_BACKEND)) {
                    if (rule.backend() == null) {
                        continue; // a log-format name, resolved per request
                    }
                    ProxyConfig be = config.backend(rule.backend());
                    if (be == null) {
                        diagnostics.alert(SourceLocation.NONE, "Proxy '" + p.name()
                                + "': unable to find required use_backend: '" + rule.backend() + "'.");
                    } else if (ProxyChecks.incompatibleModes(p, be) != null) {
                        diagnostics.alert(SourceLocation.NONE, ProxyChecks.incompatibleModes(p, be)
                                + " in a 'use_backend' rule (see 'mode').");
                    }
                }
            }
        });
    }

    private static void useBackend(KeywordContext ctx) throws ConfigException {
        String name = ctx.arg(0);
        if (name.isEmpty()) {
            throw ctx.error("'use_backend' expects a backend name.");
        }
        String kw = ctx.arg(1);
        if (!kw.isEmpty() && !kw.equals("if") && !kw.equals("unless")) {
            throw ctx.error("unexpected keyword '" + kw + "' after switching rule, only 'if' and 'unless' are allowed.");
        }
        Condition cond;
        try {
            cond = Conditions.compile(ctx, 1, UseSite.FE_SET_BCK);
        } catch (Conditions.ConditionException e) {
            throw ctx.error("error detected while parsing switching rule : " + e.getMessage() + ".");
        }
        SwitchingRule rule;
        if (name.indexOf('%') >= 0) {
            LogFormat f;
            try {
                f = LogFormat.parse(name, CompileContext.of(ctx, UseSite.FE_SET_BCK, "use_backend"),
                        LogFormat.Target.HTTP);
            } catch (LogFormatException e) {
                throw new ConfigException(ctx.location(), "failed to parse use_backend rule '" + name + "' : "
                        + e.sentence(), Diagnostic.Style.LATE);
            }
            rule = f.isConstant() ? new SwitchingRule(f.constantText(), null, cond, ctx.location())
                    : new SwitchingRule(null, f, cond, ctx.location());
        } else {
            rule = new SwitchingRule(name, null, cond, ctx.location());
        }
        ctx.settings().add(SwitchingSettings.USE_BACKEND, rule);
    }
}
