package dev.fulcrum.map;

/**
 * ASCII-only case folding and the word match of {@code -m dir} and {@code -m dom},
 * matching HAProxy's byte-oriented comparisons (C locale).
 */
final class Text {

    private Text() {
    }

    static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }

    static String lower(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 'A' && s.charAt(i) <= 'Z') {
                char[] c = s.toCharArray();
                for (int j = i; j < c.length; j++) {
                    c[j] = lower(c[j]);
                }
                return new String(c);
            }
        }
        return s;
    }

    /** Whether {@code p} occurs in {@code s} at {@code at}; {@code p} is already lowercase when ignoring case. */
    static boolean at(String s, int at, String p, boolean ignoreCase) {
        if (at < 0 || at + p.length() > s.length()) {
            return false;
        }
        for (int i = 0; i < p.length(); i++) {
            char c = s.charAt(at + i);
            if ((ignoreCase ? lower(c) : c) != p.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static int indexOf(String s, String p, int from, boolean ignoreCase) {
        if (!ignoreCase) {
            return s.indexOf(p, from);
        }
        for (int i = from; i + p.length() <= s.length(); i++) {
            if (at(s, i, p, true)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Whether {@code p} appears in {@code s} as a whole run of words: preceded by a
     * delimiter or the start, followed by a delimiter or the end. Delimiters at
     * either end of the pattern are ignored.
     */
    static boolean word(String s, String p, String delims, boolean ignoreCase) {
        int a = 0;
        int b = p.length();
        while (a < b && delims.indexOf(p.charAt(a)) >= 0) {
            a++;
        }
        while (b > a && delims.indexOf(p.charAt(b - 1)) >= 0) {
            b--;
        }
        if (a == b) {
            return false;
        }
        String w = p.substring(a, b);
        for (int i = indexOf(s, w, 0, ignoreCase); i >= 0; i = indexOf(s, w, i + 1, ignoreCase)) {
            int end = i + w.length();
            if ((i == 0 || delims.indexOf(s.charAt(i - 1)) >= 0)
                    && (end == s.length() || delims.indexOf(s.charAt(end)) >= 0)) {
                return true;
            }
        }
        return false;
    }
}
