package dev.fulcrum.sample;

/** Integers written in the configuration, read the way HAProxy reads them. */
public final class Integers {

    private Integers() {
    }

    /**
     * An optional sign followed by decimal digits and nothing else; values beyond
     * 64 bits saturate to the largest or smallest integer, as haproxy 2.6 does for
     * {@code int(99999999999999999999)}. Returns {@code null} for anything else.
     */
    public static Long parse(String w) {
        if (w.isEmpty()) {
            return null;
        }
        int i = 0;
        boolean neg = false;
        if (w.charAt(0) == '-' || w.charAt(0) == '+') {
            neg = w.charAt(0) == '-';
            i++;
        }
        if (i == w.length()) {
            return null;
        }
        long r = 0;
        boolean overflow = false;
        for (; i < w.length(); i++) {
            char c = w.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            int d = c - '0';
            if (!overflow) {
                if (r > (Long.MAX_VALUE - d) / 10) {
                    overflow = true;
                } else {
                    r = r * 10 + d;
                }
            }
        }
        if (overflow) {
            return neg ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return neg ? -r : r;
    }
}
