package dev.fulcrum.sample;

import java.util.List;

/**
 * A compiled sample expression, {@code fetch(args),conv1,conv2(args)}: immutable,
 * shared by every stream, evaluated into a caller-provided {@link Sample}.
 * Evaluation never throws: missing data makes it return false.
 */
public final class SampleExpr {

    /** How an ACL's test of all the values of an expression came out. */
    public enum Match { PASS, FAIL, MISS }

    /** Tests one value of an expression (an ACL's pattern matching). */
    @FunctionalInterface
    public interface SampleTest {
        boolean test(SampleContext ctx, Sample s);
    }

    private final String text;
    private final String fetchName;
    private final Fetch fetch;
    private final Converter[] converters;
    private final SampleType[] inputs;
    private final SampleType outputType;
    private final List<SampleSource> sources;
    private final int end;

    SampleExpr(String text, String fetchName, Fetch fetch, Converter[] converters, SampleType[] inputs,
               SampleType outputType, List<SampleSource> sources, int end) {
        this.text = text;
        this.fetchName = fetchName;
        this.fetch = fetch;
        this.converters = converters;
        this.inputs = inputs;
        this.outputType = outputType;
        this.sources = sources;
        this.end = end;
    }

    /**
     * Evaluates the expression into {@code out}.
     *
     * @return false when the fetch found nothing or a converter failed
     */
    public boolean eval(SampleContext ctx, Sample out) {
        out.reset();
        return fetch.fetch(ctx, out) && convert(ctx, out);
    }

    /** Evaluates and casts the result to {@code type}; false when either fails. */
    public boolean eval(SampleContext ctx, Sample out, SampleType type) {
        return eval(ctx, out) && out.castTo(type);
    }

    /**
     * Evaluates the expression the way an ACL does: a fetch that can return
     * several values (every occurrence of a header, every cookie) returns them one
     * by one; each goes through the converters and {@code test}, until one passes.
     * A failed conversion stops the iteration. MISS means the data may still
     * arrive or change ({@link SampleContext#isFinal()} is false), as for
     * {@code req.len} while the request buffer fills.
     */
    public Match anyMatch(SampleContext ctx, Sample s, SampleTest test) {
        s.reset();
        s.iterate = true;
        while (true) {
            s.more = false;
            s.mayChange = false;
            if (!fetch.fetch(ctx, s)) {
                return s.mayChange && !ctx.isFinal() ? Match.MISS : Match.FAIL;
            }
            boolean more = s.more;
            if (!convert(ctx, s)) {
                return Match.FAIL;
            }
            if (test.test(ctx, s)) {
                return Match.PASS;
            }
            if (!more) {
                // a value that did not match may still change (a growing buffer): the answer is not known yet
                return s.mayChange && !ctx.isFinal() ? Match.MISS : Match.FAIL;
            }
        }
    }

    private boolean convert(SampleContext ctx, Sample s) {
        for (int i = 0; i < converters.length; i++) {
            if (!s.castTo(inputs[i]) || !converters[i].convert(ctx, s)) {
                return false;
            }
        }
        return true;
    }

    /** The type of the result as known at configuration time ({@link SampleType#ANY} when dynamic). */
    public SampleType outputType() {
        return outputType;
    }

    /** The fetch keyword the expression starts with. */
    public String fetchName() {
        return fetchName;
    }

    /** Whether the expression is a bare fetch, without converters. */
    public boolean hasConverters() {
        return converters.length > 0;
    }

    /** The expression as written. */
    public String text() {
        return text;
    }

    /** Index just past the expression in the text it was parsed from. */
    public int end() {
        return end;
    }

    /** Where the fetch takes its data from. */
    public List<SampleSource> sources() {
        return sources;
    }

    /**
     * The source whose data cannot exist at {@code site}, or {@code null} when the
     * expression can be evaluated there. A fetch with several sources (such as
     * {@code hdr}, request or response) is usable where any of them is.
     */
    public SampleSource unavailableAt(UseSite site) {
        for (SampleSource s : sources) {
            if (s.availableAt(site)) {
                return null;
            }
        }
        return sources.getFirst();
    }

    @Override
    public String toString() {
        return text;
    }
}
