package dev.fulcrum.check;

import dev.fulcrum.config.ConfigException;
import dev.fulcrum.config.Keyword;
import dev.fulcrum.config.KeywordContext;
import dev.fulcrum.config.KeywordRegistry;
import dev.fulcrum.config.ProxyConfig;
import dev.fulcrum.config.Sections;
import dev.fulcrum.config.SourceLocation;
import dev.fulcrum.config.Support;

import static dev.fulcrum.check.CheckSettings.*;

/**
 * The keywords of external checks: the global {@code external-check} that allows
 * them and {@code insecure-fork-wanted}, {@code option external-check},
 * {@code external-check command} and {@code external-check path}, with haproxy
 * 2.6's refusals: no global {@code external-check} or no command is fatal, no
 * {@code insecure-fork-wanted} only warned about.
 */
final class ExternalCheckKeywords {

    private ExternalCheckKeywords() {
    }

    static void register(KeywordRegistry.Builder r) {
        r.global("external-check", "allow external checks", ctx -> {
            ctx.noMoreThan(0);
            ctx.global().set(EXTERNAL_ALLOWED, true);
        });
        r.add(new Keyword("insecure-fork-wanted", Sections.GLOBAL, Keyword.NEGATABLE, Support.SUPPORTED,
                "allow forking processes (external checks)", ctx -> {
                    ctx.noMoreThan(0);
                    ctx.global().set(FORK_WANTED, !ctx.negated());
                }));
        r.proxy("option external-check", "check servers by running a command", ctx -> {
            ctx.noMoreThan(0);
            CheckKeywords.type(ctx, CheckType.EXTERNAL);
        });
        r.proxy("external-check command", "the command external checks run", ctx ->
                ctx.settings().set(EXTERNAL_COMMAND, argument(ctx, "command")));
        r.proxy("external-check path", "the PATH external checks run with", ctx ->
                ctx.settings().set(EXTERNAL_PATH, argument(ctx, "path")));
        r.check((config, diagnostics) -> {
            for (ProxyConfig p : config.proxies()) {
                if (!p.hasBackend() || p.get(TYPE) != CheckType.EXTERNAL) {
                    continue;
                }
                String proxy = "Proxy '" + p.name() + "' : ";
                if (!config.global(EXTERNAL_ALLOWED)) {
                    diagnostics.alert(SourceLocation.NONE, proxy
                            + "'option external-check' unable to find required 'global.external-check'.");
                }
                if (!config.global(FORK_WANTED)) {
                    diagnostics.warning(SourceLocation.NONE, proxy + "'insecure-fork-wanted' not enabled in the "
                            + "global section, 'option external-check' will likely fail.");
                }
                if (p.get(EXTERNAL_COMMAND).isEmpty()) {
                    diagnostics.alert(SourceLocation.NONE, proxy
                            + "'option external-check' unable to find required 'external-check command'.");
                }
            }
        });
    }

    /** The single argument of {@code external-check command|path}, with haproxy's messages. */
    private static String argument(KeywordContext ctx, String what) throws ConfigException {
        if (ctx.arg(0).isEmpty()) {
            throw ctx.error("missing argument after '" + what + "'.");
        }
        if (!ctx.arg(1).isEmpty()) {
            throw ctx.error("'external-check' cannot handle unexpected argument '" + ctx.arg(1) + "'.");
        }
        return ctx.arg(0);
    }
}
