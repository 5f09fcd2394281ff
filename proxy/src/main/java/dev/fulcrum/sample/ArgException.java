package dev.fulcrum.sample;

/**
 * Thrown by a keyword's factory when its arguments parse but do not make sense
 * ({@code Unsupported number of bits: '100'}). The message is HAProxy's text
 * after {@code invalid args in converter 'x' : }.
 */
public final class ArgException extends Exception {

    public ArgException(String message) {
        super(message, null, false, false);
    }
}
