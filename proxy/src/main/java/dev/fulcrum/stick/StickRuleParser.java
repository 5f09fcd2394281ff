package dev.fulcrum.stick;

import dev.fulcrum.acl.Condition;
import dev.fulcrum.acl.Conditions;
import dev.fulcrum.config.ConfigException;
import dev.fulcrum.config.KeywordContext;
import dev.fulcrum.sample.CompileContext;
import dev.fulcrum.sample.SampleExpr;
import dev.fulcrum.sample.SampleParseException;
import dev.fulcrum.sample.SampleSource;
import dev.fulcrum.sample.Samples;
import dev.fulcrum.sample.UseSite;

/**
 * Parses {@code stick on|match|store-request|store-response <pattern> [table <t>]
 * [if|unless <cond>]} with haproxy 2.6's messages ({@code 'stick': ...}).
 */
final class StickRuleParser {

    private StickRuleParser() {
    }

    static void parse(KeywordContext ctx, StickRule.Kind kind) throws ConfigException {
        boolean response = kind == StickRule.Kind.STORE_RESPONSE;
        UseSite site = response ? UseSite.BE_STO_RUL : UseSite.BE_SET_SRV;
        String text = ctx.arg(0);
        if (text.isEmpty() || text.equals("if") || text.equals("unless")) {
            throw ctx.error("'stick' expects a fetch method.");
        }
        SampleExpr key;
        try {
            key = Samples.parse(text, CompileContext.of(ctx, site, "stick"));
        } catch (SampleParseException e) {
            throw ctx.error("'stick': " + e.getMessage());
        }
        SampleSource missing = key.unavailableAt(site);
        if (missing != null) {
            throw ctx.error("'stick': fetch method '" + key.fetchName() + "' extracts information from '"
                    + missing.label() + "', none of which is available "
                    + (response ? "for 'store-response'." : "during request."));
        }
        String table = ctx.proxy().name();
        int i = 1;
        while (i < ctx.argCount() && !ctx.arg(i).isEmpty()) {
            String w = ctx.arg(i);
            if (w.equals("table")) {
                table = ctx.arg(i + 1);
                i += 2;
            } else if (w.equals("if") || w.equals("unless")) {
                break;
            } else {
                throw ctx.error("'stick': unknown keyword '" + w + "'.");
            }
        }
        Condition cond;
        try {
            cond = Conditions.compile(ctx, i, site);
        } catch (Conditions.ConditionException e) {
            throw ctx.error("'stick': error detected while parsing sticking condition : " + e.getMessage() + ".");
        }
        ctx.settings().add(StickSettings.STICK_RULES, new StickRule(kind, key, table, cond, ctx.location()));
    }
}
