package dev.fulcrum.sample;

/**
 * A converter with its arguments bound at configuration time. It receives a
 * sample already cast to its input type and rewrites it in place. Immutable and
 * shared by all streams.
 */
@FunctionalInterface
public interface Converter {

    /** @return false when the conversion fails (the expression then has no value); must not throw */
    boolean convert(SampleContext ctx, Sample s);
}
