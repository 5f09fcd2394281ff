package dev.fulcrum.action;

import dev.fulcrum.config.ConfigException;
import dev.fulcrum.config.KeywordContext;
import dev.fulcrum.config.Units;
import dev.fulcrum.sample.UseSite;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code tcp-request connection|session|content} and {@code tcp-response content}
 * (configuration.txt 4.2). In HTTP mode, which is what Fulcrum runs today, the
 * connection and session rules run when a client connects, the content rules once
 * per request when its head has been parsed (before the http-request rules, as
 * HAProxy's HTX streams do), and the response content rules when the response
 * head arrives. The inspect delay is accepted and kept; it changes nothing in HTTP
 * mode, where the request is complete when the content rules run.
 */
final class TcpRules {

    static final List<String> HAPROXY_CONNECTION = List.of("accept", "reject", "capture", "expect-proxy",
            "expect-netscaler-cip", "track-sc0", "track-sc1", "track-sc2", "sc-inc-gpc(*)", "sc-inc-gpc0(*)",
            "sc-inc-gpc1(*)", "sc-set-gpt(*)", "sc-set-gpt0(*)", "set-var-fmt(*)", "set-var(*)", "unset-var(*)",
            "set-dst", "set-dst-port", "set-mark", "set-src", "set-src-port", "set-tos", "silent-drop");
    static final List<String> HAPROXY_CONTENT = List.of("accept", "reject", "capture", "expect-proxy",
            "expect-netscaler-cip", "track-sc0", "track-sc1", "track-sc2", "ot-group", "set-log-level", "set-nice",
            "switch-mode", "use-service", "sc-inc-gpc(*)", "sc-inc-gpc0(*)", "sc-inc-gpc1(*)", "sc-set-gpt(*)",
            "sc-set-gpt0(*)", "send-spoe-group", "do-resolve(*)", "set-var-fmt(*)", "set-var(*)", "unset-var(*)",
            "set-src", "set-src-port", "set-dst", "set-dst-port", "set-mark", "set-tos", "silent-drop",
            "set-priority-class", "set-priority-offset");
    static final List<String> HAPROXY_RESPONSE = List.of("accept", "close", "reject", "ot-group", "set-log-level",
            "set-nice", "sc-inc-gpc(*)", "sc-inc-gpc0(*)", "sc-inc-gpc1(*)", "sc-set-gpt(*)", "sc-set-gpt0(*)",
            "send-spoe-group", "set-var-fmt(*)", "set-var(*)", "unset-var(*)", "set-mark", "set-tos",
            "silent-drop");

    private TcpRules() {
    }

    private static Map<String, RuleFamily.ActionParser> common() {
        Map<String, RuleFamily.ActionParser> a = new HashMap<>();
        a.put("accept", rc -> {
            rc.noArgs();
            return t -> Verdict.STOP;
        });
        a.put("reject", ReplyActions::reject);
        a.put("silent-drop", ReplyActions::reject);
        a.put("set-var(*)", VarActions::setVar);
        a.put("set-var-fmt(*)", VarActions::setVarFmt);
        a.put("unset-var(*)", VarActions::unsetVar);
        return a;
    }

    static RuleFamily connection(boolean session) {
        Map<String, RuleFamily.ActionParser> a = common();
        a.put("set-src", MiscActions::setSrc);
        a.put("capture", rc -> {
            throw rc.ctx.error("'capture " + rc.arg(0) + "' is not allowed in '" + rc.family + "' rules in "
                    + rc.ctx.proxy().kindName() + " '" + rc.ctx.proxy().name() + "'");
        });
        StickActions.register(a, true, false);
        String kw = session ? "tcp-request session" : "tcp-request connection";
        return new RuleFamily(kw, a, HAPROXY_CONNECTION,
                session ? ActionSettings.TCP_REQUEST_SESSION : ActionSettings.TCP_REQUEST_CONNECTION,
                ctx -> session ? UseSite.FE_SES_ACC : UseSite.FE_CON_ACC, RuleFamily.Style.TCP);
    }

    static RuleFamily content() {
        Map<String, RuleFamily.ActionParser> a = common();
        a.put("set-src", MiscActions::setSrc);
        a.put("set-log-level", MiscActions::setLogLevel);
        a.put("capture", TcpRules::capture);
        a.put("use-service", Services::useService);
        StickActions.register(a, false, false);
        return new RuleFamily("tcp-request content", a, HAPROXY_CONTENT, ActionSettings.TCP_REQUEST_CONTENT,
                ctx -> UseSite.tcpRequestContent(ctx.proxy().hasFrontend()), RuleFamily.Style.TCP);
    }

    static RuleFamily responseContent() {
        Map<String, RuleFamily.ActionParser> a = common();
        a.put("close", ReplyActions::reject);
        StickActions.registerCounters(a);
        a.put("set-log-level", MiscActions::setLogLevel);
        return new RuleFamily("tcp-response content", a, HAPROXY_RESPONSE, ActionSettings.TCP_RESPONSE_CONTENT,
                ctx -> UseSite.BE_RES_CNT, RuleFamily.Style.TCP); // a backend's rules, even in a listen
    }

    /** {@code tcp-request content capture <expr> len <n>}: a new request capture slot. */
    private static HttpAction capture(RuleContext rc) throws ConfigException {
        if (rc.argCount() != 3 || !rc.arg(1).equals("len") || Units.atol(rc.arg(2)) <= 0) {
            throw rc.ctx.error("'tcp-request content capture' : a positive 'len' argument is mandatory");
        }
        return MiscActions.capture(rc, false);
    }

    /** {@code tcp-request inspect-delay <time>} and {@code tcp-response inspect-delay <time>}. */
    static void inspectDelay(KeywordContext ctx, boolean response) throws ConfigException {
        String kw = response ? "tcp-response inspect-delay" : "tcp-request inspect-delay";
        String where = ctx.proxy().kindName() + " '" + ctx.proxy().name() + "'";
        String v = ctx.arg(0);
        if (v.isEmpty()) {
            throw ctx.error("'" + kw + "' expects a positive delay in milliseconds, in " + where);
        }
        long ms;
        try {
            ms = Units.millis(v, "'" + kw + "'");
        } catch (IllegalArgumentException e) {
            int bad = 0;
            while (bad < v.length() && Character.isDigit(v.charAt(bad))) {
                bad++;
            }
            throw ctx.error("'" + kw + "' expects a positive delay in milliseconds, in " + where
                    + (bad < v.length() ? " (unexpected character '" + v.charAt(bad) + "')" : ""));
        }
        ctx.settings().set(response ? ActionSettings.TCP_RESPONSE_INSPECT_DELAY : ActionSettings.TCP_REQUEST_INSPECT_DELAY,
                ms);
    }
}
