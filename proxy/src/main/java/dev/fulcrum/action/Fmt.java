package dev.fulcrum.action;

import dev.fulcrum.logformat.LogFormat;

/**
 * A compiled log-format argument. Constant formats (the common case: a literal
 * header value) are rendered once at parse time and cost nothing per request.
 */
final class Fmt {

    private final LogFormat format;
    private final String constant;

    private Fmt(LogFormat format, String constant) {
        this.format = format;
        this.constant = constant;
    }

    static Fmt of(LogFormat f) {
        return f.isConstant() ? new Fmt(null, f.constantText()) : new Fmt(f, null);
    }

    static Fmt constant(String text) {
        return new Fmt(null, text);
    }

    boolean isConstant() {
        return format == null;
    }

    /** The rendered value for this stream. */
    String render(HttpTxn t) {
        if (format == null) {
            return constant;
        }
        StringBuilder b = t.text();
        format.render(t, t.logVariables(), b, t.scratch());
        return b.toString();
    }

    @Override
    public String toString() {
        return format == null ? constant : format.toString();
    }
}
