package dev.fulcrum.sample;

/** Hexadecimal text as HAProxy's {@code bin()} and {@code -m bin} read it, and {@code hex} writes it. */
public final class Hex {

    private static final char[] UPPER = "0123456789ABCDEF".toCharArray();

    private Hex() {
    }

    /**
     * Parses an even number of hex digits (either case).
     *
     * @throws ArgException with HAProxy's message
     */
    public static byte[] parse(String s) throws ArgException {
        if (s.length() % 2 != 0) {
            throw new ArgException("an even number of hex digit is expected");
        }
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < s.length(); i++) {
            int d = Character.digit(s.charAt(i), 16);
            if (d < 0 || s.charAt(i) > 'f') {
                throw new ArgException("an hex digit is expected (found '" + s.charAt(i) + "')");
            }
            out[i / 2] |= (byte) (i % 2 == 0 ? d << 4 : d);
        }
        return out;
    }

    /** Uppercase hex digits, two per byte. */
    public static String encode(byte[] a, int off, int len) {
        char[] c = new char[len * 2];
        for (int i = 0; i < len; i++) {
            int b = a[off + i] & 0xff;
            c[2 * i] = UPPER[b >>> 4];
            c[2 * i + 1] = UPPER[b & 0xf];
        }
        return new String(c);
    }

    static void appendByte(StringBuilder b, int v) {
        b.append(UPPER[(v >>> 4) & 0xf]).append(UPPER[v & 0xf]);
    }
}
