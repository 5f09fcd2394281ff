package dev.fulcrum.acl;

import dev.fulcrum.config.ConfigException;
import dev.fulcrum.config.KeywordContext;
import dev.fulcrum.sample.CompileContext;
import dev.fulcrum.sample.SampleSource;
import dev.fulcrum.sample.UseSite;

import java.util.ArrayList;
import java.util.List;

/**
 * Entry points for rule parsers: find where a rule's condition starts and compile
 * it against the ACLs declared so far in the section.
 *
 * <pre>{@code
 * // http-request deny [deny_status <status>] [if|unless <cond>]
 * int c = Conditions.find(ctx, 1);
 * ... parse the action's own arguments up to c (or the end when c < 0) ...
 * Condition cond = Conditions.parse(ctx, c < 0 ? ctx.argCount() : c, "http-request deny",
 *         UseSite.httpRequest(ctx.proxy().hasFrontend()));
 * }</pre>
 */
public final class Conditions {

    private Conditions() {
    }

    /** Index of the first {@code if} or {@code unless} argument at or after {@code fromArg}, or -1. */
    public static int find(KeywordContext ctx, int fromArg) {
        for (int i = fromArg; i < ctx.argCount(); i++) {
            String w = ctx.arg(i);
            if (w.equals("if") || w.equals("unless")) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Compiles the condition whose {@code if}/{@code unless} is argument
     * {@code fromArg}; with nothing there, the rule is unconditional
     * ({@link Condition#ALWAYS}). Errors read as HAProxy's: {@code error detected
     * while parsing an 'http-request deny' condition : no such ACL : 'x'.}
     *
     * @param ruleName the rule as HAProxy names it in messages ({@code http-request deny})
     * @param site     where the rule is evaluated; ACLs that cannot match there are
     *                 reported with a warning and never match
     */
    public static Condition parse(KeywordContext ctx, int fromArg, String ruleName, UseSite site)
            throws ConfigException {
        try {
            return compile(ctx, fromArg, site);
        } catch (ConditionException e) {
            // as haproxy words it: "an 'http-request deny' condition", "a 'monitor fail' condition"
            String article = "aeiouhAEIOUH".indexOf(ruleName.isEmpty() ? 'x' : ruleName.charAt(0)) >= 0 ? "an" : "a";
            throw ctx.error("error detected while parsing " + article + " '" + ruleName + "' condition : "
                    + e.getMessage() + ".");
        }
    }

    /** A condition that does not compile; the message is HAProxy's core text. */
    public static final class ConditionException extends Exception {
        ConditionException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * As {@link #parse}, for rules whose messages HAProxy words differently: the
     * exception carries only the core text ({@code no such ACL : 'x'}).
     */
    public static Condition compile(KeywordContext ctx, int fromArg, UseSite site) throws ConditionException {
        String kw = ctx.arg(fromArg);
        if (kw.isEmpty()) {
            return Condition.ALWAYS;
        }
        if (!kw.equals("if") && !kw.equals("unless")) {
            throw new ConditionException("unexpected keyword '" + kw + "', only 'if' and 'unless' are allowed");
        }
        List<String> words = ctx.args(fromArg + 1);
        int end = words.indexOf("");
        if (end >= 0) {
            words = words.subList(0, end); // haproxy's argument list ends at an empty word ("")
        }
        CompileContext cc = CompileContext.of(ctx, site, "acl");
        List<AclSettings.Declaration> declared = ctx.proxy() == null ? List.of() : ctx.settings().get(AclSettings.ACLS);
        List<List<Condition.Term>> suites = new ArrayList<>();
        List<Condition.Term> suite = new ArrayList<>();
        boolean negate = false;
        boolean l6 = false;
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w.equals("or") || w.equals("||")) {
                if (!suite.isEmpty()) {
                    suites.add(suite);
                    suite = new ArrayList<>();
                }
                negate = false;
                continue;
            }
            while (w.startsWith("!")) {
                negate = !negate;
                w = w.substring(1);
            }
            if (w.isEmpty()) {
                continue;
            }
            String name;
            List<AclTerm> lines = new ArrayList<>();
            if (w.equals("{")) {
                int close = words.subList(i + 1, words.size()).indexOf("}");
                if (close < 0) {
                    throw new ConditionException("missing closing '}' in condition");
                }
                lines.add(term(words.subList(i + 1, i + 1 + close), cc, ctx));
                i += close + 1;
                name = null;
            } else {
                name = w;
                for (AclSettings.Declaration d : declared) {
                    if (d.name().equals(w)) {
                        lines.add(d.term());
                    }
                }
                if (lines.isEmpty()) {
                    List<String> def = PredefinedAcls.definition(w);
                    if (def == null) {
                        if (ctx.proxy() != null) {
                            for (AclSettings.Unsupported u : ctx.settings().get(AclSettings.UNSUPPORTED)) {
                                if (u.name().equals(w)) {
                                    throw new ConditionException("ACL '" + w + "' was refused: " + u.reason());
                                }
                            }
                        }
                        throw new ConditionException("no such ACL : '" + w + "'");
                    }
                    lines.add(term(def, cc, ctx));
                }
            }
            List<AclTerm> live = usable(lines, name, site, ctx);
            for (AclTerm t : live) {
                l6 |= t.expr().sources().contains(SampleSource.L6REQ) || t.expr().sources().contains(SampleSource.L6RES);
            }
            suite.add(new Condition.Term(negate, name, live));
            negate = false;
        }
        if (!suite.isEmpty()) {
            suites.add(suite);
        }
        if (l6 && ctx.proxy() != null) {
            ctx.settings().add(AclSettings.L6_USES, ctx.location());
        }
        return new Condition(kw.equals("unless"), suites, false, String.join(" ", ctx.args(fromArg)));
    }

    private static AclTerm term(List<String> words, CompileContext cc, KeywordContext ctx) throws ConditionException {
        try {
            return AclParser.parse(words, cc, ctx::warn);
        } catch (AclParser.AclException e) {
            throw new ConditionException(e.getMessage());
        }
    }

    /** HAProxy's TCP rule parsers name the rule set in this warning ({@code " in 'tcp-request content'"}); HTTP ones don't. */
    private static String tcpRuleSet(UseSite site) {
        return switch (site) {
            case FE_CON_ACC -> " in 'tcp-request connection'";
            case FE_SES_ACC -> " in 'tcp-request session'";
            case FE_REQ_CNT, BE_REQ_CNT -> " in 'tcp-request content'";
            case FE_RES_CNT, BE_RES_CNT -> " in 'tcp-response content'";
            default -> "";
        };
    }

    /** The lines whose data can exist at {@code site}; warns, as HAProxy does, when none can. */
    private static List<AclTerm> usable(List<AclTerm> lines, String name, UseSite site, KeywordContext ctx) {
        List<AclTerm> live = new ArrayList<>(lines.size());
        String offending = null;
        for (AclTerm t : lines) {
            if (t.expr().unavailableAt(site) == null) {
                live.add(t);
            } else if (offending == null) {
                offending = t.keyword();
            }
        }
        if (live.isEmpty() && !lines.isEmpty()) {
            String in = tcpRuleSet(site);
            ctx.warn(name == null
                    ? "anonymous acl will never match" + in + " because it uses keyword '" + offending
                    + "' which is incompatible with '" + site.label() + "'"
                    : "acl '" + name + "' will never match" + in + " because it only involves keywords that are incompatible"
                    + " with '" + site.label() + "'");
        }
        return live;
    }
}
