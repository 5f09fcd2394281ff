package dev.fulcrum.sample;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads the first TLS record of a connection (RFC 8446 section 5.1 and 4.1.2) for
 * {@code req.ssl_hello_type}, {@code req.ssl_ver} and {@code req.ssl_sni}. Every
 * offset is bounds-checked: the input is whatever a client sent.
 */
final class TlsHello {

    static final int NEED_MORE = -1;
    static final int INVALID = -2;

    private static final int HANDSHAKE = 22;

    private TlsHello() {
    }

    private static int u8(ByteBuffer b, int i) {
        return b.get(b.position() + i) & 0xff;
    }

    private static int u16(ByteBuffer b, int i) {
        return u8(b, i) << 8 | u8(b, i + 1);
    }

    /** The length of the complete first handshake record, or NEED_MORE / INVALID. */
    private static int record(ByteBuffer b) {
        int n = b.remaining();
        if (n < 5) {
            return NEED_MORE;
        }
        if (u8(b, 0) != HANDSHAKE || u8(b, 1) != 3) {
            return INVALID;
        }
        int len = u16(b, 3);
        if (len < 4) {
            return INVALID;
        }
        return n < 5 + len ? NEED_MORE : len;
    }

    /** The handshake type of a complete first record (1 for a ClientHello), or NEED_MORE / INVALID. */
    static int handshakeType(ByteBuffer b) {
        int len = record(b);
        return len < 0 ? len : u8(b, 5);
    }

    /**
     * The protocol version as HAProxy reports it, major * 65536 + minor: from the
     * record of SSLv3 and later, from the client hello of SSLv2.
     */
    static int version(ByteBuffer b) {
        int n = b.remaining();
        if (n < 5) {
            return NEED_MORE;
        }
        int t = u8(b, 0);
        if (t >= 20 && t <= 23 && u8(b, 1) == 3) {
            return 3 << 16 | u8(b, 2);
        }
        if ((t & 0x80) != 0 && u8(b, 2) == 1) {
            return u8(b, 3) << 16 | u8(b, 4);
        }
        return INVALID;
    }

    /** Whether the buffer may become a parsable hello with more data. */
    static boolean incomplete(ByteBuffer b) {
        return record(b) == NEED_MORE;
    }

    /** The host name of the server_name extension of a ClientHello, or {@code null}. */
    static String serverName(ByteBuffer b) {
        int len = record(b);
        if (len < 0 || u8(b, 5) != 1) {
            return null;
        }
        int end = 5 + len;
        int p = 9;                       // record header (5) + handshake header (4)
        p += 2 + 32;                     // client_version, random
        if (p >= end) {
            return null;
        }
        p += 1 + u8(b, p);               // session id
        if (p + 2 > end) {
            return null;
        }
        p += 2 + u16(b, p);              // cipher suites
        if (p >= end) {
            return null;
        }
        p += 1 + u8(b, p);               // compression methods
        if (p + 2 > end) {
            return null;
        }
        int extEnd = Math.min(end, p + 2 + u16(b, p));
        p += 2;
        while (p + 4 <= extEnd) {
            int type = u16(b, p);
            int elen = u16(b, p + 2);
            p += 4;
            if (p + elen > extEnd) {
                return null;
            }
            if (type == 0 && elen >= 5) {
                int nameType = u8(b, p + 2);
                int nameLen = u16(b, p + 3);
                if (nameType != 0 || p + 5 + nameLen > p + elen) {
                    return null;
                }
                byte[] name = new byte[nameLen];
                b.get(b.position() + p + 5, name);
                return new String(name, StandardCharsets.ISO_8859_1);
            }
            p += elen;
        }
        return null;
    }
}
