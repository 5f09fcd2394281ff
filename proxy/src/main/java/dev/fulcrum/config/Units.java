package dev.fulcrum.config;

/**
 * HAProxy's number formats: times ({@code us ms s m h d}, default ms) and sizes
 * ({@code k m g}, binary multiples). Errors use HAProxy's wording, with
 * {@code what} naming the keyword (e.g. {@code 'timeout client'}).
 */
public final class Units {

    /** The largest timer HAProxy accepts, in milliseconds (~24.8 days). */
    public static final long MAX_TIMER_MS = Integer.MAX_VALUE;

    private Units() {
    }

    /**
     * Parses a time into milliseconds ({@code us} rounds up to whole milliseconds,
     * as HAProxy's timers have millisecond resolution).
     *
     * @throws IllegalArgumentException e.g. {@code unexpected character 'x' in 'timeout client'}
     */
    public static long millis(String text, String what) {
        long us = micros(text, what, MAX_TIMER_MS * 1000);
        return us / 1000 + (us % 1000 != 0 ? 1 : 0);
    }

    /** Parses a time into microseconds. */
    public static long micros(String text, String what, long maxMicros) {
        int i = 0;
        long value = 0;
        while (i < text.length() && Character.isDigit(text.charAt(i))) {
            value = value * 10 + (text.charAt(i) - '0');
            if (value > Long.MAX_VALUE / 100_000_000L) {
                throw overflow(text, what);
            }
            i++;
        }
        if (i == 0) {
            throw new IllegalArgumentException(text.isEmpty() ? what + " expects an integer value (in milliseconds)"
                    : "unexpected character '" + text.charAt(0) + "' in " + what);
        }
        String rest = text.substring(i);
        String unit = rest.startsWith("us") ? "us" : rest.startsWith("ms") ? "ms"
                : rest.isEmpty() ? "" : switch (rest.charAt(0)) {
                    case 's', 'm', 'h', 'd' -> rest.substring(0, 1);
                    default -> null;
                };
        if (unit == null || unit.length() < rest.length()) {
            char bad = unit == null ? rest.charAt(0) : rest.charAt(unit.length());
            throw new IllegalArgumentException("unexpected character '" + bad + "' in " + what);
        }
        long factor = switch (unit) {
            case "us" -> 1L;
            case "s" -> 1_000_000L;
            case "m" -> 60_000_000L;
            case "h" -> 3_600_000_000L;
            case "d" -> 86_400_000_000L;
            default -> 1_000L;
        };
        // a huge count of days must not wrap around into an acceptable value
        if (value > Long.MAX_VALUE / factor) {
            throw overflow(text, what);
        }
        long micros = value * factor;
        if (micros / 1000 > maxMicros / 1000) {
            throw overflow(text, what);
        }
        return micros;
    }

    private static IllegalArgumentException overflow(String text, String what) {
        return new IllegalArgumentException("timer overflow in argument '" + text + "' to " + what
                + " (maximum value is 2147483647 ms or ~24.8 days)");
    }

    /**
     * Parses a size: digits with an optional {@code k}, {@code m} or {@code g}
     * suffix (either case), as 1024-based multiples.
     */
    public static long size(String text, String what) {
        int i = 0;
        long value = 0;
        while (i < text.length() && Character.isDigit(text.charAt(i))) {
            value = value * 10 + (text.charAt(i) - '0');
            if (value > (1L << 53)) {
                throw new IllegalArgumentException("value too large in " + what + ": '" + text + "'");
            }
            i++;
        }
        if (i == 0) {
            throw new IllegalArgumentException(what + " expects a size, got '" + text + "'");
        }
        String unit = text.substring(i);
        return switch (unit) {
            case "" -> value;
            case "k", "K" -> value << 10;
            case "m", "M" -> value << 20;
            case "g", "G" -> value << 30;
            default -> throw new IllegalArgumentException("unexpected character '" + unit.charAt(0) + "' in " + what);
        };
    }

    /**
     * Reads an integer the way C's {@code atol()} does (HAProxy uses it for many
     * keywords): leading digits with an optional sign, anything else ignored,
     * 0 when there are no digits. Returns {@code null} when the text is not a
     * clean integer, so callers can warn while keeping HAProxy's result.
     */
    public static long atol(String text) {
        int i = 0;
        int n = text.length();
        while (i < n && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        boolean negative = false;
        if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        long v = 0;
        while (i < n && Character.isDigit(text.charAt(i))) {
            v = v * 10 + (text.charAt(i) - '0');
            i++;
        }
        return negative ? -v : v;
    }

    /** Whether {@code text} is an optionally signed decimal integer and nothing else. */
    public static boolean isInteger(String text) {
        int i = text.startsWith("-") || text.startsWith("+") ? 1 : 0;
        if (i >= text.length()) {
            return false;
        }
        for (; i < text.length(); i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
