package dev.fulcrum.stats;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/**
 * Writes the pieces of Prometheus' text exposition format (version 0.0.4) into
 * a buffer without building intermediate strings: label values escaped as the
 * format asks, integers as digits, durations as seconds with six decimals.
 */
final class PromText {

    /** A value that has no meaning for this object (HAProxy writes {@code NaN}). */
    static final long NAN = Long.MIN_VALUE;
    /** No line at all for this object (a check status on a server without checks). */
    static final long SKIP = Long.MIN_VALUE + 1;

    private static final byte[] NAN_TEXT = "NaN".getBytes(StandardCharsets.US_ASCII);

    private PromText() {
    }

    static void ascii(ByteBuf out, byte[] bytes) {
        out.writeBytes(bytes);
    }

    /** {@code name="value"}, escaping backslash, double quote and line feed in the value. */
    static void label(ByteBuf out, byte[] name, String value) {
        out.writeBytes(name);
        out.writeByte('=').writeByte('"');
        for (int i = 0, n = value.length(); i < n; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.writeByte('\\').writeByte('\\');
                case '"' -> out.writeByte('\\').writeByte('"');
                case '\n' -> out.writeByte('\\').writeByte('n');
                default -> {
                    if (c < 0x80) {
                        out.writeByte(c);
                    } else {
                        utf8(out, c);
                    }
                }
            }
        }
        out.writeByte('"');
    }

    private static void utf8(ByteBuf out, char c) {
        if (c < 0x800) {
            out.writeByte(0xC0 | c >> 6).writeByte(0x80 | c & 0x3F);
        } else {
            out.writeByte(0xE0 | c >> 12).writeByte(0x80 | c >> 6 & 0x3F).writeByte(0x80 | c & 0x3F);
        }
    }

    /** An integer, or {@code NaN} for {@link #NAN}. */
    static void integer(ByteBuf out, long v) {
        if (v == NAN) {
            out.writeBytes(NAN_TEXT);
            return;
        }
        if (v < 0) {
            out.writeByte('-');
            v = -v;
        }
        digits(out, v, 1);
    }

    /** Milliseconds as seconds with six decimals ({@code 0.250000}), or {@code NaN}. */
    static void seconds(ByteBuf out, long millis) {
        if (millis == NAN) {
            out.writeBytes(NAN_TEXT);
            return;
        }
        if (millis < 0) {
            out.writeByte('-');
            millis = -millis;
        }
        digits(out, millis / 1000, 1);
        out.writeByte('.');
        digits(out, millis % 1000, 3);
        out.writeByte('0').writeByte('0').writeByte('0');
    }

    /** Decimal digits of a non-negative value, left-padded with zeros to {@code width}. */
    private static void digits(ByteBuf out, long v, int width) {
        int n = 1;
        for (long p = v / 10; p > 0; p /= 10) {
            n++;
        }
        for (int i = n; i < width; i++) {
            out.writeByte('0');
        }
        int at = out.writerIndex();
        out.ensureWritable(n);
        for (int i = n - 1; i >= 0; i--) {
            out.setByte(at + i, (int) ('0' + v % 10));
            v /= 10;
        }
        out.writerIndex(at + n);
    }
}
