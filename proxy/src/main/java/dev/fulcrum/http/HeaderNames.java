package dev.fulcrum.http;

import java.nio.charset.StandardCharsets;

/**
 * Lower-cased names of common header fields, shared so that parsing a typical
 * request allocates no string for its field names.
 */
final class HeaderNames {

    private static final String[] COMMON = {
            "host", "user-agent", "accept", "accept-encoding", "accept-language", "accept-charset",
            "connection", "content-length", "content-type", "transfer-encoding", "cookie", "set-cookie",
            "cache-control", "pragma", "referer", "origin", "authorization", "proxy-authorization",
            "if-modified-since", "if-none-match", "if-match", "if-unmodified-since", "if-range", "range",
            "expect", "upgrade", "keep-alive", "proxy-connection", "te", "trailer", "via",
            "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port", "x-real-ip",
            "x-request-id", "forwarded", "date", "server", "location", "etag", "last-modified", "expires",
            "vary", "age", "content-encoding", "content-language", "content-range", "accept-ranges",
            "access-control-allow-origin", "strict-transport-security", "x-content-type-options",
            "x-frame-options", "www-authenticate", "proxy-authenticate", "retry-after", "alt-svc",
            "sec-websocket-key", "sec-websocket-version", "sec-websocket-accept", "sec-websocket-protocol",
            "sec-websocket-extensions", "dnt", "upgrade-insecure-requests", "sec-fetch-site",
            "sec-fetch-mode", "sec-fetch-dest", "sec-fetch-user", "x-requested-with", "content-disposition",
    };

    private static final int TABLE_SIZE = 512;
    private static final String[] TABLE = new String[TABLE_SIZE];
    private static final byte[][] BYTES = new byte[TABLE_SIZE][];

    static {
        for (String name : COMMON) {
            byte[] b = name.getBytes(StandardCharsets.US_ASCII);
            int slot = slot(b, 0, b.length);
            while (TABLE[slot] != null) {
                slot = (slot + 1) & (TABLE_SIZE - 1);
            }
            TABLE[slot] = name;
            BYTES[slot] = b;
        }
    }

    private HeaderNames() {
    }

    /** The lower-cased name for {@code buf[off..off+len)}, shared when it is a common one. */
    static String lowerName(byte[] buf, int off, int len) {
        int slot = slot(buf, off, len);
        while (TABLE[slot] != null) {
            if (equalsLower(BYTES[slot], buf, off, len)) {
                return TABLE[slot];
            }
            slot = (slot + 1) & (TABLE_SIZE - 1);
        }
        byte[] lower = new byte[len];
        for (int i = 0; i < len; i++) {
            lower[i] = toLower(buf[off + i]);
        }
        return new String(lower, StandardCharsets.ISO_8859_1);
    }

    private static int slot(byte[] b, int off, int len) {
        int h = len;
        for (int i = 0; i < len; i++) {
            h = 31 * h + toLower(b[off + i]);
        }
        return (h ^ (h >>> 9)) & (TABLE_SIZE - 1);
    }

    private static boolean equalsLower(byte[] lower, byte[] buf, int off, int len) {
        if (lower.length != len) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (lower[i] != toLower(buf[off + i])) {
                return false;
            }
        }
        return true;
    }

    private static byte toLower(byte b) {
        return b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
    }
}
