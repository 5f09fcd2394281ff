package dev.fulcrum.sample;

/**
 * Finds {@code name=value} parameters in a query string or a form body, for
 * {@code url_param} and {@code req.body_param}. Parameters are separated by
 * {@code &}, {@code ;} or a configured delimiter; a parameter without {@code =}
 * has no value. Values are returned as written (no URL decoding).
 */
final class Params {

    private Params() {
    }

    /**
     * The value of the first parameter called {@code name} (any parameter when
     * empty) at or after {@code from}. Leaves in {@code s.cursor} where to resume and
     * sets {@code s.more} when text remains; returns {@code null} when none is left.
     */
    static String find(String text, int from, String name, char delim, Sample s) {
        int p = from;
        int n = text.length();
        while (p < n) {
            int e = p;
            while (e < n && text.charAt(e) != '&' && text.charAt(e) != ';' && text.charAt(e) != delim
                    && text.charAt(e) != '#') {
                e++;
            }
            int eq = text.indexOf('=', p);
            if (eq >= 0 && eq < e && (name.isEmpty() || name.length() == eq - p && text.startsWith(name, p))) {
                s.cursor = e + 1;
                s.more = e + 1 < n;
                return text.substring(eq + 1, e);
            }
            if (e < n && text.charAt(e) == '#') {
                break;
            }
            p = e + 1;
        }
        s.cursor = n + 1;
        s.more = false;
        return null;
    }
}
