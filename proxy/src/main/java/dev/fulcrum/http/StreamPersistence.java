package dev.fulcrum.http;

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

    /** The backend's persistence cookie in the request: the server it designates, and what the server sees of it. */
    static void readPersistenceCookie(HttpStream s) {
        s.cookie = new dev.fulcrum.cookie.CookieTxn();
        int persist = s.be.rules().persistence(s.context());
        s.be.cookies.onRequest(s.req.headers(), s.cookie, persist < 0, persist > 0);
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
}
