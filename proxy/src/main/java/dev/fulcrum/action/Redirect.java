package dev.fulcrum.action;

import dev.fulcrum.config.ConfigException;
import dev.fulcrum.http.HttpHeaders;
import dev.fulcrum.http.HttpRequestHead;
import dev.fulcrum.http.HttpResponseHead;
import dev.fulcrum.http.Termination;

import java.util.function.Function;

/**
 * A redirect rule, as {@code redirect}, {@code http-request redirect} and
 * {@code http-response redirect} write it:
 * {@code location|prefix|scheme <fmt> [code <n>] [drop-query] [append-slash]
 * [set-cookie <c>] [clear-cookie <c>] [ignore-empty]}.
 *
 * <p>The response is HAProxy's: an empty body, {@code content-length: 0},
 * {@code location}, {@code cache-control: no-cache} for the temporary codes,
 * then the cookie.
 */
final class Redirect implements HttpAction {

    private enum Type { LOCATION, PREFIX, SCHEME }

    private final Type type;
    private final Fmt target;
    private final int code;
    private final boolean dropQuery;
    private final boolean appendSlash;
    private final boolean ignoreEmpty;
    private final String cookie;

    private Redirect(Type type, Fmt target, int code, boolean dropQuery, boolean appendSlash, boolean ignoreEmpty,
                     String cookie) {
        this.type = type;
        this.target = target;
        this.code = code;
        this.dropQuery = dropQuery;
        this.appendSlash = appendSlash;
        this.ignoreEmpty = ignoreEmpty;
        this.cookie = cookie;
    }

    /**
     * Parses the redirect arguments from {@code rc}'s arguments.
     *
     * @param error how errors are worded by the keyword (the section form and the rule forms differ)
     */
    static Redirect parse(RuleContext rc, Function<String, ConfigException> error) throws ConfigException {
        return parse(rc, error, true);
    }

    /**
     * @param logFormat whether the target is a log-format string: it is in {@code http-request}
     *                  and {@code http-response redirect}, and literal text in the older
     *                  {@code redirect} proxy keyword, as in haproxy
     */
    static Redirect parse(RuleContext rc, Function<String, ConfigException> error, boolean logFormat)
            throws ConfigException {
        Type type = null;
        String target = null;
        int code = 302;
        boolean dropQuery = false;
        boolean appendSlash = false;
        boolean ignoreEmpty = false;
        String cookie = null;
        for (int i = 0; i < rc.argCount(); i++) {
            String w = rc.arg(i);
            switch (w) {
                case "location", "prefix", "scheme" -> {
                    if (i + 1 >= rc.argCount()) {
                        throw error.apply("missing argument for '" + w + "'.");
                    }
                    type = Type.valueOf(w.toUpperCase(java.util.Locale.ROOT));
                    target = rc.arg(++i);
                }
                case "code" -> {
                    if (i + 1 >= rc.argCount()) {
                        throw error.apply("missing argument for '" + w + "'.");
                    }
                    code = (int) dev.fulcrum.config.Units.atol(rc.arg(++i));
                    if (code < 301 || code > 308 || code > 303 && code < 307) {
                        throw error.apply("unsupported HTTP code '" + rc.arg(i) + "'.");
                    }
                }
                case "set-cookie", "clear-cookie" -> {
                    if (i + 1 >= rc.argCount()) {
                        throw error.apply("missing argument for '" + w + "'.");
                    }
                    String c = rc.arg(++i);
                    cookie = w.equals("set-cookie") ? c + "; path=/;" : c + "; path=/; Max-Age=0;";
                }
                case "drop-query" -> dropQuery = true;
                case "append-slash" -> appendSlash = true;
                case "ignore-empty" -> ignoreEmpty = true;
                default -> throw error.apply("expects 'code', 'prefix', 'location', 'scheme', 'set-cookie', "
                        + "'clear-cookie', 'drop-query', 'ignore-empty' or 'append-slash' (was '" + w + "').");
            }
        }
        if (type == null) {
            throw error.apply("redirect type must be set ('location', 'prefix' or 'scheme').");
        }
        return new Redirect(type, logFormat ? rc.format(target) : Fmt.constant(target), code, dropQuery, appendSlash,
                ignoreEmpty, cookie);
    }

    @Override
    public Verdict apply(HttpTxn t) {
        String fmt = target.render(t);
        if (fmt.isEmpty() && ignoreEmpty) {
            return Verdict.CONTINUE;
        }
        StringBuilder loc = new StringBuilder(fmt.length() + 64);
        HttpRequestHead req = t.request();
        if (type == Type.LOCATION) {
            loc.append(fmt);
        } else {
            String path = "/";
            String host = "";
            if (req != null) {
                int s = req.pathStart();
                if (s >= 0) {
                    path = req.uri().substring(s);
                    if (dropQuery) {
                        int q = path.indexOf('?');
                        path = q < 0 ? path : path.substring(0, q);
                    }
                }
                String h = req.headers().get("host");
                host = h == null ? "" : h;
            }
            if (type == Type.PREFIX) {
                if (!fmt.equals("/")) {
                    loc.append(fmt);
                }
            } else {
                loc.append(fmt).append("://").append(host);
            }
            loc.append(path);
            if (appendSlash && !loc.isEmpty() && loc.charAt(loc.length() - 1) != '/') {
                loc.append('/');
            }
        }
        HttpHeaders h = new HttpHeaders(4);
        h.add("content-length", "0");
        h.add("location", loc.toString());
        if (code == 302 || code == 303 || code == 307) {
            h.add("cache-control", "no-cache");
        }
        if (cookie != null) {
            h.add("set-cookie", cookie);
        }
        t.reply(new HttpResponseHead("HTTP/1.1", code, Reasons.of(code), h), EMPTY, Termination.LOCAL);
        if (t.requestHasBody()) {
            t.closeAfterReply(); // haproxy closes after a redirect of a request with a body, even one read in full
        }
        return Verdict.REPLY;
    }

    private static final byte[] EMPTY = new byte[0];
}
