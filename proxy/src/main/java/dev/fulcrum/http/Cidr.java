package dev.fulcrum.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** An IPv4 or IPv6 network ({@code addr[/bits]}), for {@code except} clauses. */
public record Cidr(byte[] network, int bits) {

    public Cidr {
        network = network.clone();
        if (bits < 0 || bits > network.length * 8) {
            throw new IllegalArgumentException("bits: " + bits + " (expected: 0-" + network.length * 8 + ")");
        }
    }

    /** Parses {@code a.b.c.d[/n]}, {@code a.b.c.d/m.m.m.m} or an IPv6 network; literals only. */
    public static Cidr parse(String text) {
        String addr = text;
        String mask = null;
        int slash = text.indexOf('/');
        if (slash >= 0) {
            addr = text.substring(0, slash);
            mask = text.substring(slash + 1);
        }
        byte[] bytes = literal(addr);
        if (bytes == null) {
            throw new IllegalArgumentException("invalid network '" + text + "'");
        }
        int bits = bytes.length * 8;
        if (mask != null) {
            if (mask.indexOf('.') >= 0) {
                byte[] m = literal(mask);
                if (m == null || m.length != 4) {
                    throw new IllegalArgumentException("invalid netmask in '" + text + "'");
                }
                int v = ((m[0] & 0xff) << 24) | ((m[1] & 0xff) << 16) | ((m[2] & 0xff) << 8) | (m[3] & 0xff);
                bits = Integer.bitCount(v);
            } else {
                try {
                    bits = Integer.parseInt(mask);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("invalid netmask in '" + text + "'");
                }
                if (bits < 0 || bits > bytes.length * 8) {
                    throw new IllegalArgumentException("invalid netmask in '" + text + "'");
                }
            }
        }
        return new Cidr(bytes, bits);
    }

    private static byte[] literal(String s) {
        if (s.isEmpty() || !(Character.digit(s.charAt(0), 16) >= 0 || s.charAt(0) == ':')) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
                return null;
            }
        }
        try {
            return InetAddress.getByName(s).getAddress(); // a literal: no lookup happens
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Whether {@code address} (4 or 16 bytes) is in this network; IPv4-mapped IPv6 matches IPv4 networks. */
    public boolean contains(byte[] address) {
        byte[] a = address;
        if (a.length == 16 && network.length == 4 && isV4Mapped(a)) {
            a = Arrays.copyOfRange(a, 12, 16);
        }
        if (a.length != network.length) {
            return false;
        }
        int full = bits / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != network[i]) {
                return false;
            }
        }
        int rest = bits % 8;
        if (rest == 0) {
            return true;
        }
        int m = 0xff << (8 - rest) & 0xff;
        return (a[full] & m) == (network[full] & m);
    }

    private static boolean isV4Mapped(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.bits == bits && Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(network) * 31 + bits;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + bits;
        } catch (UnknownHostException e) {
            return Arrays.toString(network) + "/" + bits;
        }
    }
}
