package dev.fulcrum.sample;

/**
 * The {@code json} converter's escaping. In {@code ascii} mode each byte is a
 * character; the {@code utf8} modes decode UTF-8 first and differ in how they
 * treat errors: {@code s} drops bad sequences instead of failing, {@code p}
 * accepts overlong encodings. Code points above U+FFFF cannot be written with
 * one {@code \\uXXXX} escape and count as errors, as in haproxy 2.6.
 */
final class Json {

    enum Mode {
        ASCII("ascii"), UTF8("utf8"), UTF8S("utf8s"), UTF8P("utf8p"), UTF8PS("utf8ps");

        private final String word;

        Mode(String word) {
            this.word = word;
        }

        static Mode of(String word) {
            for (Mode m : values()) {
                if (m.word.equals(word)) {
                    return m;
                }
            }
            return null;
        }

        boolean skipErrors() {
            return this == UTF8S || this == UTF8PS;
        }

        boolean allowOverlong() {
            return this == UTF8P || this == UTF8PS;
        }
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Json() {
    }

    /** The escaped text, or {@code null} when the mode fails on the input. */
    static String escape(String v, Mode mode) {
        StringBuilder b = new StringBuilder(v.length() + 16);
        int i = 0;
        int n = v.length();
        while (i < n) {
            int c = v.charAt(i) & 0xff;
            if (mode == Mode.ASCII || c < 0x80) {
                append(b, c);
                i++;
                continue;
            }
            int len = c >= 0xf0 && c <= 0xf7 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 0;
            boolean bad = len == 0 || i + len > n;
            int cp = c & (0xff >> (len + 1));
            int consumed = 1;
            // take the continuation bytes that are there; a sequence stops at the first byte that is not one
            while (len > 0 && consumed < len && i + consumed < n && (v.charAt(i + consumed) & 0xc0) == 0x80) {
                cp = cp << 6 | (v.charAt(i + consumed) & 0x3f);
                consumed++;
            }
            bad |= consumed < len;
            if (!bad) {
                boolean overlong = len == 2 && cp < 0x80 || len == 3 && cp < 0x800 || len == 4 && cp < 0x10000;
                boolean range = cp >= 0xd800 && cp <= 0xdfff || cp > 0x10ffff;
                bad = range || overlong && !mode.allowOverlong() || cp > 0xffff;
            }
            if (bad) {
                if (!mode.skipErrors()) {
                    return null;
                }
            } else {
                append(b, cp);
            }
            i += consumed;
        }
        return b.toString();
    }

    private static void append(StringBuilder b, int c) {
        switch (c) {
            case '"' -> b.append("\\\"");
            case '\\' -> b.append("\\\\");
            case '/' -> b.append("\\/");
            case '\b' -> b.append("\\b");
            case '\f' -> b.append("\\f");
            case '\n' -> b.append("\\n");
            case '\r' -> b.append("\\r");
            case '\t' -> b.append("\\t");
            default -> {
                if (c < 0x20 || c >= 0x7f) {
                    b.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf])
                            .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
                } else {
                    b.append((char) c);
                }
            }
        }
    }
}
