package dev.fulcrum.action;

import dev.fulcrum.sample.UseSite;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The {@code http-request} actions (configuration.txt 4.2, "http-request"). */
final class HttpRequestRules {

    /** HAProxy 2.6's http-request actions, in the order of its error message. */
    static final List<String> HAPROXY = List.of("wait-for-handshake", "ot-group", "set-log-level", "set-nice",
            "use-service", "sc-inc-gpc(*)", "sc-inc-gpc0(*)", "sc-inc-gpc1(*)", "sc-set-gpt(*)", "sc-set-gpt0(*)",
            "send-spoe-group", "do-resolve(*)", "cache-use", "add-acl(*)", "add-header", "allow", "auth", "capture",
            "del-acl(*)", "del-header", "del-map(*)", "deny", "disable-l7-retry", "early-hint", "normalize-uri",
            "redirect", "reject", "replace-header", "replace-path", "replace-pathq", "replace-uri", "replace-value",
            "return", "set-header", "set-map(*)", "set-method", "set-path", "set-pathq", "set-query", "set-uri",
            "strict-mode", "tarpit", "track-sc(*)", "set-timeout", "wait-for-body", "set-var-fmt(*)", "set-var(*)",
            "unset-var(*)", "set-dst", "set-dst-port", "set-mark", "set-src", "set-src-port", "set-tos",
            "silent-drop", "set-priority-class", "set-priority-offset");

    private HttpRequestRules() {
    }

    static RuleFamily family() {
        Map<String, RuleFamily.ActionParser> a = new HashMap<>();
        a.put("allow", ReplyActions::allow);
        a.put("deny", rc -> ReplyActions.deny(rc, false, 403));
        a.put("tarpit", rc -> ReplyActions.deny(rc, true, 500));
        a.put("reject", ReplyActions::reject);
        a.put("silent-drop", ReplyActions::reject);
        a.put("return", ReplyActions::ret);
        a.put("auth", ReplyActions::auth);
        a.put("redirect", rc -> Redirect.parse(rc, rc::error));
        a.put("set-header", rc -> HeaderActions.setOrAdd(rc, false, false));
        a.put("add-header", rc -> HeaderActions.setOrAdd(rc, false, true));
        a.put("del-header", rc -> HeaderActions.delete(rc, false));
        a.put("replace-header", rc -> HeaderActions.replace(rc, false, false));
        a.put("replace-value", rc -> HeaderActions.replace(rc, false, true));
        a.put("set-method", rc -> UriActions.set(rc, UriActions.Part.METHOD));
        a.put("set-path", rc -> UriActions.set(rc, UriActions.Part.PATH));
        a.put("set-pathq", rc -> UriActions.set(rc, UriActions.Part.PATHQ));
        a.put("set-query", rc -> UriActions.set(rc, UriActions.Part.QUERY));
        a.put("set-uri", rc -> UriActions.set(rc, UriActions.Part.URI));
        a.put("replace-path", rc -> UriActions.replace(rc, UriActions.Part.PATH));
        a.put("replace-pathq", rc -> UriActions.replace(rc, UriActions.Part.PATHQ));
        a.put("replace-uri", rc -> UriActions.replace(rc, UriActions.Part.URI));
        a.put("normalize-uri", UriNormalizer::parse);
        a.put("set-var(*)", VarActions::setVar);
        a.put("set-var-fmt(*)", VarActions::setVarFmt);
        a.put("unset-var(*)", VarActions::unsetVar);
        a.put("set-src", MiscActions::setSrc);
        a.put("set-log-level", MiscActions::setLogLevel);
        a.put("capture", rc -> MiscActions.capture(rc, false));
        a.put("set-timeout", MiscActions::setTimeout);
        a.put("early-hint", MiscActions::earlyHint);
        a.put("strict-mode", MiscActions::strictMode);
        a.put("wait-for-body", BodyActions::waitForBody);
        a.put("use-service", Services::useService);
        StickActions.register(a, false, false);
        MapActions.register(a);
        return new RuleFamily("http-request", a, HAPROXY, ActionSettings.HTTP_REQUEST,
                ctx -> UseSite.httpRequest(ctx.proxy().hasFrontend()),
                got -> "'http-request' expects " + String.join(", ", quoted(HAPROXY)) + ", but got '" + got + "'"
                        + (got.isEmpty() ? " (missing argument)." : "."));
    }

    static List<String> quoted(List<String> names) {
        return names.stream().map(n -> "'" + n + "'").toList();
    }
}
