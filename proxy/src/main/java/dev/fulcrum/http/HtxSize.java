package dev.fulcrum.http;

/**
 * The size HAProxy counts for a message in its logs and statistics ({@code %B},
 * {@code %U}, bytes in/out): not the bytes on the wire but the size of the
 * message in its internal HTX form. Measured on haproxy 2.6: 21 bytes per
 * message, plus the three start-line fields, plus each header's name and value
 * (without separators), the {@code connection} header excepted (HAProxy turns it
 * into flags), plus the body's data bytes.
 */
final class HtxSize {

    static final int MESSAGE_OVERHEAD = 21;

    private HtxSize() {
    }

    static long request(HttpRequestHead h) {
        return MESSAGE_OVERHEAD + h.method().length() + h.uri().length() + h.version().length() + headers(h.headers());
    }

    static long response(HttpResponseHead h) {
        String reason = h.reason();
        return MESSAGE_OVERHEAD + h.version().length() + 3 + (reason == null ? 0 : reason.length())
                + headers(h.headers());
    }

    /** Bytes of an HTX block's index entry, counted for every start line, header and end of headers. */
    private static final int BLOCK = 8;

    /**
     * The room a head takes in HAProxy's HTX buffer (without its fixed overhead,
     * see {@link HeadLimits}): one block for the start line with its three
     * fields, one per header with its name and value, one for the end of headers.
     */
    static int head(String f1, String f2, String f3, HttpHeaders headers) {
        long n = BLOCK + f1.length() + f2.length() + (f3 == null ? 0 : f3.length()) + BLOCK;
        for (int i = 0; i < headers.size(); i++) {
            n += BLOCK + headers.name(i).length() + headers.value(i).length();
        }
        return (int) Math.min(Integer.MAX_VALUE, n);
    }

    private static long headers(HttpHeaders headers) {
        long n = 0;
        for (int i = 0; i < headers.size(); i++) {
            String name = headers.name(i);
            if (name.length() == 10 && name.equalsIgnoreCase("connection")) {
                continue;
            }
            n += name.length() + headers.value(i).length();
        }
        return n;
    }
}
