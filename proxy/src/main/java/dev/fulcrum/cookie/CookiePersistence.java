package dev.fulcrum.cookie;

import dev.fulcrum.config.ProxyConfig;
import dev.fulcrum.http.HttpHeaders;
import dev.fulcrum.proxy.Mode;
import dev.fulcrum.proxy.ProxySettings;
import dev.fulcrum.server.Server;

import java.util.List;

/**
 * A backend's cookie persistence at runtime (HAProxy's client- and server-side
 * cookie management): reads the persistence cookie from requests to pick the
 * server, hides or unwraps it before the server sees it, and on the way back
 * deletes, rewrites or prefixes the server's own cookie of that name and inserts
 * HAProxy's. Immutable and shared by all event loops; the per-request state
 * lives in a {@link CookieTxn}.
 */
public final class CookiePersistence {

    /** Separates the server's identifier from the application's value in prefix mode. */
    private static final char PREFIX_DELIMITER = '~';
    /** Separates the server's identifier from the dates ({@code maxidle}, {@code maxlife}). */
    private static final char DATE_DELIMITER = '|';

    private final CookieSpec spec;
    private final Server[] servers;
    /** Each server's cookie value, null when it has none (same index as {@link #servers}). */
    private final String[] values;
    /** {@code ; path=/} and the configured attributes, appended to every inserted cookie. */
    private final String insertedSuffix;
    private final String removalCookie;

    private CookiePersistence(CookieSpec spec, List<Server> servers) {
        this.spec = spec;
        this.servers = servers.toArray(Server[]::new);
        this.values = new String[this.servers.length];
        for (int i = 0; i < values.length; i++) {
            String v = this.servers[i].config().get(CookieSettings.SERVER_COOKIE);
            values[i] = v.isEmpty() ? null : v;
        }
        StringBuilder attrs = new StringBuilder();
        for (String d : spec.domains()) {
            attrs.append("; domain=").append(d);
        }
        if (spec.httponly()) {
            attrs.append("; HttpOnly");
        }
        if (spec.secure()) {
            attrs.append("; Secure");
        }
        for (String a : spec.attrs()) {
            attrs.append("; ").append(a);
        }
        this.insertedSuffix = "; path=/" + attrs;
        // a server without a cookie value makes the client forget the one it has
        this.removalCookie = spec.name() + "=; Expires=Thu, 01-Jan-1970 00:00:01 GMT; path=/" + attrs;
    }

    /** The backend's cookie persistence, or {@code null} when it has no {@code cookie} or is not in HTTP mode. */
    public static CookiePersistence of(ProxyConfig config, List<Server> servers) {
        CookieSpec spec = config.get(CookieSettings.COOKIE);
        if (spec == null || config.get(ProxySettings.MODE) != Mode.HTTP) {
            return null;
        }
        return new CookiePersistence(spec, servers);
    }

    public CookieSpec spec() {
        return spec;
    }

    private String valueOf(Server s) {
        for (int i = 0; i < servers.length; i++) {
            if (servers[i] == s) {
                return values[i];
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ requests

    /**
     * Reads the request's {@code Cookie} headers: finds the first server whose
     * value the persistence cookie carries and that may take persistent traffic
     * (or any matching one when {@code persistAnyway}: {@code option persist} or a
     * {@code force-persist} condition), records it in {@code txn}, and removes the
     * cookie (insert + indirect) or its prefix (prefix mode) from what the server
     * will see. {@code assigned}: a use-server rule chose the server already (it
     * comes first in HAProxy), so the cookie only gets logged as unused.
     */
    public void onRequest(HttpHeaders headers, CookieTxn txn, boolean ignore, boolean persistAnyway,
                          boolean assigned) {
        txn.ignored = ignore;
        txn.assigned = assigned;
        for (int i = 0; i < headers.size(); i++) {
            if (!headers.name(i).equalsIgnoreCase("cookie")) {
                continue;
            }
            String rewritten = requestHeader(headers.value(i), txn, persistAnyway);
            if (rewritten == null) {
                continue;
            }
            if (rewritten.isEmpty()) {
                headers.removeAt(i--);
            } else {
                headers.setValue(i, rewritten);
            }
        }
    }

    /** One Cookie header; returns its new value, or {@code null} when it stays as it is. */
    private String requestHeader(String header, CookieTxn txn, boolean persistAnyway) {
        StringBuilder kept = null;
        int start = 0;
        int n = header.length();
        while (start <= n) {
            int end = header.indexOf(';', start);
            if (end < 0) {
                end = n;
            }
            String cookie = header.substring(start, end).trim();
            String replacement = cookie;
            int eq = cookie.indexOf('=');
            if (eq > 0 && cookie.substring(0, eq).trim().equals(spec.name())) {
                String r = persistenceCookie(cookie.substring(0, eq).trim(), cookie.substring(eq + 1).trim(),
                        txn, persistAnyway);
                if (r != null) {
                    replacement = r;
                }
            }
            if (replacement != cookie && kept == null) {
                kept = new StringBuilder(n);
                appendKept(kept, header.substring(0, start));
            }
            if (kept != null && replacement != null && !replacement.isEmpty()) {
                if (!kept.isEmpty()) {
                    kept.append("; ");
                }
                kept.append(replacement);
            }
            start = end + 1;
        }
        return kept == null ? null : kept.toString();
    }

    /**
     * The dates after the server's identifier ({@code c1|<last>|<first>}), then
     * the {@code maxlife} and {@code maxidle} checks: a cookie too old ({@code O})
     * or idle too long ({@code E}), or dated more than a day ahead, is ignored as
     * if absent. Returns where the identifier ends (0 when ignored).
     */
    private int readDates(String value, CookieTxn txn) {
        int bar = value.indexOf(DATE_DELIMITER);
        if (bar < 0) {
            return value.length();
        }
        txn.lastDate = CookieDate.parse(value, bar + 1);
        int bar2 = value.indexOf(DATE_DELIMITER, bar + 1);
        txn.firstDate = bar2 >= 0 && value.length() - bar2 > CookieDate.LENGTH ? CookieDate.parse(value, bar2 + 1) : 0;
        long now = System.currentTimeMillis() / 1000;
        char stale = tooOld(txn.firstDate, spec.maxlife(), now) ? 'O' : tooOld(txn.lastDate, spec.maxidle(), now) ? 'E'
                : 0;
        if (stale == 0) {
            return bar;
        }
        txn.requestFlag = stale;
        txn.lastDate = txn.firstDate = 0;
        return 0;
    }

    /** Whether {@code date} is past {@code limit} seconds, or more than a day ahead; never without a limit. */
    private static boolean tooOld(long date, long limit, long now) {
        return date != 0 && limit > 0 && (now - date > limit || date - now > 86_400);
    }

    /** The cookies before the first changed one, as they were, trimmed of their trailing separator. */
    private static void appendKept(StringBuilder out, String before) {
        String b = before.strip();
        if (b.endsWith(";")) {
            b = b.substring(0, b.length() - 1).strip();
        }
        out.append(b);
    }

    /**
     * The persistence cookie {@code name=value}: returns what the server gets
     * instead ("" for nothing), or {@code null} when it gets it unchanged.
     */
    private String persistenceCookie(String name, String value, CookieTxn txn, boolean persistAnyway) {
        int delim = value.length();
        if (spec.mode() == CookieSpec.Mode.PREFIX) {
            int d = value.indexOf(PREFIX_DELIMITER);
            if (d >= 0) {
                delim = d;
            }
        } else {
            delim = readDates(value, txn);
        }
        boolean found = false;
        boolean assigned = txn.server != null || txn.assigned;
        if (delim > 0 && !txn.ignored && !assigned) {
            for (int i = 0; i < servers.length; i++) {
                String v = values[i];
                if (v == null || v.length() != delim || !value.startsWith(v)) {
                    continue;
                }
                Server s = servers[i];
                boolean up = s.acceptsPersistent();
                if (up || persistAnyway) {
                    txn.requestFlag = up ? 'V' : 'D';
                    txn.server = s;
                    found = true;
                    break;
                }
                txn.requestFlag = 'D';
            }
        }
        if (!found && txn.requestFlag != 'D' && txn.requestFlag != 'E' && txn.requestFlag != 'O') {
            txn.requestFlag = txn.ignored || assigned ? 'U' : 'I';
        }
        if (spec.mode() == CookieSpec.Mode.PREFIX && delim != value.length()) {
            return name + "=" + value.substring(delim + 1);
        }
        if (spec.mode() == CookieSpec.Mode.INSERT && spec.indirect()) {
            return "";
        }
        return null;
    }

    // ------------------------------------------------------------------ responses

    /**
     * Whether the cookie of a client that stays on its server is written again:
     * its last date is missing under {@code maxidle} or behind now, or its first
     * date is missing under {@code maxlife} or there without it.
     */
    private boolean refreshes(CookieTxn txn, long now) {
        return (spec.maxidle() > 0 || txn.lastDate != 0) && (txn.lastDate == 0 || txn.lastDate < now)
                || spec.maxlife() > 0 && txn.firstDate == 0 || spec.maxlife() == 0 && txn.firstDate != 0;
    }

    /** The inserted cookie: the server's value, then under maxidle/maxlife now and the first visit's date. */
    private String inserted(String srvValue, CookieTxn txn, long now) {
        if (spec.maxidle() == 0 && spec.maxlife() == 0) {
            return spec.name() + "=" + srvValue + insertedSuffix;
        }
        StringBuilder b = new StringBuilder(spec.name().length() + srvValue.length() + 13 + insertedSuffix.length());
        b.append(spec.name()).append('=').append(srvValue).append(DATE_DELIMITER);
        CookieDate.append(b, CookieDate.nowUnits(now));
        if (spec.maxlife() > 0) {
            b.append(DATE_DELIMITER);
            CookieDate.append(b, txn.firstDate != 0 ? txn.firstDate >> 2 : CookieDate.nowUnits(now));
        }
        return b.append(insertedSuffix).toString();
    }

    /**
     * Works on a server's response head: the server's own persistence cookie is
     * kept ({@code preserve}), deleted (insert mode, or indirect on a direct
     * access), rewritten or prefixed; then, in insert mode, HAProxy's cookie is
     * added unless the client already came with the right one, with
     * {@code Cache-control: private} when {@code nocache} and the response is
     * cacheable.
     *
     * @param direct the server was chosen by the cookie (or a use-server rule),
     *               not by the balancer
     */
    public void onResponse(HttpHeaders headers, CookieTxn txn, Server server, boolean direct, String method,
                           int status) {
        String srvValue = valueOf(server);
        boolean found = false;
        if (!txn.ignored) {
            for (int i = 0; i < headers.size(); i++) {
                if (!headers.name(i).equalsIgnoreCase("set-cookie")) {
                    continue;
                }
                String v = headers.value(i);
                int semi = v.indexOf(';');
                int end = semi < 0 ? v.length() : semi;
                int eq = v.indexOf('=');
                if (eq < 0 || eq > end || !v.substring(0, eq).trim().equals(spec.name())) {
                    continue;
                }
                found = true;
                txn.responseFlag = 'P';
                if (spec.preserve()) {
                    continue;
                }
                if (spec.mode() == CookieSpec.Mode.INSERT || direct && spec.indirect()) {
                    headers.removeAt(i--);
                    txn.responseFlag = 'D';
                } else if (srvValue != null && spec.mode() == CookieSpec.Mode.REWRITE) {
                    headers.setValue(i, v.substring(0, eq).trim() + "=" + srvValue + v.substring(end));
                    txn.responseFlag = 'R';
                } else if (srvValue != null && spec.mode() == CookieSpec.Mode.PREFIX) {
                    headers.setValue(i, v.substring(0, eq).trim() + "=" + srvValue + PREFIX_DELIMITER
                            + v.substring(eq + 1, end).trim() + v.substring(end));
                    txn.responseFlag = 'R';
                }
            }
        }
        long now = System.currentTimeMillis() / 1000;
        if (spec.mode() != CookieSpec.Mode.INSERT || txn.ignored || direct && !refreshes(txn, now)
                || found && spec.preserve() || spec.postonly() && !method.equals("POST")) {
            return;
        }
        headers.add("set-cookie", srvValue == null ? removalCookie : inserted(srvValue, txn, now));
        // the client keeps its server and only gets new dates: "updated"
        txn.responseFlag = srvValue != null && direct ? 'U' : 'I';
        if (spec.nocache() && Cacheability.cacheable(method, status, headers)) {
            headers.add("cache-control", "private");
        }
    }
}
