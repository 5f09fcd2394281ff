package dev.fulcrum.map;

import dev.fulcrum.sample.ArgException;
import dev.fulcrum.sample.Hex;
import dev.fulcrum.sample.Inet;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One pattern ready for matching, with the map value it leads to already
 * converted to the output type. Immutable; built when a reference's entries are
 * (re)compiled, never on the data path.
 */
final class CompiledPattern {

    final PatternEntry entry;
    /** String, Long, Integer (IPv4) or byte[] (IPv6) for maps; {@code null} for ACLs. */
    final Object value;
    /** STR family: the text, lowercased when matching ignores case. */
    final String text;
    /** INT, LEN: the inclusive range. */
    final long lo;
    final long hi;
    /** IP: address and mask (IPv4 in the low 32 bits), or 16 bytes and a prefix length. */
    final int v4;
    final int mask4;
    final byte[] v6;
    final int prefix;
    /** BIN */
    final byte[] bytes;
    /** REG, REGM */
    final Pattern regex;

    private CompiledPattern(PatternEntry entry, Object value, String text, long lo, long hi, int v4, int mask4,
                            byte[] v6, int prefix, byte[] bytes, Pattern regex) {
        this.entry = entry;
        this.value = value;
        this.text = text;
        this.lo = lo;
        this.hi = hi;
        this.v4 = v4;
        this.mask4 = mask4;
        this.v6 = v6;
        this.prefix = prefix;
        this.bytes = bytes;
        this.regex = regex;
    }

    boolean isIpv6() {
        return v6 != null;
    }

    /** Whether an IPv4 mask is a run of leading ones (so it fits in a prefix tree). */
    boolean contiguousMask() {
        return mask4 == 0 || Integer.numberOfLeadingZeros(~mask4) == Integer.bitCount(mask4);
    }

    /**
     * Compiles {@code entry.key()} for {@code method}.
     *
     * @param value the already converted map value, or {@code null}
     * @throws IllegalArgumentException with HAProxy's message ({@code 'x' is not a number})
     */
    static CompiledPattern compile(PatternEntry entry, Object value, MatchMethod method, boolean ignoreCase,
                                   boolean noDns) {
        String k = entry.key();
        return switch (method) {
            case INT, LEN -> {
                long[] r = range(k);
                yield new CompiledPattern(entry, value, null, r[0], r[1], 0, 0, null, 0, null, null);
            }
            case IP -> ip(entry, value, k, noDns);
            case BIN -> {
                try {
                    yield new CompiledPattern(entry, value, null, 0, 0, 0, 0, null, 0, Hex.parse(k), null);
                } catch (ArgException e) {
                    throw new IllegalArgumentException(e.getMessage());
                }
            }
            case REG, REGM -> new CompiledPattern(entry, value, k, 0, 0, 0, 0, null, 0, null, regex(k, ignoreCase));
            default -> new CompiledPattern(entry, value, ignoreCase ? Text.lower(k) : k, 0, 0, 0, 0, null, 0, null,
                    null);
        };
    }

    static Pattern regex(String k, boolean ignoreCase) {
        try {
            return Pattern.compile(k, ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(dev.fulcrum.sample.RegexErrors.message(k, e));
        }
    }

    /** {@code n}, {@code a:b}, {@code a:} or {@code :b}. */
    static long[] range(String k) {
        int colon = k.indexOf(':');
        if (colon < 0) {
            long v = number(k, k);
            return new long[] {v, v};
        }
        if (k.indexOf(':', colon + 1) >= 0) {
            throw new IllegalArgumentException("'" + k + "' is not a valid number range");
        }
        String a = k.substring(0, colon);
        String b = k.substring(colon + 1);
        long lo = a.isEmpty() ? Long.MIN_VALUE : number(a, k);
        long hi = b.isEmpty() ? Long.MAX_VALUE : number(b, k);
        if (lo > hi) {
            throw new IllegalArgumentException("'" + k + "' is not a valid number range");
        }
        return new long[] {lo, hi};
    }

    private static long number(String s, String whole) {
        boolean ok = !s.isEmpty();
        for (int i = 0; i < s.length() && ok; i++) {
            char c = s.charAt(i);
            ok = c >= '0' && c <= '9' || i == 0 && (c == '-' || c == '+') && s.length() > 1;
        }
        if (!ok) {
            throw new IllegalArgumentException(s.equals(whole) ? "'" + s + "' is not a number"
                    : "'" + whole + "' is not a valid number range");
        }
        try {
            return Long.parseLong(s.charAt(0) == '+' ? s.substring(1) : s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + s + "' is not a number");
        }
    }

    private static CompiledPattern ip(PatternEntry entry, Object value, String k, boolean noDns) {
        String bad = "'" + k + "' is not a valid IPv4 or IPv6 address";
        int slash = k.indexOf('/');
        String addr = slash < 0 ? k : k.substring(0, slash);
        String mask = slash < 0 ? null : k.substring(slash + 1);
        if (addr.indexOf(':') >= 0) {
            byte[] a = new byte[16];
            if (!Inet.parseIpv6(addr, a)) {
                throw new IllegalArgumentException(bad);
            }
            int bits = 128;
            if (mask != null) {
                bits = mask.isEmpty() || !mask.chars().allMatch(Character::isDigit) || mask.length() > 3
                        ? -1 : Integer.parseInt(mask);
                if (bits < 0 || bits > 128) {
                    throw new IllegalArgumentException(bad);
                }
            }
            byte[] m = new byte[16];
            Inet.mask6OfBits(bits, m);
            for (int i = 0; i < 16; i++) {
                a[i] &= m[i];
            }
            return new CompiledPattern(entry, value, null, 0, 0, 0, 0, a, bits, null, null);
        }
        long v4 = Inet.parseIpv4(addr, 0, addr.length(), true);
        if (v4 < 0) {
            v4 = noDns ? -1 : resolve(addr);
            if (v4 < 0) {
                throw new IllegalArgumentException(bad);
            }
        }
        int m = -1;
        if (mask != null) {
            if (mask.indexOf('.') >= 0) {
                long dotted = Inet.parseIpv4(mask);
                if (dotted < 0) {
                    throw new IllegalArgumentException(bad);
                }
                m = (int) dotted;
            } else {
                int bits = mask.isEmpty() || !mask.chars().allMatch(Character::isDigit) || mask.length() > 2
                        ? -1 : Integer.parseInt(mask);
                if (bits < 0 || bits > 32) {
                    throw new IllegalArgumentException(bad);
                }
                m = Inet.maskOfBits(bits);
            }
        }
        return new CompiledPattern(entry, value, null, 0, 0, (int) v4 & m, m, null, 0, null, null);
    }

    /** Resolves a host name to its first IPv4 address (configuration time only), or -1. */
    private static long resolve(String host) {
        if (host.isEmpty()) {
            return -1;
        }
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (a instanceof Inet4Address) {
                    byte[] b = a.getAddress();
                    return ((b[0] & 0xffL) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
                }
            }
        } catch (UnknownHostException | SecurityException e) {
            return -1;
        }
        return -1;
    }
}
