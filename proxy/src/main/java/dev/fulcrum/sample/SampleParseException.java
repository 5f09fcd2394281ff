package dev.fulcrum.sample;

/**
 * A sample expression that does not compile. The message is HAProxy's core text
 * ({@code unknown converter 'foo'}, {@code fetch method 'int' : expected ')' before ',2)'});
 * callers wrap it in their own statement's wording.
 */
public final class SampleParseException extends Exception {

    private final int position;
    private final boolean fetchArguments;

    public SampleParseException(String message, int position) {
        this(message, position, false);
    }

    SampleParseException(String message, int position, boolean fetchArguments) {
        super(message, null, false, false);
        this.position = position;
        this.fetchArguments = fetchArguments;
    }

    /** Whether the error is in the arguments of the fetch (HAProxy words those differently in ACLs). */
    public boolean inFetchArguments() {
        return fetchArguments;
    }

    /** Index in the parsed text where the problem was found. */
    public int position() {
        return position;
    }
}
