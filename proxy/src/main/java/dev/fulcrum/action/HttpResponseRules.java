package dev.fulcrum.action;

import dev.fulcrum.sample.UseSite;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The {@code http-response} and {@code http-after-response} actions. */
final class HttpResponseRules {

    static final List<String> HAPROXY_RESPONSE = List.of("ot-group", "set-log-level", "set-nice", "sc-inc-gpc(*)",
            "sc-inc-gpc0(*)", "sc-inc-gpc1(*)", "sc-set-gpt(*)", "sc-set-gpt0(*)", "send-spoe-group", "cache-store",
            "add-acl(*)", "add-header", "allow", "capture", "del-acl(*)", "del-header", "del-map(*)", "deny",
            "redirect", "replace-header", "replace-value", "return", "set-header", "set-map(*)", "set-status",
            "strict-mode", "track-sc(*)", "wait-for-body", "set-var-fmt(*)", "set-var(*)", "unset-var(*)",
            "set-mark", "set-tos", "silent-drop");

    static final List<String> HAPROXY_AFTER = List.of("ot-group", "add-header", "allow", "capture", "del-header",
            "replace-header", "replace-value", "set-header", "set-status", "strict-mode", "set-var-fmt(*)",
            "set-var(*)", "unset-var(*)");

    private HttpResponseRules() {
    }

    private static Map<String, RuleFamily.ActionParser> common() {
        Map<String, RuleFamily.ActionParser> a = new HashMap<>();
        a.put("allow", ReplyActions::allow);
        a.put("set-header", rc -> HeaderActions.setOrAdd(rc, true, false));
        a.put("add-header", rc -> HeaderActions.setOrAdd(rc, true, true));
        a.put("del-header", rc -> HeaderActions.delete(rc, true));
        a.put("replace-header", rc -> HeaderActions.replace(rc, true, false));
        a.put("replace-value", rc -> HeaderActions.replace(rc, true, true));
        a.put("set-status", MiscActions::setStatus);
        a.put("set-var(*)", VarActions::setVar);
        a.put("set-var-fmt(*)", VarActions::setVarFmt);
        a.put("unset-var(*)", VarActions::unsetVar);
        a.put("capture", rc -> MiscActions.capture(rc, true));
        a.put("strict-mode", MiscActions::strictMode);
        return a;
    }

    static RuleFamily response() {
        Map<String, RuleFamily.ActionParser> a = common();
        a.put("deny", rc -> ReplyActions.deny(rc, false, 502));
        a.put("return", ReplyActions::ret);
        a.put("redirect", rc -> Redirect.parse(rc, rc::error));
        a.put("set-log-level", MiscActions::setLogLevel);
        a.put("silent-drop", ReplyActions::reject);
        StickActions.register(a, false, true);
        MapActions.register(a);
        return new RuleFamily("http-response", a, HAPROXY_RESPONSE, ActionSettings.HTTP_RESPONSE,
                ctx -> UseSite.httpResponse(ctx.proxy().hasBackend()),
                got -> "'http-response' expects " + String.join(", ", HttpRequestRules.quoted(HAPROXY_RESPONSE))
                        + ", but got '" + got + "'" + (got.isEmpty() ? " (missing argument)." : "."));
    }

    static RuleFamily afterResponse() {
        return new RuleFamily("http-after-response", common(), HAPROXY_AFTER, ActionSettings.HTTP_AFTER_RESPONSE,
                ctx -> UseSite.httpResponse(ctx.proxy().hasBackend()),
                got -> "'http-after-response' expects " + String.join(", ", HttpRequestRules.quoted(HAPROXY_AFTER))
                        + ", but got '" + got + "'" + (got.isEmpty() ? " (missing argument)." : "."));
    }
}
