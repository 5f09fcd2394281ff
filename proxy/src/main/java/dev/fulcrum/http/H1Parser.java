package dev.fulcrum.http;

import java.nio.charset.StandardCharsets;

/**
 * Parses HTTP/1 message heads the way HAProxy 2.6 accepts and normalizes them:
 *
 * <ul>
 *   <li>request line: a token method, one or more blanks, a URI of visible ASCII,
 *       blanks, {@code HTTP/x.y}; HTTP/0.9 (no version) is refused, and any version
 *       other than 1.0 is handled and forwarded as HTTP/1.1;</li>
 *   <li>header names are tokens (no blank before the colon), stored lower-case;
 *       values are trimmed, and obsolete line folding is replaced by spaces;</li>
 *   <li>Content-Length values (repeated fields and comma lists) must agree and are
 *       merged into one field; with Transfer-Encoding the length is dropped and the
 *       connection closes after the exchange; a request's Transfer-Encoding must end
 *       with chunked (400), and other codings before it are refused with 422;</li>
 *   <li>the Connection field's {@code close}/{@code keep-alive} tokens are consumed
 *       (removed from the field, which disappears when empty);</li>
 *   <li>a second Host field, or an absolute URI whose authority differs from Host,
 *       is refused.</li>
 * </ul>
 *
 * The input is one complete head (start line to the empty line included) copied
 * into a byte array. Stateless; not allocation-free (strings for the start line
 * and values), but common field names are shared.
 */
public final class H1Parser {

    public static final String HTTP_1_0 = "HTTP/1.0";
    public static final String HTTP_1_1 = "HTTP/1.1";

    private static final boolean[] TOKEN = new boolean[256];

    static {
        for (int c = '0'; c <= '9'; c++) {
            TOKEN[c] = true;
        }
        for (int c = 'a'; c <= 'z'; c++) {
            TOKEN[c] = true;
            TOKEN[c - 32] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TOKEN[c] = true;
        }
    }

    private H1Parser() {
    }

    /**
     * Finds the end of a head in {@code buf[from..to)}: the index just past the empty
     * line, or -1 when it is not complete yet. Accepts CRLF and bare LF line ends.
     * {@code scanStart} lets callers resume where a previous search stopped.
     */
    public static int findHeadEnd(byte[] buf, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] != '\n') {
                continue;
            }
            // an empty line follows this LF: "\n\n" or "\n\r\n"
            if (i + 1 < to && buf[i + 1] == '\n') {
                return i + 2;
            }
            if (i + 2 < to && buf[i + 1] == '\r' && buf[i + 2] == '\n') {
                return i + 3;
            }
        }
        return -1;
    }

    /**
     * Finds the end of a head in a buffer, scanning from {@code from} (a previous
     * scan's resume point) to the writer index. Returns the absolute index just
     * past the empty line, or -1.
     */
    public static int findHeadEnd(io.netty.buffer.ByteBuf buf, int from) {
        int start = Math.max(from, buf.readerIndex());
        int end = buf.writerIndex();
        int i = start;
        while (i < end) {
            int lf = buf.indexOf(i, end, (byte) '\n');
            if (lf < 0) {
                return -1;
            }
            if (lf + 1 < end && buf.getByte(lf + 1) == '\n') {
                return lf + 2;
            }
            if (lf + 2 < end && buf.getByte(lf + 1) == '\r' && buf.getByte(lf + 2) == '\n') {
                return lf + 3;
            }
            if (lf + 2 >= end) {
                return -1;
            }
            i = lf + 1;
        }
        return -1;
    }

    /** Parses a request head occupying {@code buf[0..len)}. */
    public static HttpRequestHead parseRequest(byte[] buf, int len, H1Head info) throws H1ParseError {
        info.reset();
        info.wireLength = len;
        int p = 0;
        while (p < len && (buf[p] == '\r' || buf[p] == '\n')) {
            p++; // empty lines before the request line are ignored (RFC 9112 2.2)
        }
        int methodStart = p;
        while (p < len && TOKEN[buf[p] & 0xff]) {
            p++;
        }
        if (p == methodStart || p >= len || !blank(buf[p])) {
            throw new H1ParseError(400, p, "invalid method");
        }
        String method = method(buf, methodStart, p - methodStart);
        while (p < len && blank(buf[p])) {
            p++;
        }
        int uriStart = p;
        while (p < len && buf[p] > 0x20 && buf[p] < 0x7f) {
            if (buf[p] == '#') {
                // haproxy refuses fragment references unless accept-invalid-http-request
                throw new H1ParseError(400, p, "fragment in URI");
            }
            p++;
        }
        if (p == uriStart) {
            throw new H1ParseError(400, p, "missing URI");
        }
        int uriEnd = p;
        if (p >= len || !blank(buf[p])) {
            // HTTP/0.9 request (no version) or a forbidden byte in the URI
            throw new H1ParseError(400, p, "invalid URI or missing version");
        }
        while (p < len && blank(buf[p])) {
            p++;
        }
        int v = version(buf, p, len);
        if (v < 0) {
            throw new H1ParseError(400, p, "invalid version");
        }
        p += 8;
        p = endOfLine(buf, p, len);
        String uri = new String(buf, uriStart, uriEnd - uriStart, StandardCharsets.ISO_8859_1);
        info.http11 = v != 10;
        HttpHeaders headers = new HttpHeaders(16);
        parseHeaders(buf, p, len, headers, 400);
        HttpRequestHead head = new HttpRequestHead(method, uri, info.http11 ? HTTP_1_1 : HTTP_1_0, headers);
        requestSemantics(head, info);
        return head;
    }

    /** Parses a response head occupying {@code buf[0..len)}; errors are 502. */
    public static HttpResponseHead parseResponse(byte[] buf, int len, H1Head info) throws H1ParseError {
        info.reset();
        info.wireLength = len;
        int p = 0;
        int v = version(buf, p, len);
        if (v < 0) {
            throw new H1ParseError(502, p, "invalid version");
        }
        p += 8;
        if (p >= len || buf[p] != ' ') {
            throw new H1ParseError(502, p, "invalid status line");
        }
        while (p < len && buf[p] == ' ') {
            p++;
        }
        if (p + 3 > len || !digit(buf[p]) || !digit(buf[p + 1]) || !digit(buf[p + 2])) {
            throw new H1ParseError(502, p, "invalid status code");
        }
        int status = (buf[p] - '0') * 100 + (buf[p + 1] - '0') * 10 + (buf[p + 2] - '0');
        p += 3;
        String reason;
        if (p < len && buf[p] == ' ') {
            p++;
            int rs = p;
            while (p < len && buf[p] != '\r' && buf[p] != '\n') {
                p++;
            }
            reason = new String(buf, rs, p - rs, StandardCharsets.ISO_8859_1);
        } else if (p < len && (buf[p] == '\r' || buf[p] == '\n')) {
            reason = "";
        } else {
            throw new H1ParseError(502, p, "invalid status line");
        }
        p = endOfLine(buf, p, len);
        info.http11 = v != 10;
        HttpHeaders headers = new HttpHeaders(16);
        parseHeaders(buf, p, len, headers, 502);
        HttpResponseHead head = new HttpResponseHead(info.http11 ? HTTP_1_1 : HTTP_1_0, status, reason, headers);
        if (status == 204) {
            // a 204 has no body by definition: haproxy drops what would announce one (not for a 304)
            headers.remove("content-length");
            headers.remove("transfer-encoding");
        }
        framing(headers, info, 502, false);
        connectionTokens(headers, info);
        return head;
    }

    /** Returns 10 or 11 (any version but 1.0 counts as 1.1), or -1 when invalid. */
    private static int version(byte[] b, int p, int len) {
        if (p + 8 > len || b[p] != 'H' || b[p + 1] != 'T' || b[p + 2] != 'T' || b[p + 3] != 'P' || b[p + 4] != '/'
                || !digit(b[p + 5]) || b[p + 6] != '.' || !digit(b[p + 7])) {
            return -1;
        }
        int major = b[p + 5] - '0';
        int minor = b[p + 7] - '0';
        if (major == 0) {
            return -1;
        }
        return major == 1 && minor == 0 ? 10 : 11;
    }

    private static int endOfLine(byte[] b, int p, int len) throws H1ParseError {
        if (p < len && b[p] == '\r') {
            p++;
        }
        if (p >= len || b[p] != '\n') {
            throw new H1ParseError(400, p, "garbage at end of start line");
        }
        return p + 1;
    }

    private static void parseHeaders(byte[] b, int p, int len, HttpHeaders out, int status) throws H1ParseError {
        while (p < len) {
            if (b[p] == '\n') {
                return;
            }
            if (b[p] == '\r' && p + 1 < len && b[p + 1] == '\n') {
                return;
            }
            int nameStart = p;
            while (p < len && TOKEN[b[p] & 0xff]) {
                p++;
            }
            if (p == nameStart || p >= len || b[p] != ':') {
                throw new H1ParseError(status, p, "invalid header name");
            }
            String name = HeaderNames.lowerName(b, nameStart, p - nameStart);
            p++;
            while (p < len && blank(b[p])) {
                p++;
            }
            int valueStart = p;
            StringBuilder folded = null;
            int valueEnd;
            while (true) {
                while (p < len && b[p] != '\r' && b[p] != '\n') {
                    if (b[p] == 0) {
                        throw new H1ParseError(status, p, "NUL in header value");
                    }
                    p++;
                }
                int lineEnd = p;
                if (p < len && b[p] == '\r') {
                    p++;
                }
                if (p >= len || b[p] != '\n') {
                    throw new H1ParseError(status, p, "bare CR in header");
                }
                p++;
                if (p < len && blank(b[p])) {
                    // obsolete line folding: the line break becomes spaces, as in HAProxy
                    if (folded == null) {
                        folded = new StringBuilder();
                    }
                    folded.append(new String(b, valueStart, lineEnd - valueStart, StandardCharsets.ISO_8859_1));
                    folded.append(" ".repeat(p - lineEnd));
                    valueStart = p;
                    continue;
                }
                valueEnd = lineEnd;
                break;
            }
            while (valueEnd > valueStart && blank(b[valueEnd - 1])) {
                valueEnd--;
            }
            String value = new String(b, valueStart, valueEnd - valueStart, StandardCharsets.ISO_8859_1);
            if (folded != null) {
                value = folded.append(value).toString().strip();
            }
            if (out.size() >= MAX_HEADERS_HARD) {
                throw new H1ParseError(status, p, "too many headers");
            }
            out.add(name, value);
        }
        throw new H1ParseError(status, p, "truncated head");
    }

    /** A safety bound; the configured tune.http.maxhdr is checked by the caller. */
    private static final int MAX_HEADERS_HARD = 32767;

    private static void requestSemantics(HttpRequestHead head, H1Head info) throws H1ParseError {
        HttpHeaders h = head.headers();
        if (h.count("host") > 1) {
            dropRepeatedHost(h);
        }
        int authority = Uris.pathStart(head.uri());
        if (authority > 0 || (authority < 0 && head.uri().contains("://"))) {
            String host = h.get("host");
            String uriAuthority = uriAuthority(head.uri());
            if (host != null && !host.equalsIgnoreCase(uriAuthority)
                    && !stripDefaultPort(host, true, true).equalsIgnoreCase(stripDefaultPort(uriAuthority, true, true))) {
                throw new H1ParseError(400, 0, "Host header differs from the URI authority");
            }
        }
        framing(h, info, 400, true);
        if (!info.http11 && info.framing == H1Head.Framing.CHUNKED) {
            info.ambiguousLength = true; // an HTTP/1.0 client with a chunked body: close after this exchange
        }
        connectionTokens(h, info);
        if (info.connectionUpgrade && hasToken(h, "upgrade", "websocket") && !hasWebSocketKey(h)) {
            // as HAProxy: a WebSocket handshake must carry a key (24 base64 characters, not decoded)
            throw new H1ParseError(400, 0, "WebSocket upgrade without a valid Sec-WebSocket-Key");
        }
        normalizeDefaultPorts(head);
    }

    /**
     * HAProxy's rule for several Host fields: repeats of the first value (in any
     * case) are dropped, any other value is an error.
     */
    private static void dropRepeatedHost(HttpHeaders h) throws H1ParseError {
        int first = h.indexOf("host", 0);
        String host = h.value(first).strip();
        for (int i = h.indexOf("host", first + 1); i >= 0; i = h.indexOf("host", i)) {
            if (!h.value(i).strip().equalsIgnoreCase(host)) {
                throw new H1ParseError(400, 0, "duplicate Host header");
            }
            h.removeAt(i);
        }
    }

    /** Whether a comma-separated list field named {@code name} holds {@code token} (any case). */
    private static boolean hasToken(HttpHeaders h, String name, String token) {
        for (int i = h.indexOf(name, 0); i >= 0; i = h.indexOf(name, i + 1)) {
            for (String t : h.value(i).split(",")) {
                if (t.strip().equalsIgnoreCase(token)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean hasWebSocketKey(HttpHeaders h) {
        for (int i = h.indexOf("sec-websocket-key", 0); i >= 0; i = h.indexOf("sec-websocket-key", i + 1)) {
            if (h.value(i).strip().length() == 24) {
                return true;
            }
        }
        return false;
    }

    /**
     * HAProxy's scheme-based normalization: an absolute URI naming its scheme's
     * default port ({@code http://a:80/}, {@code https://a:443/}) loses it, and so
     * does a Host field carrying it; a CONNECT's Host loses a default port too.
     */
    private static void normalizeDefaultPorts(HttpRequestHead head) {
        HttpHeaders h = head.headers();
        String uri = head.uri();
        if ("CONNECT".equals(head.method())) {
            String host = h.get("host");
            if (host != null) {
                String stripped = stripDefaultPort(host, true, true);
                if (!stripped.equals(host)) {
                    h.setValue(h.indexOf("host", 0), stripped);
                }
            }
            return;
        }
        int sep = uri.indexOf("://");
        if (sep <= 0) {
            return;
        }
        String scheme = uri.substring(0, sep);
        boolean http = scheme.equalsIgnoreCase("http");
        boolean https = scheme.equalsIgnoreCase("https");
        if (!http && !https) {
            return;
        }
        int authStart = sep + 3;
        int authEnd = authStart;
        while (authEnd < uri.length() && uri.charAt(authEnd) != '/' && uri.charAt(authEnd) != '?') {
            authEnd++;
        }
        String authority = uri.substring(authStart, authEnd);
        String stripped = stripDefaultPort(authority, http, https);
        if (!stripped.equals(authority)) {
            head.uri(uri.substring(0, authStart) + stripped + uri.substring(authEnd));
        }
        int hi = h.indexOf("host", 0);
        if (hi >= 0) {
            String host = h.value(hi);
            String sh = stripDefaultPort(host, http, https);
            if (!sh.equals(host)) {
                h.setValue(hi, sh);
            }
        }
    }

    private static String stripDefaultPort(String authority, boolean http, boolean https) {
        if (http && authority.endsWith(":80")) {
            return authority.substring(0, authority.length() - 3);
        }
        if (https && authority.endsWith(":443")) {
            return authority.substring(0, authority.length() - 4);
        }
        return authority;
    }

    private static String uriAuthority(String uri) {
        int s = uri.indexOf("://") + 3;
        int e = s;
        while (e < uri.length() && uri.charAt(e) != '/' && uri.charAt(e) != '?') {
            e++;
        }
        return uri.substring(s, e);
    }

    private static void framing(HttpHeaders h, H1Head info, int status, boolean request) throws H1ParseError {
        int te = h.indexOf("transfer-encoding", 0);
        long length = -1;
        int firstCl = -1;
        for (int i = h.indexOf("content-length", 0); i >= 0; i = h.indexOf("content-length", i + 1)) {
            if (firstCl < 0) {
                firstCl = i;
            }
            for (String part : h.value(i).split(",", -1)) {
                long n = parseLength(part.strip());
                if (n < 0 || (length >= 0 && n != length)) {
                    throw new H1ParseError(status, 0, "invalid Content-Length");
                }
                length = n;
            }
        }
        if (te >= 0) {
            String codings = String.join(",", h.getAll("transfer-encoding"));
            String[] list = codings.split(",");
            String last = list[list.length - 1].strip();
            if (!last.equalsIgnoreCase("chunked")) {
                // haproxy 2.6 refuses both: a request it cannot delimit, a response it would have to decode
                throw new H1ParseError(request ? 400 : 502, 0, "transfer-encoding does not end with chunked");
            } else {
                if (list.length > 1) {
                    throw new H1ParseError(request ? 422 : 502, 0, "unsupported transfer-coding");
                }
                info.framing = H1Head.Framing.CHUNKED;
            }
            if (firstCl >= 0) {
                h.remove("content-length");
                info.ambiguousLength = true;
            }
            return;
        }
        if (length >= 0) {
            if (h.count("content-length") > 1 || !h.value(firstCl).equals(Long.toString(length))) {
                h.remove("content-length");
                h.add("content-length", Long.toString(length));
            }
            info.contentLength = length;
            info.framing = length == 0 ? H1Head.Framing.NONE : H1Head.Framing.LENGTH;
            return;
        }
        info.framing = request ? H1Head.Framing.NONE : H1Head.Framing.UNTIL_CLOSE;
    }

    private static long parseLength(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return -1;
        }
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** Consumes the close/keep-alive tokens of the Connection field(s). */
    private static void connectionTokens(HttpHeaders h, H1Head info) {
        for (int i = h.indexOf("connection", 0); i >= 0; ) {
            String value = h.value(i);
            StringBuilder kept = null;
            int start = 0;
            boolean changed = false;
            while (start <= value.length()) {
                int comma = value.indexOf(',', start);
                int end = comma < 0 ? value.length() : comma;
                String token = value.substring(start, end).strip();
                if (token.equalsIgnoreCase("close")) {
                    info.connectionClose = true;
                    changed = true;
                } else if (token.equalsIgnoreCase("keep-alive")) {
                    info.connectionKeepAlive = true;
                    changed = true;
                } else if (!token.isEmpty()) {
                    if (token.equalsIgnoreCase("upgrade")) {
                        info.connectionUpgrade = true;
                    }
                    if (kept == null) {
                        kept = new StringBuilder(token);
                    } else {
                        kept.append(", ").append(token);
                    }
                }
                if (comma < 0) {
                    break;
                }
                start = comma + 1;
            }
            if (!changed) {
                i = h.indexOf("connection", i + 1);
            } else if (kept == null) {
                h.removeAt(i);
                i = h.indexOf("connection", i);
            } else {
                h.setValue(i, kept.toString());
                i = h.indexOf("connection", i + 1);
            }
        }
    }

    private static String method(byte[] b, int off, int len) {
        switch (len) {
            case 3:
                if (b[off] == 'G' && b[off + 1] == 'E' && b[off + 2] == 'T') {
                    return "GET";
                }
                if (b[off] == 'P' && b[off + 1] == 'U' && b[off + 2] == 'T') {
                    return "PUT";
                }
                break;
            case 4:
                if (b[off] == 'P' && b[off + 1] == 'O' && b[off + 2] == 'S' && b[off + 3] == 'T') {
                    return "POST";
                }
                if (b[off] == 'H' && b[off + 1] == 'E' && b[off + 2] == 'A' && b[off + 3] == 'D') {
                    return "HEAD";
                }
                break;
            default:
                break;
        }
        return new String(b, off, len, StandardCharsets.ISO_8859_1);
    }

    private static boolean blank(byte c) {
        return c == ' ' || c == '\t';
    }

    private static boolean digit(byte c) {
        return c >= '0' && c <= '9';
    }
}
