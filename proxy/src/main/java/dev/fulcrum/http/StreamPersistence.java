package dev.fulcrum.http;

import dev.fulcrum.backend.Backend;
import dev.fulcrum.cookie.CookieSpec;
import dev.fulcrum.server.Server;
import dev.fulcrum.stick.Persistence;
import dev.fulcrum.stick.StickRule;
import dev.fulcrum.stick.StickSettings;

import java.util.List;

/**
 * The persistence hooks of a stream: the backend's {@code stick} match and store
 * rules, and its persistence cookie ({@code cookie}) read from the request and
 * set in the response.
 *
 * <p>A step of {@link HttpStream}, stateless: what persistence decides is kept
 * in the stream (its dispatch and cookie transaction).
 */
final class StreamPersistence {

    private StreamPersistence() {
    }

    /**
     * The backend's stick match rules: a server they name takes the request if it
     * accepts persistent traffic, or under {@code option persist} or {@code force-persist}.
     */
    static void stickRequest(HttpStream s, StreamContext c) {
        List<StickRule> rules = s.be.config().get(StickSettings.STICK_RULES);
        if (rules.isEmpty()) {
            return;
        }
        Server srv = Persistence.request(rules, c, c.scratch(), s.be.servers(), c.stickCounters());
        if (srv != null && (srv.acceptsPersistent() || s.be.config().get(StickSettings.PERSIST)
                || s.be.rules().forcesPersistence(c))) {
            s.dispatch.stickTo(srv);
        }
    }

    /** The backend's stick store rules, once {@code srv} answered. */
    static void stickResponse(HttpStream s, StreamContext c, Server srv) {
        List<StickRule> rules = s.be.config().get(StickSettings.STICK_RULES);
        if (!rules.isEmpty()) {
            Persistence.response(rules, c, c.scratch(), srv, c.stickCounters());
        }
    }

    /**
     * The backend's persistence cookie in the request: the server it designates,
     * and what the server sees of it. {@code ruled}: a use-server rule chose the
     * server first. {@code option persist} and {@code force-persist} let the
     * cookie reach a server that is down.
     */
    static void readPersistenceCookie(HttpStream s, Backend be, boolean ruled) {
        s.cookie = new dev.fulcrum.cookie.CookieTxn();
        int persist = be.rules().persistence(s.context());
        be.cookies.onRequest(s.req.headers(), s.cookie, persist < 0,
                persist > 0 || be.config().get(StickSettings.PERSIST), ruled);
    }

    /**
     * A deny or tarpit rule stopped the request: HAProxy still reads its
     * persistence cookie then, so that the log says what the cookie was and the
     * server it designated.
     */
    static void readCookieForLog(HttpStream s) {
        Backend be = cookieBackend(s);
        if (s.cookie == null && be != null && be.cookies != null) {
            readPersistenceCookie(s, be, false);
        }
    }

    /**
     * The backend whose cookie the stream logs: its backend, or before one is
     * chosen, the proxy itself when it is a {@code listen} (HAProxy's stream
     * backend starts as the frontend).
     */
    private static Backend cookieBackend(HttpStream s) {
        if (s.be != null) {
            return s.be;
        }
        Backend self = s.fe.backendByDefault();
        return self != null && self.config() == s.fe.config() ? self : null;
    }

    /** The backend's persistence cookie in the response {@code srv} sent: inserted, rewritten or removed. */
    static void cookieResponse(HttpStream s, HttpResponseHead head, Server srv) {
        if (s.cookie != null) {
            s.be.cookies.onResponse(head.headers(), s.cookie, srv, s.dispatch.direct(), s.req.method(), s.status);
        }
    }

    /** The server the persistence cookie designates, once: a redispatch goes through the balancer. */
    static Server persistentServer(HttpStream s) {
        return s.cookie != null ? s.cookie.takeServer() : null;
    }

    /**
     * The 3rd character of the termination state: what the client's persistence
     * cookie did, {@code N} when the request never got to the cookie, {@code -}
     * when the backend does not write one (no mode: HAProxy logs nothing then).
     */
    static char cookieFlag(HttpStream s) {
        if (!writesCookie(s)) {
            return Termination.NONE;
        }
        return s.cookie != null ? s.cookie.requestFlag() : 'N';
    }

    /** The 4th character: what was done to the server's persistence cookie, as {@link #cookieFlag}. */
    static char setCookieFlag(HttpStream s) {
        if (!writesCookie(s)) {
            return Termination.NONE;
        }
        return s.cookie != null ? s.cookie.responseFlag() : 'N';
    }

    /** Whether the stream's backend inserts, rewrites or prefixes a cookie (HAProxy's PR_CK_ANY). */
    private static boolean writesCookie(HttpStream s) {
        Backend be = cookieBackend(s);
        return be != null && be.cookies != null && be.cookies.spec().mode() != CookieSpec.Mode.PASSIVE;
    }

    /** The server the cookie of a denied request designated, for the log; else {@code null}. */
    static Server designatedServer(HttpStream s) {
        return s.cookie != null ? s.cookie.designated() : null;
    }
}
