package dev.fulcrum.log;

import java.nio.ByteBuffer;

/** Byte-level helpers for writing log text into buffers without building strings. */
final class Ascii {

    private Ascii() {
    }

    /**
     * Writes up to {@code max} characters of {@code s}, one byte each (HAProxy logs
     * bytes; the data path decodes them as ISO-8859-1, so this is the inverse).
     * Returns the number written.
     */
    static int put(ByteBuffer out, CharSequence s, int max) {
        int n = Math.min(Math.min(max, s.length()), out.remaining());
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            out.put(c < 256 ? (byte) c : (byte) '?');
        }
        return n;
    }

    static void putInt(ByteBuffer out, int v) {
        if (v < 0) {
            out.put((byte) '-');
            v = -v;
        }
        if (v >= 10) {
            putInt(out, v / 10);
        }
        out.put((byte) ('0' + v % 10));
    }

    static byte[] bytes(String s) {
        byte[] b = new byte[s.length()];
        for (int i = 0; i < b.length; i++) {
            char c = s.charAt(i);
            b[i] = c < 256 ? (byte) c : (byte) '?';
        }
        return b;
    }
}
