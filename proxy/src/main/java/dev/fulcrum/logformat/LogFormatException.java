package dev.fulcrum.logformat;

/**
 * A log-format string that does not compile. The message is HAProxy's core text
 * ({@code no such format variable 'zz'. If you wanted to emit the '%' character
 * verbatim, you need to use '%%'.}); callers add their statement's wording
 * ({@code failed to parse log-format : }).
 */
public final class LogFormatException extends Exception {

    public LogFormatException(String message) {
        super(message, null, false, false);
    }

    /** The message as haproxy ends it: with exactly one period. */
    public String sentence() {
        String m = getMessage();
        return m.endsWith(".") ? m : m + ".";
    }
}
