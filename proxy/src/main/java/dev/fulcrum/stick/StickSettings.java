package dev.fulcrum.stick;

import dev.fulcrum.config.Configuration;
import dev.fulcrum.config.ProxyConfig;
import dev.fulcrum.config.Setting;
import dev.fulcrum.config.SourceLocation;
import dev.fulcrum.sample.SampleType;

import java.util.List;

/** The stick room's configuration settings and the lookups other rooms make on them. */
public final class StickSettings {

    /** The proxy's {@code stick-table}, or {@code null}. */
    public static final Setting<TableSpec> TABLE = Setting.local("stick-table", null);

    /** The backend's {@code stick on|match|store-*} rules, in declaration order. */
    public static final Setting<List<StickRule>> STICK_RULES = Setting.list("stick rules");

    /** {@code option persist}: a stick match may send traffic to a server that is down. */
    public static final Setting<Boolean> PERSIST = Setting.of("option persist", false);

    /** Server {@code non-stick}: requests this server answers are never stored in a table. */
    public static final Setting<Boolean> NON_STICK = Setting.of("non-stick", false);

    /** The tables that the proxy's track-sc rules use, checked once the whole configuration is known. */
    public static final Setting<List<TableUse>> TABLE_USES = Setting.list("stick table uses");

    /**
     * A rule that uses a table by name.
     *
     * @param rule     the rule as HAProxy names it in messages ({@code track-sc0})
     * @param table    the table's name (its proxy's)
     * @param keyType  the type of the rule's key expression
     * @param location the rule
     */
    public record TableUse(String rule, String table, SampleType keyType, SourceLocation location) {
    }

    private StickSettings() {
    }

    /** The table called {@code name} in {@code config} (tables are named after their proxies), or {@code null}. */
    public static TableSpec table(Configuration config, String name) {
        for (ProxyConfig p : config.proxies()) {
            if (p.name().equals(name) && p.get(TABLE) != null) {
                return p.get(TABLE);
            }
        }
        return null;
    }
}
