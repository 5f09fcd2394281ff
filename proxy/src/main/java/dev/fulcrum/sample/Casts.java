package dev.fulcrum.sample;

import java.nio.charset.StandardCharsets;

import static dev.fulcrum.sample.SampleType.*;

/**
 * HAProxy's implicit conversions between sample types. Which pairs exist was
 * checked against haproxy 2.6 (a converter or {@code -m} method whose input type
 * cannot be reached is a configuration error there); what each produces follows
 * configuration.txt and observed output.
 */
final class Casts {

    private Casts() {
    }

    static boolean canCast(SampleType from, SampleType to) {
        if (from == to || from == ANY || to == ANY) {
            return true;
        }
        return switch (from) {
            case BOOL -> to == SINT || to == STR || to == BIN;
            case SINT -> to != METH;
            case IPV4 -> to != BOOL && to != METH;
            case IPV6 -> to != BOOL && to != SINT && to != METH;
            case STR -> true;
            case BIN, METH -> to == STR || to == BIN || to == METH;
            default -> false;
        };
    }

    /** Converts {@code s} in place; false when the value cannot be represented in {@code to}. */
    static boolean cast(Sample s, SampleType to) {
        SampleType from = s.type();
        if (from == null) {
            return false;
        }
        if (from == to || to == ANY || (to == ADDR && (from == IPV4 || from == IPV6))) {
            return true;
        }
        if (!canCast(from, to)) {
            return false;
        }
        return switch (to) {
            case BOOL -> toBool(s);
            case SINT -> toSint(s);
            case ADDR -> toAddr(s);
            case IPV4 -> toIpv4(s);
            case IPV6 -> toIpv6(s);
            case STR -> toStr(s);
            case BIN -> toBin(s);
            case METH -> toMeth(s);
            default -> false;
        };
    }

    private static boolean toBool(Sample s) {
        if (s.type() == SINT) {
            s.setBool(s.sint() != 0);
            return true;
        }
        if (!toSint(s)) {
            return false;
        }
        s.setBool(s.sint() != 0);
        return true;
    }

    private static boolean toSint(Sample s) {
        switch (s.type()) {
            case BOOL -> s.setSint(s.sint());
            case IPV4 -> s.setSint(s.ipv4() & 0xffffffffL);
            case STR -> {
                // leading sign and digits, anything after is ignored; an empty string has no value
                String v = s.str();
                if (v.isEmpty()) {
                    return false;
                }
                s.setSint(parseLeadingLong(v));
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads an optional sign and the digits that follow, stopping at the first
     * other character; beyond 64 bits the value saturates (haproxy 2.6 turns
     * {@code str(99999999999999999999)} into 9223372036854775807).
     */
    static long parseLeadingLong(CharSequence v) {
        int i = 0;
        boolean neg = false;
        if (i < v.length() && (v.charAt(i) == '-' || v.charAt(i) == '+')) {
            neg = v.charAt(i) == '-';
            i++;
        }
        long r = 0;
        while (i < v.length()) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                break;
            }
            if (r > (Long.MAX_VALUE - (c - '0')) / 10) {
                return neg ? Long.MIN_VALUE : Long.MAX_VALUE;
            }
            r = r * 10 + (c - '0');
            i++;
        }
        return neg ? -r : r;
    }

    private static boolean toAddr(Sample s) {
        if (s.type() == STR) {
            long v4 = Inet.parseIpv4(s.str());
            if (v4 >= 0) {
                s.setIpv4((int) v4);
                return true;
            }
            return toIpv6(s);
        }
        return toIpv4(s);
    }

    private static boolean toIpv4(Sample s) {
        switch (s.type()) {
            case SINT -> s.setIpv4((int) s.sint());
            case IPV6 -> {
                long v4 = Inet.ipv6ToIpv4(s.ipv6());
                if (v4 < 0) {
                    return false;
                }
                s.setIpv4((int) v4);
            }
            case STR -> {
                long v4 = Inet.parseIpv4(s.str());
                if (v4 < 0) {
                    return false;
                }
                s.setIpv4((int) v4);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private static boolean toIpv6(Sample s) {
        byte[] buf = new byte[16];
        switch (s.type()) {
            case SINT -> Inet.ipv4ToIpv6((int) s.sint(), buf);
            case IPV4 -> Inet.ipv4ToIpv6(s.ipv4(), buf);
            case STR -> {
                if (!Inet.parseIpv6(s.str(), buf)) {
                    return false;
                }
            }
            default -> {
                return false;
            }
        }
        s.setIpv6(buf, 0);
        return true;
    }

    private static boolean toStr(Sample s) {
        String t = s.text();
        if (t == null) {
            return false;
        }
        s.setStr(t);
        return true;
    }

    private static boolean toBin(Sample s) {
        byte[] out;
        switch (s.type()) {
            case BOOL, SINT -> {
                out = new byte[8];
                long v = s.sint();
                for (int i = 7; i >= 0; i--) {
                    out[i] = (byte) v;
                    v >>>= 8;
                }
            }
            case IPV4 -> {
                out = new byte[4];
                int v = s.ipv4();
                out[0] = (byte) (v >>> 24);
                out[1] = (byte) (v >>> 16);
                out[2] = (byte) (v >>> 8);
                out[3] = (byte) v;
            }
            case IPV6 -> out = s.ipv6().clone();
            case STR, METH -> out = s.str().getBytes(StandardCharsets.ISO_8859_1);
            default -> {
                return false;
            }
        }
        s.setBin(out);
        return true;
    }

    private static boolean toMeth(Sample s) {
        String text = s.type() == BIN ? binToString(s.binArray(), s.binOffset(), s.binLength()) : s.str();
        if (text.isEmpty()) {
            return false;
        }
        s.setMethod(HttpMethod.of(text), text);
        return true;
    }

    /** A binary block as a string: one char per byte, stopping at the first NUL byte as HAProxy does. */
    static String binToString(byte[] a, int off, int len) {
        int end = off;
        while (end < off + len && a[end] != 0) {
            end++;
        }
        return new String(a, off, end - off, StandardCharsets.ISO_8859_1);
    }
}
