package dev.fulcrum.check;

import dev.fulcrum.config.ConfigException;
import dev.fulcrum.config.KeywordContext;
import dev.fulcrum.logformat.LogFormat;
import dev.fulcrum.logformat.LogFormatException;
import dev.fulcrum.sample.CompileContext;
import dev.fulcrum.sample.SampleExpr;
import dev.fulcrum.sample.SampleParseException;
import dev.fulcrum.sample.SampleSource;
import dev.fulcrum.sample.Samples;
import dev.fulcrum.sample.UseSite;
import dev.fulcrum.sample.VarRef;

/**
 * The log-format strings and sample expressions of check rules
 * ({@code send-lf}, {@code uri-lf}, {@code hdr} values, {@code on-success},
 * {@code status-code}, {@code set-var}...), compiled at HAProxy's check site
 * ("backend tcp-check rule", where neither a frontend nor a request exists)
 * with haproxy -c's messages.
 */
final class CheckFormats {

    private CheckFormats() {
    }

    private static CompileContext site(KeywordContext ctx) {
        return CompileContext.of(ctx, UseSite.BE_CHK_RUL, ctx.keyword().name());
    }

    /** A log-format argument: {@code 'tcp-check send-lf' : '<fmt>' invalid log-format string (<why>).} */
    static LogFormat lf(KeywordContext ctx, String text) throws ConfigException {
        try {
            return LogFormat.parse(text, site(ctx), LogFormat.Target.HTTP, false);
        } catch (LogFormatException e) {
            throw ctx.error(ctx.quoted() + " : '" + text + "' invalid log-format string (" + e.getMessage() + ").");
        }
    }

    /** An {@code http-check send hdr} value, whose errors haproxy words without the format. */
    static LogFormat headerLf(KeywordContext ctx, String text) throws ConfigException {
        try {
            return LogFormat.parse(text, site(ctx), LogFormat.Target.HTTP, false);
        } catch (LogFormatException e) {
            throw ctx.error(ctx.quoted() + " : " + e.getMessage() + ".");
        }
    }

    /** {@code status-code <expr>} of an expect rule. */
    static SampleExpr statusCode(KeywordContext ctx, String text) throws ConfigException {
        try {
            SampleExpr e = Samples.parse(text, site(ctx));
            Samples.checkSite(e, UseSite.BE_CHK_RUL);
            return e;
        } catch (SampleParseException e) {
            throw ctx.error(ctx.quoted() + " : error detected while parsing status-code expression : "
                    + e.getMessage() + ".");
        }
    }

    /**
     * {@code set-var(<name>[,<cond>...]) <expr>}, {@code set-var-fmt(<name>[,<cond>...]) <fmt>} or
     * {@code unset-var(<name>)}: the action is the word the keyword matched, the value its first argument
     * (words after it are ignored, as haproxy does).
     */
    static CheckRule.SetVar setVar(KeywordContext ctx, boolean http) throws ConfigException {
        String word = ctx.line().word(ctx.argStart() - 1);
        String family = http ? "http-check " : "tcp-check ";
        int open = word.indexOf('(');
        String action = open < 0 ? word : word.substring(0, open);
        String prefix = "'" + family + word + "' : '" + action + "' : ";
        if (open < 0 || !word.endsWith(")")) {
            throw ctx.error(prefix + "invalid or incomplete action '" + action + "'. Expects 'set-var(<var-name>)', "
                    + "'set-var-fmt(<var-name>)' or 'unset-var(<var-name>)'.");
        }
        boolean unset = action.equals("unset-var");
        String[] parts = word.substring(open + 1, word.length() - 1).split(",", -1);
        if (unset && parts.length > 1) {
            throw ctx.error(prefix + "unset-var does not expect parameters after the variable name. Only "
                    + "\"set-var\" and \"set-var-fmt\" manage conditions.");
        }
        if (parts[0].isEmpty()) {
            throw ctx.error(prefix + "Empty variable name cannot be accepted.");
        }
        VarRef ref;
        int conditions = 0;
        try {
            ref = VarRef.parse(parts[0]);
            for (int i = 1; i < parts.length; i++) {
                conditions |= VarRef.condition(parts[i]);
            }
        } catch (IllegalArgumentException e) {
            throw ctx.error(prefix + e.getMessage() + (e.getMessage().endsWith(".") ? "" : "."));
        }
        if (unset) {
            return new CheckRule.SetVar(ref, 0, null, null, true, http);
        }
        String value = ctx.arg(0);
        if (action.equals("set-var-fmt")) {
            LogFormat f;
            try {
                f = LogFormat.parse(value, site(ctx), LogFormat.Target.HTTP, false);
            } catch (LogFormatException e) {
                throw ctx.error(prefix + "failed to parse log-format string '" + value + "' : " + e.getMessage()
                        + ".");
            }
            return new CheckRule.SetVar(ref, conditions, null, f, false, http);
        }
        if (value.isEmpty()) {
            throw ctx.error(prefix + "missing fetch method.");
        }
        SampleExpr expr;
        try {
            expr = Samples.parse(value, site(ctx));
        } catch (SampleParseException e) {
            throw ctx.error(prefix + e.getMessage() + ".");
        }
        SampleSource missing = expr.unavailableAt(UseSite.BE_CHK_RUL);
        if (missing != null) {
            throw ctx.error(prefix + "fetch method '" + word + "' extracts information from '" + missing.label()
                    + "', none of which is available here.");
        }
        return new CheckRule.SetVar(ref, conditions, expr, null, false, http);
    }
}
