package dev.fulcrum.cookie;

/**
 * The dates haproxy stamps on an inserted cookie under {@code maxidle} and
 * {@code maxlife} ({@code SRV=c1|<last>|<first>}): a UNIX time in 4-second
 * units, 30 bits written as five base64 digits, most significant first.
 */
final class CookieDate {

    /** Characters of a date field. */
    static final int LENGTH = 5;
    private static final String DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private CookieDate() {
    }

    /** The date at {@code at} in {@code s}, in seconds; 0 when it is not a valid, positive date. */
    static long parse(String s, int at) {
        if (s.length() - at < LENGTH) {
            return 0;
        }
        int v = 0;
        for (int i = 0; i < LENGTH; i++) {
            int d = DIGITS.indexOf(s.charAt(at + i));
            if (d < 0) {
                return 0;
            }
            v = v << 6 | d;
        }
        return v > 0 ? (long) v << 2 : 0;
    }

    /** Appends the date of {@code units} (seconds / 4). */
    static void append(StringBuilder out, long units) {
        int v = (int) units;
        for (int i = LENGTH - 1; i >= 0; i--) {
            out.append(DIGITS.charAt((v >>> (6 * i)) & 63));
        }
    }

    /** Now, rounded up to the next 4-second unit as haproxy writes it. */
    static long nowUnits(long nowSeconds) {
        return (nowSeconds + 3) >> 2;
    }
}
