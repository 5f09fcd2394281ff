package dev.fulcrum.action;

import dev.fulcrum.config.ConfigException;
import dev.fulcrum.http.ErrorPages;
import dev.fulcrum.http.HttpResponseHead;
import dev.fulcrum.http.Termination;

/**
 * The actions that end rule processing: {@code allow}, {@code deny},
 * {@code tarpit}, {@code reject}, {@code return} and {@code auth}.
 */
final class ReplyActions {

    private ReplyActions() {
    }

    static HttpAction allow(RuleContext rc) throws ConfigException {
        rc.noArgs();
        return t -> Verdict.STOP;
    }

    static HttpAction reject(RuleContext rc) throws ConfigException {
        rc.noArgs();
        return t -> Verdict.REJECT;
    }

    /**
     * {@code deny} (default 403 for requests, 502 for responses) and {@code tarpit}
     * (default 500, sent after {@code timeout tarpit}).
     */
    static HttpAction deny(RuleContext rc, boolean tarpit, int defaultStatus) throws ConfigException {
        HttpReply reply = HttpReply.parse(rc, 0, defaultStatus, true);
        Verdict verdict = tarpit ? Verdict.TARPIT : Verdict.REPLY;
        return t -> {
            reply.send(t, Termination.PROXY);
            t.denied();
            return verdict;
        };
    }

    /** {@code return [status <code>] [content-type <type>] [body] [hdr <name> <fmt>]*}. */
    static HttpAction ret(RuleContext rc) throws ConfigException {
        HttpReply reply = HttpReply.parse(rc, 0, 200, false);
        return t -> {
            reply.send(t, Termination.LOCAL);
            return Verdict.REPLY;
        };
    }

    /**
     * {@code auth [realm <realm>]}: HAProxy's 401 page with a Basic challenge. The
     * realm defaults to the name of the proxy declaring the rule.
     */
    static HttpAction auth(RuleContext rc) throws ConfigException {
        String realm = rc.ctx.proxy().name();
        if (rc.argCount() > 0) {
            if (!rc.arg(0).equals("realm")) {
                throw rc.error("expects only 'realm' argument.");
            }
            if (rc.argCount() < 2) {
                throw rc.error("missing realm value.\n");
            }
            realm = rc.arg(1);
            if (rc.argCount() > 2) {
                throw rc.error("expects only 'realm' argument.");
            }
        }
        String challenge = "Basic realm=\"" + realm + "\"";
        return t -> {
            ErrorPages.Page page = t.errorPage(401);
            HttpResponseHead head = page.head();
            head.headers().add("www-authenticate", challenge);
            t.reply(head, page.body(), Termination.LOCAL);
            t.clientError();
            return Verdict.REPLY;
        };
    }
}
