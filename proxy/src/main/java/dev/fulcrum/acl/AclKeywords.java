package dev.fulcrum.acl;

import dev.fulcrum.config.ConfigException;
import dev.fulcrum.config.KeywordContext;
import dev.fulcrum.config.KeywordProvider;
import dev.fulcrum.config.KeywordRegistry;
import dev.fulcrum.config.ProxyConfig;
import dev.fulcrum.config.SourceLocation;
import dev.fulcrum.proxy.Mode;
import dev.fulcrum.proxy.ProxySettings;
import dev.fulcrum.sample.CompileContext;
import dev.fulcrum.sample.UseSite;

/**
 * The ACL room's keyword, {@code acl <name> <criterion> [flags] [operator] <value>...}
 * (configuration.txt 4.2 and 7.1), and the check that warns about layer 6 fetches
 * in conditions of HTTP proxies, which HAProxy ignores.
 */
public final class AclKeywords implements KeywordProvider {

    @Override
    public void register(KeywordRegistry.Builder r) {
        r.proxy("acl", "declare or complete an access control list", AclKeywords::acl);
        r.check((config, diagnostics) -> {
            for (ProxyConfig p : config.proxies()) {
                if (p.get(ProxySettings.MODE) != Mode.HTTP) {
                    continue;
                }
                for (SourceLocation where : p.get(AclSettings.L6_USES)) {
                    diagnostics.warning(SourceLocation.NONE, "Proxy '" + p.name()
                            + "': L6 sample fetches ignored on HTTP proxies (declared at " + where + ").");
                }
            }
        });
    }

    private static void acl(KeywordContext ctx) throws ConfigException {
        String name = ctx.arg(0);
        if (name.isEmpty()) {
            throw ctx.error("'acl' expects an ACL name.");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_' || c == '.' || c == ':')) {
                throw ctx.error("character '" + c + "' is not permitted in acl name '" + name + "'.");
            }
        }
        // an ACL is not bound to a rule set; each condition using it checks its fetches against its own site
        CompileContext cc = CompileContext.of(ctx, UseSite.CFG_PARSER, "acl");
        AclTerm term;
        try {
            term = AclParser.parse(ctx.args(1), cc, ctx::warn);
        } catch (AclParser.AclException e) {
            if (e.getMessage().contains("not supported yet by Fulcrum")) {
                ctx.settings().add(AclSettings.UNSUPPORTED, new AclSettings.Unsupported(name, e.getMessage()));
            }
            throw ctx.error("error detected while parsing ACL '" + name + "' : " + e.getMessage() + ".");
        }
        ctx.settings().add(AclSettings.ACLS, new AclSettings.Declaration(name, term));
    }
}
