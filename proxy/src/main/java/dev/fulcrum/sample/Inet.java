package dev.fulcrum.sample;

/**
 * IPv4 and IPv6 text forms as HAProxy reads and prints them, without name
 * resolution. IPv4 addresses are big-endian ints; IPv6 addresses are 16 bytes.
 */
public final class Inet {

    private Inet() {
    }

    /**
     * Parses a dotted quad ({@code a.b.c.d}, each 0-255, decimal) as
     * {@code inet_pton()} does; returns the address in the low 32 bits, or -1.
     */
    public static long parseIpv4(CharSequence s) {
        return parseIpv4(s, 0, s.length(), false);
    }

    /**
     * Parses an IPv4 address between {@code from} and {@code to}; with
     * {@code abbreviated}, also the ACL forms that omit zero bytes
     * ({@code 127.1} is {@code 127.0.0.1}, {@code 10.12} is {@code 10.0.0.12}).
     * Returns the address in the low 32 bits, or -1.
     */
    public static long parseIpv4(CharSequence s, int from, int to, boolean abbreviated) {
        long[] parts = new long[4];
        int n = 0;
        int i = from;
        while (true) {
            int start = i;
            long v = 0;
            while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                v = v * 10 + (s.charAt(i) - '0');
                if (v > 0xffffffffL) {
                    return -1;
                }
                i++;
            }
            if (i == start || n == 4) {
                return -1;
            }
            parts[n++] = v;
            if (i == to) {
                break;
            }
            if (s.charAt(i) != '.') {
                return -1;
            }
            i++;
        }
        if (n < 4 && !abbreviated) {
            return -1;
        }
        long addr = 0;
        for (int p = 0; p < n - 1; p++) {
            if (parts[p] > 255) {
                return -1;
            }
            addr |= parts[p] << (24 - 8 * p);
        }
        long last = parts[n - 1];
        int lastBits = 8 * (5 - n);
        if (last >= (1L << lastBits)) {
            return -1;
        }
        return addr | last;
    }

    /**
     * Parses an IPv6 address in any RFC 4291 text form ({@code ::}, embedded
     * IPv4) into {@code out[0..16)}; false when it is not one.
     */
    public static boolean parseIpv6(CharSequence s, byte[] out) {
        return parseIpv6(s, 0, s.length(), out);
    }

    public static boolean parseIpv6(CharSequence s, int from, int to, byte[] out) {
        int[] words = new int[8];
        int n = 0;
        int gap = -1;
        int i = from;
        if (to - from >= 2 && s.charAt(i) == ':' && s.charAt(i + 1) == ':') {
            gap = 0;
            i += 2;
            if (i == to) {
                java.util.Arrays.fill(out, 0, 16, (byte) 0);
                return true;
            }
        } else if (i < to && s.charAt(i) == ':') {
            return false;
        }
        while (i < to) {
            int start = i;
            int v = 0;
            while (i < to && Character.digit(s.charAt(i), 16) >= 0 && i - start < 4) {
                v = v << 4 | Character.digit(s.charAt(i), 16);
                i++;
            }
            if (i < to && s.charAt(i) == '.') {
                // embedded IPv4 in the last 32 bits
                long v4 = parseIpv4(s, start, to, false);
                if (v4 < 0 || n > 6) {
                    return false;
                }
                words[n++] = (int) (v4 >>> 16);
                words[n++] = (int) (v4 & 0xffff);
                i = to;
                break;
            }
            if (i == start || n == 8) {
                return false;
            }
            words[n++] = v;
            if (i == to) {
                break;
            }
            if (s.charAt(i) != ':') {
                return false;
            }
            i++;
            if (i < to && s.charAt(i) == ':') {
                if (gap >= 0) {
                    return false;
                }
                gap = n;
                i++;
                if (i == to) {
                    break;
                }
            } else if (i == to) {
                return false;
            }
        }
        if (gap < 0 ? n != 8 : n > 7) {
            return false;
        }
        int[] full = new int[8];
        if (gap < 0) {
            full = words;
        } else {
            System.arraycopy(words, 0, full, 0, gap);
            System.arraycopy(words, gap, full, 8 - (n - gap), n - gap);
        }
        for (int w = 0; w < 8; w++) {
            out[2 * w] = (byte) (full[w] >>> 8);
            out[2 * w + 1] = (byte) full[w];
        }
        return true;
    }

    public static String formatIpv4(int a) {
        return ((a >>> 24) & 0xff) + "." + ((a >>> 16) & 0xff) + "." + ((a >>> 8) & 0xff) + "." + (a & 0xff);
    }

    /** An address as HAProxy prints it: dotted IPv4, compressed IPv6 ({@code 2001:db8::1}). */
    public static String format(java.net.InetAddress a) {
        return a instanceof java.net.Inet6Address ? formatIpv6(a.getAddress()) : a.getHostAddress();
    }

    /**
     * Formats 16 bytes as {@code inet_ntop()} does: lowercase, the longest run of
     * two or more zero groups shortened to {@code ::}, and the last 32 bits in
     * dotted form for IPv4-compatible and IPv4-mapped addresses.
     */
    public static String formatIpv6(byte[] a) {
        int[] w = new int[8];
        for (int i = 0; i < 8; i++) {
            w[i] = (a[2 * i] & 0xff) << 8 | (a[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (w[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && w[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        if (bestLen < 2) {
            bestStart = -1;
        }
        StringBuilder b = new StringBuilder(40);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                b.append(':');
                i += bestLen - 1;
                if (i == 7) {
                    b.append(':');
                }
                continue;
            }
            if (i > 0) {
                b.append(':');
            }
            if (i == 6 && bestStart == 0 && (bestLen == 6 || (bestLen == 5 && w[5] == 0xffff))) {
                b.append(formatIpv4(w[6] << 16 | w[7]));
                break;
            }
            b.append(Integer.toHexString(w[i]));
        }
        return b.toString();
    }

    /**
     * The IPv4 address carried by an IPv6 one, as HAProxy maps them: IPv4-mapped
     * ({@code ::ffff:a.b.c.d}), IPv4-compatible ({@code ::a.b.c.d}) or 6to4
     * ({@code 2002:AABB:CCDD::}). Returns the address in the low 32 bits, or -1.
     */
    public static long ipv6ToIpv4(byte[] a) {
        boolean zero80 = true;
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                zero80 = false;
                break;
            }
        }
        if (zero80 && ((a[10] == (byte) 0xff && a[11] == (byte) 0xff) || (a[10] == 0 && a[11] == 0))) {
            return readInt(a, 12) & 0xffffffffL;
        }
        if (a[0] == 0x20 && a[1] == 0x02) {
            return readInt(a, 2) & 0xffffffffL;
        }
        return -1;
    }

    /** Writes {@code ::ffff:a.b.c.d} into {@code out}. */
    public static void ipv4ToIpv6(int v4, byte[] out) {
        java.util.Arrays.fill(out, 0, 10, (byte) 0);
        out[10] = (byte) 0xff;
        out[11] = (byte) 0xff;
        out[12] = (byte) (v4 >>> 24);
        out[13] = (byte) (v4 >>> 16);
        out[14] = (byte) (v4 >>> 8);
        out[15] = (byte) v4;
    }

    /** An IPv4 netmask of {@code bits} leading ones (0-32). */
    public static int maskOfBits(int bits) {
        return bits == 0 ? 0 : -1 << (32 - bits);
    }

    /** Fills {@code out} with an IPv6 netmask of {@code bits} leading ones (0-128). */
    public static void mask6OfBits(int bits, byte[] out) {
        for (int i = 0; i < 16; i++) {
            int b = Math.max(0, Math.min(8, bits - 8 * i));
            out[i] = (byte) (0xff00 >>> b);
        }
    }

    static int readInt(byte[] a, int off) {
        return (a[off] & 0xff) << 24 | (a[off + 1] & 0xff) << 16 | (a[off + 2] & 0xff) << 8 | (a[off + 3] & 0xff);
    }
}
