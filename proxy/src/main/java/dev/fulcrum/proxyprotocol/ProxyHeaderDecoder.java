package dev.fulcrum.proxyprotocol;

import io.netty.buffer.ByteBuf;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * Reads a PROXY protocol header (v1 text or v2 binary, HAProxy's
 * proxy-protocol.txt) from the first bytes of a connection, the way haproxy 2.6
 * accepts them: it waits while what arrived could still become a header, and
 * fails with the reason haproxy logs otherwise. TLVs of v2 headers are walked
 * within their bounds; the authority and unique-id ones are kept, a CRC32C one
 * is checked, the others are skipped.
 */
public final class ProxyHeaderDecoder {

    /** The v2 signature: {@code \r\n\r\n\0\r\nQUIT\n}. */
    static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    static final int V2_HEADER_LENGTH = 16;
    /** The longest v1 line, CRLF included. */
    static final int V1_MAX_LENGTH = 107;

    static final int TLV_AUTHORITY = 0x02;
    static final int TLV_CRC32C = 0x03;
    static final int TLV_UNIQUE_ID = 0x05;

    private static final int AUTHORITY_MAX = 255;
    private static final int UNIQUE_ID_MAX = 128;

    /** What {@link #decode} found. */
    public sealed interface Result {
    }

    /** Not enough bytes yet: wait for more. */
    public record NeedMore() implements Result {
    }

    /**
     * Not a valid header: the connection must be closed.
     *
     * @param source the client address of a v2 header whose TLVs were wrong (haproxy
     *               has taken it by then and logs it), else {@code null}
     */
    public record Failed(ProxyError error, InetSocketAddress source) implements Result {
        public Failed(ProxyError error) {
            this(error, null);
        }
    }

    /** A header of {@code length} bytes. */
    public record Decoded(ProxyHeader header, int length) implements Result {
    }

    private static final NeedMore NEED_MORE = new NeedMore();

    private ProxyHeaderDecoder() {
    }

    /** Looks at the readable bytes of {@code in} without consuming them. */
    public static Result decode(ByteBuf in) {
        int start = in.readerIndex();
        int n = in.readableBytes();
        if (n < 6) {
            return NEED_MORE;
        }
        if (matches(in, start, "PROXY ")) {
            return v1(in, start, n);
        }
        if (n < V2_HEADER_LENGTH) {
            return NEED_MORE; // haproxy judges nothing but "PROXY " before it has the 16 bytes of a v2 header
        }
        for (int i = 0; i < V2_SIGNATURE.length; i++) {
            if (in.getByte(start + i) != V2_SIGNATURE[i]) {
                return new Failed(ProxyError.NOT_HEADER);
            }
        }
        return v2(in, start, n);
    }

    private static boolean matches(ByteBuf in, int at, String text) {
        for (int i = 0; i < text.length(); i++) {
            if (in.getByte(at + i) != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ v1

    private static Result v1(ByteBuf in, int start, int n) {
        int limit = Math.min(n, V1_MAX_LENGTH);
        int cr = -1;
        for (int i = start; i < start + limit - 1; i++) {
            if (in.getByte(i) == '\r' && in.getByte(i + 1) == '\n') {
                cr = i;
                break;
            }
        }
        if (cr < 0) {
            return n >= V1_MAX_LENGTH ? new Failed(ProxyError.BAD_HEADER) : NEED_MORE;
        }
        String line = in.toString(start + 6, cr - start - 6, StandardCharsets.ISO_8859_1);
        int length = cr + 2 - start;
        if (line.startsWith("UNKNOWN")) {
            return new Decoded(new ProxyHeader(1, null, null, null, null), length);
        }
        boolean v4 = line.startsWith("TCP4 ");
        if (!v4 && !line.startsWith("TCP6 ")) {
            return new Failed(ProxyError.BAD_PROTOCOL);
        }
        String[] f = line.substring(5).split(" ", -1);
        if (f.length != 4) {
            return new Failed(ProxyError.BAD_HEADER);
        }
        InetAddress src = v4 ? ipv4(f[0]) : ipv6(f[0]);
        InetAddress dst = v4 ? ipv4(f[1]) : ipv6(f[1]);
        int sport = port(f[2]);
        int dport = port(f[3]);
        if (src == null || dst == null || sport < 0 || dport < 0) {
            return new Failed(ProxyError.BAD_HEADER);
        }
        return new Decoded(new ProxyHeader(1, new InetSocketAddress(src, sport), new InetSocketAddress(dst, dport),
                null, null), length);
    }

    /**
     * A dotted quad as haproxy's v1 parser reads it: four runs of digits, each
     * shifted in over the previous ones without a range check (so "300.0.2.1"
     * is 44.0.2.1, as haproxy 2.6 logs it).
     */
    static InetAddress ipv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        int addr = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 10) {
                return null;
            }
            long v = 0;
            for (int i = 0; i < p.length(); i++) {
                char c = p.charAt(i);
                if (c < '0' || c > '9') {
                    return null;
                }
                v = v * 10 + (c - '0');
            }
            addr = (addr << 8) + (int) v;
        }
        try {
            return InetAddress.getByAddress(new byte[]{(byte) (addr >>> 24), (byte) (addr >>> 16),
                    (byte) (addr >>> 8), (byte) addr});
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static InetAddress ipv6(String s) {
        if (s.isEmpty() || s.indexOf(':') < 0) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
                return null; // a literal only: never a name to resolve
            }
        }
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** A port as haproxy reads it: digits, kept to their low 16 bits (123456 is 57920). */
    private static int port(String s) {
        if (s.isEmpty() || s.length() > 10) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return (int) (v & 0xFFFF);
    }

    // ------------------------------------------------------------------ v2

    private static Result v2(ByteBuf in, int start, int n) {
        int verCmd = in.getUnsignedByte(start + 12);
        int family = in.getUnsignedByte(start + 13);
        int len = in.getUnsignedShort(start + 14);
        int total = V2_HEADER_LENGTH + len;
        if ((verCmd & 0xF0) != 0x20) {
            return new Failed(ProxyError.NOT_HEADER);
        }
        if (n < total) {
            return NEED_MORE;
        }
        int command = verCmd & 0x0F;
        if (command == 0x00) { // LOCAL: the sender's own connection (a health check): addresses stay
            return new Decoded(new ProxyHeader(2, null, null, null, null), total);
        }
        if (command != 0x01) {
            return new Failed(ProxyError.BAD_HEADER);
        }
        InetSocketAddress src = null;
        InetSocketAddress dst = null;
        int tlv;
        try {
            switch (family) {
                case 0x11 -> { // TCP over IPv4
                    if (len < 12) {
                        return new Failed(ProxyError.BAD_HEADER);
                    }
                    src = new InetSocketAddress(InetAddress.getByAddress(bytes(in, start + 16, 4)),
                            in.getUnsignedShort(start + 24));
                    dst = new InetSocketAddress(InetAddress.getByAddress(bytes(in, start + 20, 4)),
                            in.getUnsignedShort(start + 26));
                    tlv = start + 28;
                }
                case 0x21 -> { // TCP over IPv6
                    if (len < 36) {
                        return new Failed(ProxyError.BAD_HEADER);
                    }
                    src = new InetSocketAddress(InetAddress.getByAddress(bytes(in, start + 16, 16)),
                            in.getUnsignedShort(start + 48));
                    dst = new InetSocketAddress(InetAddress.getByAddress(bytes(in, start + 32, 16)),
                            in.getUnsignedShort(start + 50));
                    tlv = start + 52;
                }
                default -> {
                    // PROXY with UNSPEC, UDP or UNIX addresses: haproxy 2.6 refuses the header
                    return new Failed(ProxyError.BAD_HEADER);
                }
            }
        } catch (UnknownHostException e) {
            return new Failed(ProxyError.BAD_HEADER);
        }
        String authority = null;
        String uniqueId = null;
        int end = start + total;
        while (tlv < end) {
            if (tlv + 3 > end) {
                return new Failed(ProxyError.BAD_HEADER, src);
            }
            int type = in.getUnsignedByte(tlv);
            int tlen = in.getUnsignedShort(tlv + 1);
            int value = tlv + 3;
            if (value + tlen > end) {
                return new Failed(ProxyError.BAD_HEADER, src);
            }
            switch (type) {
                case TLV_AUTHORITY -> {
                    if (tlen > AUTHORITY_MAX) {
                        return new Failed(ProxyError.BAD_HEADER, src);
                    }
                    authority = in.toString(value, tlen, StandardCharsets.ISO_8859_1);
                }
                case TLV_UNIQUE_ID -> {
                    if (tlen > UNIQUE_ID_MAX) {
                        return new Failed(ProxyError.BAD_HEADER, src);
                    }
                    uniqueId = in.toString(value, tlen, StandardCharsets.ISO_8859_1);
                }
                case TLV_CRC32C -> {
                    if (tlen != 4 || !crcMatches(in, start, total, value)) {
                        return new Failed(ProxyError.BAD_HEADER, src);
                    }
                }
                default -> {
                    // other TLVs (ALPN, SSL, NETNS, NOOP...) are skipped
                }
            }
            tlv = value + tlen;
        }
        return new Decoded(new ProxyHeader(2, src, dst, authority, uniqueId), total);
    }

    private static byte[] bytes(ByteBuf in, int at, int n) {
        byte[] b = new byte[n];
        in.getBytes(at, b);
        return b;
    }

    /** The CRC32C of the whole header with the checksum's own four bytes taken as zero. */
    private static boolean crcMatches(ByteBuf in, int start, int total, int crcAt) {
        byte[] all = bytes(in, start, total);
        int off = crcAt - start;
        long expected = ((all[off] & 0xFFL) << 24) | ((all[off + 1] & 0xFFL) << 16) | ((all[off + 2] & 0xFFL) << 8)
                | (all[off + 3] & 0xFFL);
        all[off] = all[off + 1] = all[off + 2] = all[off + 3] = 0;
        CRC32C crc = new CRC32C();
        crc.update(all);
        return crc.getValue() == expected;
    }
}
