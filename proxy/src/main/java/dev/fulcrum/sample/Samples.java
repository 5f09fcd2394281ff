package dev.fulcrum.sample;

/**
 * Entry points for compiling sample expressions at configuration time.
 *
 * <pre>{@code
 * CompileContext cc = CompileContext.of(ctx, UseSite.httpRequest(ctx.proxy().hasFrontend()), "http-request");
 * SampleExpr e = Samples.parse(ctx.arg(2), cc);   // e.g. "req.hdr(host),lower"
 * Samples.checkSite(e, cc.site());
 * ...
 * Sample s = new Sample();                          // per event loop
 * if (e.eval(streamContext, s)) { String v = s.text(); }
 * }</pre>
 */
public final class Samples {

    private Samples() {
    }

    /**
     * Compiles {@code text}, which must be one expression and nothing else (the
     * expression argument of {@code set-var}, {@code stick on}...).
     */
    public static SampleExpr parse(String text, CompileContext cc) throws SampleParseException {
        return ExprParser.parse(SampleRegistry.STANDARD, text, 0, cc, true, null);
    }

    /**
     * Compiles the expression that starts at {@code start} and stops at the first
     * character that cannot continue it; {@link SampleExpr#end()} tells where (the
     * {@code %[...]} of log-format strings).
     */
    public static SampleExpr parseAt(String text, int start, CompileContext cc) throws SampleParseException {
        return ExprParser.parse(SampleRegistry.STANDARD, text, start, cc, false, null);
    }

    /**
     * Compiles {@code text} whose first keyword is evaluated as the fetch
     * {@code fetchName} (for ACL keywords such as {@code path_beg}, which are
     * {@code path} with another matching method). Fetch-level messages then carry no
     * {@code fetch method 'x' :} prefix, as the ACL wraps them with its keyword.
     */
    public static SampleExpr parseAs(String text, String fetchName, CompileContext cc) throws SampleParseException {
        return ExprParser.parse(SampleRegistry.STANDARD, text, 0, cc, true, fetchName);
    }

    /** Whether {@code name} is an implemented fetch keyword. */
    public static boolean isFetch(String name) {
        return SampleRegistry.STANDARD.fetch(name) != null;
    }

    /**
     * Fails when the expression needs data that cannot exist at {@code site}, with
     * HAProxy's message for sample expressions in rules.
     */
    public static void checkSite(SampleExpr expr, UseSite site) throws SampleParseException {
        SampleSource missing = expr.unavailableAt(site);
        if (missing != null) {
            throw new SampleParseException("fetch method '" + expr.fetchName() + "' extracts information from '"
                    + missing.label() + "', none of which is available here", 0);
        }
    }

    /** The system host name, as the {@code hostname} fetch gives it. */
    public static String hostname() {
        return InternalFetches.hostname();
    }
}
