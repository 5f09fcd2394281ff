package dev.fulcrum.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * HAProxy's built-in error responses, byte for byte. They exist in two forms on
 * the wire: errors raised while the request head is still being read (400, 408)
 * are sent as written here, original header case and {@code Connection: close}
 * included; errors produced for a parsed request go through the normal response
 * path, which lower-cases header names and manages the Connection header.
 */
public final class ErrorPages {

    /**
     * A canned response: its status line, header fields and body.
     *
     * @param version the version written in the page (custom files may say HTTP/1.0)
     */
    public record Page(int status, String reason, String[][] headers, byte[] body, String version) {

        public Page(int status, String reason, String[][] headers, byte[] body) {
            this(status, reason, headers, body, H1Parser.HTTP_1_1);
        }

        /** Whether the page delimits its body; without a length the connection must close after it. */
        public boolean hasLength() {
            for (String[] h : headers) {
                if (h[0].equalsIgnoreCase("content-length") || h[0].equalsIgnoreCase("transfer-encoding")) {
                    return true;
                }
            }
            return body.length == 0 && status != 200;
        }

        /**
         * Whether this page came from an empty error file: HAProxy then answers
         * nothing and closes the connection (its documented {@code errorfile 408
         * /dev/null} idiom).
         */
        public boolean silent() {
            return version.isEmpty();
        }

        /** Whether the page says {@code Connection: close}, which makes HAProxy close after sending it. */
        public boolean closes() {
            for (String[] h : headers) {
                if (h[0].equalsIgnoreCase("connection") && h[1].equalsIgnoreCase("close")) {
                    return true;
                }
            }
            return false;
        }

        /** The page exactly as HAProxy writes it when no stream exists yet. */
        public byte[] raw() {
            StringBuilder b = new StringBuilder(128 + body.length);
            b.append(version).append(' ').append(status).append(' ').append(reason).append("\r\n");
            for (String[] h : headers) {
                b.append(h[0]).append(": ").append(h[1]).append("\r\n");
            }
            b.append("\r\n");
            byte[] head = b.toString().getBytes(StandardCharsets.ISO_8859_1);
            byte[] out = new byte[head.length + body.length];
            System.arraycopy(head, 0, out, 0, head.length);
            System.arraycopy(body, 0, out, head.length, body.length);
            return out;
        }

        /** A response head for the stream path (header names lower-cased, no Connection field). */
        public HttpResponseHead head() {
            HttpHeaders h = new HttpHeaders(4);
            for (String[] f : headers) {
                if (!f[0].equalsIgnoreCase("connection")) {
                    h.add(f[0], f[1]);
                }
            }
            return new HttpResponseHead(version, status, reason, h);
        }
    }

    private static final Map<Integer, Page> PAGES = Map.ofEntries(
            page(200, "OK", "Service ready.", false),
            page(400, "Bad request", "Your browser sent an invalid request.", true),
            page(401, "Unauthorized", "You need a valid user and password to access this content.", false),
            page(403, "Forbidden", "Request forbidden by administrative rules.", false),
            page(404, "Not Found", "The resource could not be found.", false),
            page(405, "Method Not Allowed",
                    "A request was made of a resource using a request method not supported by that resource", false),
            page(407, "Unauthorized", "You need a valid user and password to access this content.", false),
            page(408, "Request Time-out", "Your browser didn't send a complete request in time.", true),
            page(410, "Gone", "The resource is no longer available and will not be available again.", false),
            page(413, "Payload Too Large", "The request entity exceeds the maximum allowed.", false),
            page(421, "Misdirected Request", "Request sent to a non-authoritative server.", false),
            page(422, "Unprocessable Content", "The server cannot process the contained instructions.", false),
            page(425, "Too Early", "Your browser sent early data.", false),
            page(429, "Too Many Requests", "You have sent too many requests in a given amount of time.", false),
            page(500, "Internal Server Error", "An internal server error occurred.", false),
            page(501, "Not Implemented",
                    "The server does not support the functionality required to fulfill the request.", false),
            page(502, "Bad Gateway", "The server returned an invalid or incomplete response.", false),
            page(503, "Service Unavailable", "No server is available to handle this request.", false),
            page(504, "Gateway Time-out", "The server didn't respond in time.", false));

    private ErrorPages() {
    }

    private static Map.Entry<Integer, Page> page(int status, String reason, String text, boolean close) {
        byte[] body = ("<html><body><h1>" + status + " " + reason + "</h1>\n" + text + "\n</body></html>\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        String[][] headers = close
                ? new String[][]{{"Content-length", Integer.toString(body.length)}, {"Cache-Control", "no-cache"},
                {"Connection", "close"}, {"Content-Type", "text/html"}}
                : new String[][]{{"Content-length", Integer.toString(body.length)}, {"Cache-Control", "no-cache"},
                {"Content-Type", "text/html"}};
        return Map.entry(status, new Page(status, reason, headers, body));
    }

    /** The built-in page for {@code status}, or {@code null} when HAProxy has none. */
    public static Page get(int status) {
        return PAGES.get(status);
    }

    /**
     * Reads an error file: a complete HTTP response (status line, headers, body),
     * as {@code errorfile} takes it, or nothing at all (a {@link Page#silent() silent} page).
     * Returns the page or throws with HAProxy's wording.
     */
    public static Page parseFile(byte[] content, String fileName, int expectedStatus) {
        if (content.length == 0) {
            return new Page(expectedStatus, "", new String[0][], content, "");
        }
        int end = H1Parser.findHeadEnd(content, 0, content.length);
        if (end < 0) {
            throw new IllegalArgumentException("'" + fileName + "': unable to parse headers (error offset: 0)");
        }
        H1Head info = new H1Head();
        HttpResponseHead head;
        try {
            head = H1Parser.parseResponse(content, end, info);
        } catch (H1ParseError e) {
            throw new IllegalArgumentException("'" + fileName + "': unable to parse headers (error offset: "
                    + e.offset() + ")");
        }
        HttpHeaders h = head.headers();
        String[][] fields = new String[h.size()][];
        for (int i = 0; i < h.size(); i++) {
            fields[i] = new String[]{h.name(i), h.value(i)};
        }
        byte[] body = java.util.Arrays.copyOfRange(content, end, content.length);
        return new Page(head.status(), head.reason(), fields, body, head.version());
    }

    /** The page {@code errorloc302/303} send: an empty redirect to {@code url}. */
    public static Page redirect(int code, String url) {
        String reason = code == 303 ? "See Other" : "Found";
        return new Page(code, reason, new String[][]{{"cache-control", "no-cache"}, {"content-length", "0"},
                {"location", url}}, new byte[0]);
    }

    /** Whether HAProxy has a built-in page for this status (and so accepts it in errorfile etc.). */
    public static boolean has(int status) {
        return PAGES.containsKey(status);
    }
}
