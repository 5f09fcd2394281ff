package dev.fulcrum.stick;

import dev.fulcrum.config.Configuration;
import dev.fulcrum.config.Diagnostics;
import dev.fulcrum.config.KeywordProvider;
import dev.fulcrum.config.KeywordRegistry;
import dev.fulcrum.config.ProxyConfig;
import dev.fulcrum.config.SourceLocation;

/**
 * The {@code stick-table} keyword, and the whole-configuration checks of the
 * tables that rules name ({@code track-sc0 src table t}).
 */
public final class StickKeywords implements KeywordProvider {

    @Override
    public void register(KeywordRegistry.Builder r) {
        r.proxy("stick-table", "a table of per-key counters (rate limits, abuse flags) named after this proxy",
                ctx -> {
                    TableSpec previous = ctx.settings().get(StickSettings.TABLE);
                    if (previous != null) {
                        throw ctx.error("stick-table name '" + ctx.proxy().name() + "' conflicts with table declared in "
                                + ctx.proxy().kindName() + " '" + ctx.proxy().name() + "' at "
                                + previous.location().file() + ":" + previous.location().line() + ".");
                    }
                    ctx.settings().set(StickSettings.TABLE, TableParser.parse(ctx));
                });
        for (StickRule.Kind kind : StickRule.Kind.values()) {
            r.proxy("stick " + kind.keyword(), switch (kind) {
                case MATCH -> "send requests whose key is in the table to the server stored with it";
                case ON -> "stick match, plus store the key with the server that answers";
                case STORE_REQUEST -> "store a request key with the server that answers";
                case STORE_RESPONSE -> "store a response key with the server that answered";
            }, ctx -> StickRuleParser.parse(ctx, kind));
        }
        r.group("stick", dev.fulcrum.config.Sections.DFB, (sub, all) -> "'stick' expects 'on', 'match', or 'store'.");
        r.proxy("option persist", "a persistence cookie or a stick match may still reach a server that is down", ctx -> {
            ctx.noMoreThan(0);
            if (ctx.prefix() == dev.fulcrum.config.KeywordContext.Prefix.DEFAULT) {
                ctx.settings().reset(StickSettings.PERSIST);
            } else {
                ctx.settings().set(StickSettings.PERSIST, !ctx.negated());
            }
        });
        r.serverOption("non-stick", "never store requests this server answers in a stick table",
                ctx -> ctx.settings().set(StickSettings.NON_STICK, true));
        r.serverOption("stick", "cancels a default-server 'non-stick'",
                ctx -> ctx.settings().set(StickSettings.NON_STICK, false));
        r.check(StickKeywords::checkTableUses);
        r.check(StickKeywords::checkStickRules);
    }

    /** HAProxy resolves the tables of stick rules after parsing, with messages that name the proxy only. */
    private static void checkStickRules(Configuration config, Diagnostics diagnostics) {
        for (ProxyConfig p : config.proxies()) {
            for (StickRule rule : p.get(StickSettings.STICK_RULES)) {
                TableSpec t = StickSettings.table(config, rule.table());
                if (t == null) {
                    diagnostics.alert(SourceLocation.NONE, "Proxy '" + p.name() + "': unable to find stick-table '"
                            + rule.table() + "'.");
                } else if (!t.keyType().sampleType().acceptsFrom(rule.key().outputType())) {
                    diagnostics.alert(SourceLocation.NONE, "Proxy '" + p.name()
                            + "': type of fetch not usable with type of stick-table '" + rule.table() + "'.");
                }
            }
        }
    }

    /** HAProxy resolves track-sc tables after parsing, with messages that name the proxy only. */
    private static void checkTableUses(Configuration config, Diagnostics diagnostics) {
        for (ProxyConfig p : config.proxies()) {
            for (StickSettings.TableUse u : p.get(StickSettings.TABLE_USES)) {
                TableSpec t = StickSettings.table(config, u.table());
                if (t == null) {
                    diagnostics.alert(SourceLocation.NONE, "Proxy '" + p.name() + "': unable to find table '"
                            + u.table() + "' referenced by " + u.rule() + ".");
                } else if (!t.keyType().sampleType().acceptsFrom(u.keyType())) {
                    diagnostics.alert(SourceLocation.NONE, "Proxy '" + p.name() + "': stick-table '" + u.table()
                            + "' uses a type incompatible with the '" + u.rule() + "' rule.");
                }
            }
        }
    }
}
