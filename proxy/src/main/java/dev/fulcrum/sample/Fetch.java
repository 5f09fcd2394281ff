package dev.fulcrum.sample;

/**
 * A sample fetch with its arguments bound at configuration time. Implementations
 * are immutable and shared by all streams.
 */
@FunctionalInterface
public interface Fetch {

    /**
     * Writes the value into {@code out}.
     *
     * @return false when there is no value (the data does not exist here); must not throw
     */
    boolean fetch(SampleContext ctx, Sample out);
}
