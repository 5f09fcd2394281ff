package dev.fulcrum.log;

import dev.fulcrum.action.Captures;
import dev.fulcrum.action.HttpTxn;
import dev.fulcrum.http.StreamRecord;
import dev.fulcrum.logformat.LogValueWriter;
import dev.fulcrum.logformat.LogVar;
import dev.fulcrum.logformat.LogVariables;

import java.net.InetSocketAddress;
import java.time.ZoneId;

/**
 * The values of HAProxy's {@code %} variables for one finished stream
 * (configuration.txt 8.2.6), read from its {@link StreamRecord}. One instance
 * per thread, pointed at each record in turn; its date text goes through a
 * reused builder.
 */
final class StreamLogVariables implements LogVariables {

    private final LogDates dates = new LogDates(ZoneId.systemDefault());
    private final StringBuilder text = new StringBuilder(64);
    private StreamRecord r;
    private long logCounter;
    private String hostName = "";
    private long pid;

    /** Points at {@code record}; {@code logCounter} is the frontend's {@code %lc}. */
    StreamLogVariables bind(StreamRecord record, long logCounter, String hostName, long pid) {
        this.r = record;
        this.logCounter = logCounter;
        this.hostName = hostName;
        this.pid = pid;
        return this;
    }

    @Override
    public void write(LogVar var, LogValueWriter out) {
        StreamRecord s = r;
        switch (var) {
            case CLIENT_IP -> address(s.client(), out);
            case CLIENT_PORT -> port(s.client(), out);
            case FRONTEND_IP -> address(s.frontendAddr(), out);
            case FRONTEND_PORT -> port(s.frontendAddr(), out);
            case BACKEND_SOURCE_IP -> address(s.backendSource(), out);
            case BACKEND_SOURCE_PORT -> port(s.backendSource(), out);
            case SERVER_IP -> address(s.serverAddress(), out);
            case SERVER_PORT -> port(s.serverAddress(), out);
            case DATE_TIME -> {
                text.setLength(0);
                dates.millis(s.acceptEpochMillis(), text);
                out.raw(text); // dates are never quoted
            }
            case REQUEST_DATE_TIME -> {
                text.setLength(0);
                dates.millis(s.requestEpochMillis(), text);
                out.raw(text); // dates are never quoted
            }
            case GMT_DATE_TIME -> {
                text.setLength(0);
                dates.gmt(s.acceptEpochMillis(), text);
                out.raw(text); // dates are never quoted
            }
            case REQUEST_GMT_DATE_TIME -> {
                text.setLength(0);
                dates.gmt(s.requestEpochMillis(), text);
                out.raw(text); // dates are never quoted
            }
            case LOCAL_DATE_TIME -> {
                text.setLength(0);
                dates.localWithOffset(s.acceptEpochMillis(), text);
                out.raw(text); // dates are never quoted
            }
            case REQUEST_LOCAL_DATE_TIME -> {
                text.setLength(0);
                dates.localWithOffset(s.requestEpochMillis(), text);
                out.raw(text); // dates are never quoted
            }
            case TIMESTAMP -> out.number(Math.floorDiv(s.acceptEpochMillis(), 1000));
            case ACCEPT_MILLISECONDS -> {
                int ms = (int) Math.floorMod(s.acceptEpochMillis(), 1000);
                text.setLength(0);
                text.append(ms < 100 ? "0" : "").append(ms < 10 ? "0" : "").append(ms);
                out.raw(text);
            }
            case HANDSHAKE_TIME -> out.number(s.th());
            case IDLE_TIME -> out.number(s.ti());
            case REQUEST_RECEIVE_TIME -> out.number(s.tr());
            case REQUEST_HEADERS_TIME -> out.number(s.tr() < 0 ? -1 : s.th() + s.ti() + s.tr());
            case QUEUE_TIME -> out.number(s.tw());
            case CONNECT_TIME -> out.number(s.tc());
            case RESPONSE_TIME -> out.number(s.tResp());
            case ACTIVE_TIME -> out.number(s.ta());
            case TOTAL_TIME -> out.number(s.tt());
            case TOTAL_ACTIVE_TIME -> out.number(s.tt() - s.ti());
            case DATA_TIME -> {
                long tq = s.tr() < 0 ? -1 : s.th() + s.ti() + s.tr();
                out.number(tq < 0 || s.tw() < 0 || s.tc() < 0 || s.tResp() < 0 ? -1
                        : s.tt() - (tq + s.tw() + s.tc() + s.tResp()));
            }
            case STATUS_CODE -> out.number(s.status());
            case BYTES_READ -> out.number(s.bytesOut());
            // haproxy counts its parsed (HTX) bytes: a request that never parsed uploaded nothing
            case BYTES_UPLOADED -> out.number(s.method() == null ? 0 : s.bytesIn());
            case CAPTURED_REQUEST_COOKIE, CAPTURED_RESPONSE_COOKIE -> out.missing();
            case TERMINATION_STATE -> out.raw(s.termination().subSequence(0, 2)); // never quoted
            case TERMINATION_STATE_COOKIE -> out.raw(s.termination());
            case ACTIVE_CONNECTIONS -> out.number(s.actconn());
            case FRONTEND_CONNECTIONS -> out.number(s.feconn());
            case BACKEND_CONNECTIONS -> out.number(s.beconn());
            case SERVER_CONNECTIONS -> out.number(s.srvconn());
            case RETRIES -> {
                if (s.redispatched()) {
                    text.setLength(0);
                    text.append('+').append(s.retries());
                    out.raw(text);
                } else {
                    out.number(s.retries());
                }
            }
            case SERVER_QUEUE -> out.number(s.srvQueue());
            case BACKEND_QUEUE -> out.number(s.backendQueue());
            case CAPTURED_REQUEST_HEADERS -> captures(true, false, out);
            case CAPTURED_REQUEST_HEADERS_CLF -> captures(true, true, out);
            case CAPTURED_RESPONSE_HEADERS -> captures(false, false, out);
            case CAPTURED_RESPONSE_HEADERS_CLF -> captures(false, true, out);
            case HTTP_REQUEST -> {
                if (s.method() == null) {
                    url(s.requestLine(), out); // <BADREQ>
                } else {
                    text.setLength(0);
                    encode(s.method());
                    text.append(' ');
                    encode(s.uri());
                    text.append(' ');
                    encode(s.version());
                    out.string(text);
                }
            }
            // haproxy cuts these out of the request line it logs, so a bad request gives "<BADREQ>" for each
            case HTTP_METHOD, HTTP_URI, HTTP_PATH, HTTP_PATH_ONLY, HTTP_QUERY, HTTP_VERSION -> {
                if (s.method() == null) {
                    url(s.requestLine(), out);
                } else {
                    requestPart(var, s, out);
                }
            }
            case UNIQUE_ID -> out.string(s.uniqueId());
            case BACKEND_NAME -> out.string(s.backend());
            case SERVER_NAME -> out.string(s.server());
            case FRONTEND_NAME -> out.string(s.frontend());
            case FRONTEND_NAME_TRANSPORT -> out.string(s.frontend());
            case PID -> out.number(pid);
            case HOSTNAME -> out.string(hostName);
            case FRONTEND_LOG_COUNTER -> out.number(logCounter);
            case REQUEST_COUNTER -> out.number(s.requestId());
            case SSL_CIPHERS, SSL_VERSION -> out.missing();
            default -> {
            }
        }
    }

    /** A part of a parsed request's line. */
    private void requestPart(LogVar v, StreamRecord s, LogValueWriter out) {
        switch (v) {
            case HTTP_METHOD -> out.string(s.method());
            case HTTP_URI -> url(s.uri(), out);
            case HTTP_PATH -> url(path(s.uri(), false), out);
            case HTTP_PATH_ONLY -> url(path(s.uri(), true), out);
            case HTTP_QUERY -> {
                String u = s.uri();
                int q = u == null ? -1 : u.indexOf('?');
                if (q < 0) {
                    out.empty(); // no query: an empty field, not "-"
                } else {
                    url(u.substring(q), out);
                }
            }
            default -> out.string(s.version());
        }
    }

    /**
     * Writes a request line or a part of the URI as HAProxy logs them: control
     * characters, bytes above 126, {@code "} and {@code #} become {@code #XX}.
     */
    private void url(String v, LogValueWriter out) {
        if (v == null) {
            out.missing();
            return;
        }
        text.setLength(0);
        encode(v);
        out.string(text);
    }

    private void encode(String v) {
        if (v == null) {
            return;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < 32 || c >= 127 || c == '"' || c == '#') {
                text.append('#').append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
            } else {
                text.append(c);
            }
        }
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /**
     * Captured headers as HAProxy writes them: {@code {v1|v2}} ({@code %hr},
     * {@code %hs}), or space-separated values, {@code -} for an empty one, each
     * quoted with {@code +Q} ({@code %hrl}, {@code %hsl}); {@code "#{|}}, control
     * characters and bytes above 126 are written {@code #XX}. Nothing at all when
     * the frontend declares no capture.
     */
    private void captures(boolean request, boolean list, LogValueWriter out) {
        Captures c = r.context() instanceof HttpTxn t ? t.captures() : null;
        int n = c == null ? 0 : request ? c.requestSlots() : c.responseSlots();
        if (n == 0) {
            out.raw(""); // no captures: nothing, not even a placeholder
            return;
        }
        text.setLength(0);
        boolean quote = list && out.quoting();
        if (!list) {
            text.append('{');
        }
        for (int i = 0; i < n; i++) {
            String v = request ? c.request(i) : c.response(i);
            if (i > 0) {
                text.append(list ? ' ' : '|');
            }
            if (quote) {
                text.append('"');
            }
            if (v == null && list && !quote) {
                text.append('-');
            } else if (v != null) {
                for (int k = 0; k < v.length(); k++) {
                    char ch = v.charAt(k);
                    if (ch < 32 || ch >= 127 || ch == '"' || ch == '#' || ch == '{' || ch == '|' || ch == '}') {
                        text.append('#').append(HEX[(ch >> 4) & 0xf]).append(HEX[ch & 0xf]);
                    } else {
                        text.append(ch);
                    }
                }
            }
            if (quote) {
                text.append('"');
            }
        }
        if (!list) {
            text.append('}');
        }
        out.raw(text);
    }

    /** The URI without its query string; {@code onlyPath} also drops an absolute URI's scheme and authority. */
    private static String path(String uri, boolean onlyPath) {
        if (uri == null) {
            return null;
        }
        int q = uri.indexOf('?');
        String p = q < 0 ? uri : uri.substring(0, q);
        if (onlyPath) {
            int scheme = p.indexOf("://");
            if (scheme > 0 && p.indexOf('/') > scheme) {
                int slash = p.indexOf('/', scheme + 3);
                p = slash < 0 ? "/" : p.substring(slash);
            }
        }
        return p;
    }

    private static void address(InetSocketAddress a, LogValueWriter out) {
        out.address(a == null ? null : a.getAddress());
    }

    private static void port(InetSocketAddress a, LogValueWriter out) {
        if (a == null) {
            out.missing();
        } else {
            out.number(a.getPort());
        }
    }
}
