package dev.fulcrum.action;

import dev.fulcrum.acl.Condition;
import dev.fulcrum.config.ConfigException;
import dev.fulcrum.config.Diagnostic;
import dev.fulcrum.config.KeywordContext;
import dev.fulcrum.config.Setting;
import dev.fulcrum.sample.UseSite;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One rule keyword ({@code http-request}, {@code tcp-request content}...): its
 * implemented actions, HAProxy's full action list (for the "expects ..." message
 * and to tell "not supported yet" from "unknown"), where its rules are stored and
 * where they are evaluated.
 */
final class RuleFamily {

    /** How the keyword's messages are worded: HAProxy's HTTP and TCP rule parsers differ. */
    enum Style { HTTP, TCP }

    /** Compiles the arguments of one action. */
    @FunctionalInterface
    interface ActionParser {
        HttpAction parse(RuleContext rc) throws ConfigException;
    }

    final String keyword;
    private final Map<String, ActionParser> actions;
    private final List<String> haproxyActions;
    private final Setting<List<Rule>> setting;
    private final Function<KeywordContext, UseSite> site;
    private final Function<String, String> unknownMessage;
    final Style style;

    /**
     * @param actions        implemented actions; a name with arguments in parentheses is keyed {@code name(*)}
     * @param haproxyActions HAProxy 2.6's action names for this keyword, in its message order
     * @param unknownMessage HAProxy's message for an unknown action, from the list of expected names
     *                       and the word found (see {@link #parse})
     */
    RuleFamily(String keyword, Map<String, ActionParser> actions, List<String> haproxyActions,
               Setting<List<Rule>> setting, Function<KeywordContext, UseSite> site,
               Function<String, String> unknownMessage) {
        this.keyword = keyword;
        this.actions = Map.copyOf(actions);
        this.haproxyActions = List.copyOf(haproxyActions);
        this.setting = setting;
        this.site = site;
        this.unknownMessage = unknownMessage;
        this.style = Style.HTTP;
    }

    /** A TCP rule keyword: HAProxy's "expects ... in proxy 'p' (got 'x')" message for unknown actions. */
    RuleFamily(String keyword, Map<String, ActionParser> actions, List<String> haproxyActions,
               Setting<List<Rule>> setting, Function<KeywordContext, UseSite> site, Style style) {
        this.keyword = keyword;
        this.actions = Map.copyOf(actions);
        this.haproxyActions = List.copyOf(haproxyActions);
        this.setting = setting;
        this.site = site;
        this.unknownMessage = null;
        this.style = style;
    }

    /** The implemented action names. */
    java.util.Set<String> implemented() {
        return actions.keySet();
    }

    /** Parses {@code <keyword> <action> [args] [if|unless cond]}, the action word being argument {@code first}. */
    void parse(KeywordContext ctx, int first) throws ConfigException {
        String word = ctx.arg(first);
        int paren = word.indexOf('(');
        String key = paren < 0 ? word : word.substring(0, paren) + "(*)";
        ActionParser parser = word.isEmpty() ? null : actions.get(key);
        if (parser == null && paren < 0 && word.startsWith("track-sc")) {
            parser = actions.get("track-sc*"); // track-sc0..2, and HAProxy's message for higher numbers
        }
        if (parser == null) {
            if (word.startsWith("lua.")) {
                throw ctx.error("'" + keyword + " " + word + "' is not supported yet by Fulcrum (Lua).");
            }
            if (haproxyActions.contains(key) || key.startsWith("track-sc") && haproxyActions.contains("track-sc(*)")) {
                String feature = key.equals("wait-for-body") && keyword.equals("http-response")
                        ? "response body buffering" : feature(key);
                throw ctx.error("'" + keyword + " " + (paren < 0 ? word : word.substring(0, paren))
                        + "' is not supported yet by Fulcrum (" + feature + ").");
            }
            if (style == Style.TCP) {
                throw ctx.error("'" + keyword + "' expects " + tcpExpected() + " in " + ctx.proxy().kindName() + " '"
                        + ctx.proxy().name() + "' (got '" + word + "').");
            }
            throw new ConfigException(ctx.location(), unknownMessage.apply(word), Diagnostic.Style.COMPACT);
        }
        RuleContext rc = new RuleContext(ctx, keyword, first, site.apply(ctx), style);
        HttpAction action = parser.parse(rc);
        Condition cond = rc.condition();
        ctx.settings().add(setting, new Rule(rc.ruleName(), action, cond, ctx.location()));
    }

    /** The feature an unimplemented action belongs to, for the "not supported yet" message. */
    static String feature(String action) {
        if (action.startsWith("track-sc") || action.startsWith("sc-")) {
            return "stick tables";
        }
        return switch (action) {
            case "cache-use", "cache-store" -> "HTTP cache";
            case "do-resolve(*)" -> "DNS resolution";
            case "send-spoe-group" -> "SPOE";
            case "ot-group" -> "OpenTracing";
            case "expect-netscaler-cip" -> "NetScaler client IP";
            default -> "HTTP rules";
        };
    }

    /** HAProxy's TCP list: the track-sc actions shortened to "'track-sc0' ... 'track-sc2'". */
    private String tcpExpected() {
        StringBuilder b = new StringBuilder();
        for (String a : haproxyActions) {
            if (a.equals("track-sc1") || a.equals("track-sc2")) {
                continue;
            }
            if (!b.isEmpty()) {
                b.append(", ");
            }
            b.append(a.equals("track-sc0") ? "'track-sc0' ... 'track-sc2'" : "'" + a + "'");
        }
        return b.toString();
    }

    /** HAProxy's list of expected actions, quoted and comma-separated. */
    String expected() {
        StringBuilder b = new StringBuilder();
        for (String a : haproxyActions) {
            b.append('\'').append(a).append("', ");
        }
        return b.toString();
    }
}
