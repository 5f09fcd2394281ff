package dev.fulcrum.sample;

import dev.fulcrum.http.HttpHeaders;

/**
 * Walks header values as HAProxy's header fetches see them. In "split" mode each
 * header line is cut at commas that are not inside double quotes, and each
 * element is trimmed of spaces and tabs (empty elements count); in "full" mode a
 * line is one value. A {@code null} or empty name matches every header.
 * Checked against haproxy 2.6 with headers such as {@code X: a, "b,c" ,,d}.
 */
final class HeaderValues {

    private HeaderValues() {
    }

    static boolean matches(HttpHeaders h, int i, String name) {
        return name == null || name.isEmpty() || h.name(i).equalsIgnoreCase(name);
    }

    /** End (exclusive) of the element starting at {@code from}: the next unquoted comma, or the end. */
    static int elementEnd(String v, int from, boolean full) {
        if (full) {
            return v.length();
        }
        boolean quoted = false;
        for (int i = from; i < v.length(); i++) {
            char c = v.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                return i;
            }
        }
        return v.length();
    }

    static String trimmed(String v, int from, int to) {
        while (from < to && (v.charAt(from) == ' ' || v.charAt(from) == '\t')) {
            from++;
        }
        while (to > from && (v.charAt(to - 1) == ' ' || v.charAt(to - 1) == '\t')) {
            to--;
        }
        return from == 0 && to == v.length() ? v : v.substring(from, to);
    }

    /** How many values {@code name} has. */
    static int count(HttpHeaders h, String name, boolean full) {
        int n = 0;
        for (int i = 0; i < h.size(); i++) {
            if (!matches(h, i, name)) {
                continue;
            }
            String v = h.value(i);
            int p = 0;
            while (true) {
                n++;
                int e = elementEnd(v, p, full);
                if (e >= v.length()) {
                    break;
                }
                p = e + 1;
            }
        }
        return n;
    }

    /**
     * The value at occurrence {@code occ}: 1 is the first, -1 the last.
     * Returns {@code null} when there is no such occurrence.
     */
    static String get(HttpHeaders h, String name, int occ, boolean full) {
        if (occ < 0) {
            occ = count(h, name, full) + occ + 1;
            if (occ <= 0) {
                return null;
            }
        }
        int n = 0;
        for (int i = 0; i < h.size(); i++) {
            if (!matches(h, i, name)) {
                continue;
            }
            String v = h.value(i);
            int p = 0;
            while (true) {
                int e = elementEnd(v, p, full);
                if (++n == occ) {
                    return trimmed(v, p, e);
                }
                if (e >= v.length()) {
                    break;
                }
                p = e + 1;
            }
        }
        return null;
    }

    /**
     * The next value for an iterating fetch: the position is kept in the
     * sample's cursors (header index, offset within its value). Returns
     * {@code null} after the last one and sets {@code more} otherwise.
     */
    static String next(HttpHeaders h, String name, boolean full, Sample s) {
        for (int i = s.cursor; i < h.size(); i++) {
            if (!matches(h, i, name)) {
                continue;
            }
            String v = h.value(i);
            int p = i == s.cursor ? s.cursor2 : 0;
            if (p > v.length()) {
                continue;
            }
            int e = elementEnd(v, p, full);
            if (e >= v.length()) {
                s.cursor = i + 1;
                s.cursor2 = 0;
            } else {
                s.cursor = i;
                s.cursor2 = e + 1;
            }
            s.more = true;
            return trimmed(v, p, e);
        }
        s.more = false;
        return null;
    }
}
