package dev.fulcrum.action;

import dev.fulcrum.acl.Condition;
import dev.fulcrum.acl.Conditions;
import dev.fulcrum.config.ConfigException;
import dev.fulcrum.config.Diagnostic;
import dev.fulcrum.config.KeywordContext;
import dev.fulcrum.logformat.LogFormat;
import dev.fulcrum.logformat.LogFormatException;
import dev.fulcrum.sample.CompileContext;
import dev.fulcrum.sample.SampleExpr;
import dev.fulcrum.sample.SampleParseException;
import dev.fulcrum.sample.Samples;
import dev.fulcrum.sample.UseSite;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One rule statement being compiled: its family ({@code http-request}), its action
 * word, the action's own arguments (up to {@code if}/{@code unless}), where it is
 * evaluated, and helpers that produce HAProxy's messages
 * ({@code error detected in frontend 'fe' while parsing 'http-request deny' rule : ...}).
 */
final class RuleContext {

    final KeywordContext ctx;
    final String family;
    final String action;
    final UseSite site;
    /** Index (in the keyword's arguments) of the action word; -1 for keywords without one ({@code redirect}). */
    private final int first;
    /** Index of {@code if}/{@code unless}, or the argument count. */
    final int end;

    private final RuleFamily.Style style;

    RuleContext(KeywordContext ctx, String family, int first, UseSite site) {
        this(ctx, family, first, site, RuleFamily.Style.HTTP);
    }

    RuleContext(KeywordContext ctx, String family, int first, UseSite site, RuleFamily.Style style) {
        this.style = style;
        this.ctx = ctx;
        this.family = family;
        this.first = first;
        this.action = first < 0 ? "" : ctx.arg(first);
        this.site = site;
        int c = Conditions.find(ctx, first + 1);
        this.end = c < 0 ? ctx.argCount() : c;
    }

    /** How HAProxy words this rule keyword's messages. */
    RuleFamily.Style style() {
        return style;
    }

    /** The rule's name in messages: {@code http-request deny}. */
    String ruleName() {
        return action.isEmpty() ? family : family + " " + action;
    }

    /** Number of the action's own arguments. */
    int argCount() {
        return end - first - 1;
    }

    /** The i-th argument of the action (0-based), or {@code ""}. */
    String arg(int i) {
        return i < argCount() ? ctx.arg(first + 1 + i) : "";
    }

    /** The text between the parentheses of the action word ({@code set-var(txn.x)}), or {@code ""}. */
    String parenthesized() {
        int open = action.indexOf('(');
        int close = action.lastIndexOf(')');
        return open < 0 || close < open ? "" : action.substring(open + 1, close);
    }

    /** An error in HAProxy's words for rule arguments. */
    ConfigException error(String message) {
        if (style == RuleFamily.Style.TCP) {
            // HAProxy's TCP rule parsers print the action's message alone, without a final period
            return ctx.error(message.endsWith(".") ? message.substring(0, message.length() - 1) : message);
        }
        return ctx.error("error detected in " + ctx.proxy().kindName() + " '" + ctx.proxy().name()
                + "' while parsing '" + ruleName() + "' rule : " + message);
    }

    /** Fails unless the action has exactly {@code n} arguments. */
    void exactly(int n, String message) throws ConfigException {
        if (argCount() < n) {
            throw error(message);
        }
        if (argCount() > n) {
            throw trailing(n);
        }
        for (int i = 0; i < n; i++) {
            if (arg(i).isEmpty()) {
                throw error(message); // HAProxy reads an empty word as a missing one
            }
        }
    }

    /** For actions without arguments: anything before the condition is HAProxy's "expects if/unless" error. */
    void noArgs() throws ConfigException {
        if (argCount() > 0) {
            throw trailing(0);
        }
    }

    /** HAProxy's error for words left after the action's arguments (argument {@code i} on). */
    ConfigException trailing(int i) {
        if (style == RuleFamily.Style.TCP) {
            return ctx.error("'" + ruleName() + "' only accepts 'if' or 'unless', in " + ctx.proxy().kindName() + " '"
                    + ctx.proxy().name() + "' (got '" + arg(i) + "')");
        }
        return new ConfigException(ctx.location(), "'" + ruleName() + "' expects either 'if' or 'unless' "
                + "followed by a condition but found '" + arg(i) + "'.", Diagnostic.Style.COMPACT);
    }

    /** The rule's condition. */
    Condition condition() throws ConfigException {
        return Conditions.parse(ctx, end, ruleName(), site);
    }

    CompileContext compileContext() {
        return CompileContext.of(ctx, site, family);
    }

    /** Compiles a log-format argument (header values, lf-string...). */
    Fmt format(String text) throws ConfigException {
        try {
            return Fmt.of(LogFormat.parse(text, compileContext(), LogFormat.Target.HTTP));
        } catch (LogFormatException e) {
            throw error(e.sentence());
        }
    }

    /** Compiles a sample expression argument. */
    SampleExpr expr(String text) throws ConfigException {
        if (text.isEmpty()) {
            throw error("missing fetch method.");
        }
        try {
            SampleExpr e = Samples.parse(text, compileContext());
            Samples.checkSite(e, site);
            return e;
        } catch (SampleParseException e) {
            throw error(e.getMessage() + ".");
        }
    }

    /** Compiles a regex argument; errors read as HAProxy's PCRE messages where they can. */
    Pattern regex(String text, String prefix) throws ConfigException {
        try {
            return Pattern.compile(text);
        } catch (PatternSyntaxException e) {
            throw error(prefix + dev.fulcrum.sample.RegexErrors.message(text, e) + ".");
        }
    }

    /** Parses an HTTP status in [min, max] with HAProxy's message. */
    int status(String text, int min, int max) throws ConfigException {
        int code = (int) dev.fulcrum.config.Units.atol(text);
        if (code < min || code > max) {
            throw error("Unexpected status code '" + code + "'.");
        }
        return code;
    }
}
