package dev.fulcrum.sample;

/**
 * A sample expression that does not compile. The message is HAProxy's core text
 * ({@code unknown converter 'foo'}, {@code fetch method 'int' : expected ')' before ',2)'});
 * callers wrap it in their own statement's wording.
 */
public final class SampleParseException extends Exception {

    private final int position;

    public SampleParseException(String message, int position) {
        super(message, null, false, false);
        this.position = position;
    }

    /** Index in the parsed text where the problem was found. */
    public int position() {
        return position;
    }
}
