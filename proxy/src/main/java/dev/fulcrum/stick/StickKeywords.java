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
        r.check(StickKeywords::checkTableUses);
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
