package dev.fulcrum.action;

import dev.fulcrum.acl.Condition;
import dev.fulcrum.acl.Conditions;
import dev.fulcrum.config.ConfigException;
import dev.fulcrum.config.Configuration;
import dev.fulcrum.config.Diagnostics;
import dev.fulcrum.config.KeywordContext;
import dev.fulcrum.config.KeywordProvider;
import dev.fulcrum.config.KeywordRegistry;
import dev.fulcrum.config.ProxyConfig;
import dev.fulcrum.config.SectionConfig;
import dev.fulcrum.config.SectionType;
import dev.fulcrum.sample.UseSite;

/**
 * Registers the rule keywords ({@code http-request}, {@code http-response},
 * {@code http-after-response}) and the section keywords that act on requests
 * ({@code redirect}, {@code capture ...}, {@code declare capture},
 * {@code monitor-uri}, {@code monitor fail}).
 */
public final class ActionKeywords implements KeywordProvider {

    private static final RuleFamily HTTP_REQUEST = HttpRequestRules.family();
    private static final RuleFamily HTTP_RESPONSE = HttpResponseRules.response();
    private static final RuleFamily HTTP_AFTER_RESPONSE = HttpResponseRules.afterResponse();
    private static final RuleFamily TCP_CONNECTION = TcpRules.connection(false);
    private static final RuleFamily TCP_SESSION = TcpRules.connection(true);
    private static final RuleFamily TCP_CONTENT = TcpRules.content();
    private static final RuleFamily TCP_RESPONSE = TcpRules.responseContent();

    @Override
    public void register(KeywordRegistry.Builder r) {
        r.proxy("http-request", "HTTP request rules: " + summary(HTTP_REQUEST),
                ctx -> parseOrAbort(HTTP_REQUEST, ctx));
        r.proxy("http-response", "HTTP response rules: " + summary(HTTP_RESPONSE),
                ctx -> parseOrAbort(HTTP_RESPONSE, ctx));
        r.proxy("http-after-response", "rules on every response, generated ones included: "
                + summary(HTTP_AFTER_RESPONSE), ctx -> parseOrAbort(HTTP_AFTER_RESPONSE, ctx));
        r.proxy("tcp-request connection", "rules when a client connects: " + summary(TCP_CONNECTION),
                ctx -> TCP_CONNECTION.parse(ctx, 0));
        r.proxy("tcp-request session", "rules once the session is set up: " + summary(TCP_SESSION),
                ctx -> TCP_SESSION.parse(ctx, 0));
        r.proxy("tcp-request content", "rules on each request's content: " + summary(TCP_CONTENT),
                ctx -> TCP_CONTENT.parse(ctx, 0));
        r.proxy("tcp-response content", "rules on each response's content: " + summary(TCP_RESPONSE),
                ctx -> TCP_RESPONSE.parse(ctx, 0));
        r.proxy("tcp-request inspect-delay", "how long content rules may wait for data",
                ctx -> TcpRules.inspectDelay(ctx, false));
        r.proxy("tcp-response inspect-delay", "how long response content rules may wait for data",
                ctx -> TcpRules.inspectDelay(ctx, true));
        r.proxy("redirect", "redirect matching requests (location, prefix or scheme)", ActionKeywords::redirect);
        r.proxy("capture request header", "capture a request header for the log",
                ctx -> CaptureKeywords.header(ctx, false));
        r.proxy("capture response header", "capture a response header for the log",
                ctx -> CaptureKeywords.header(ctx, true));
        r.proxy("declare capture", "declare a capture slot for capture rules", CaptureKeywords::declareCapture);
        r.proxy("monitor-uri", "answer 200 to this URI without forwarding (health of the frontend)", ctx -> {
            if (ctx.arg(0).isEmpty()) {
                throw ctx.error("'monitor-uri' expects an URI.");
            }
            ctx.settings().set(ActionSettings.MONITOR_URI, ctx.arg(0));
        });
        r.proxy("monitor fail", "answer 503 to the monitor-uri when a condition holds", ActionKeywords::monitorFail);
        r.proxy("use-server", "send matching requests to a given server", ActionKeywords::useServer);
        r.proxy("force-persist", "let use-server and stick match rules reach a server that is down when a condition holds",
                ctx -> persist(ctx, "force-persist", ActionSettings.FORCE_PERSIST));
        r.proxy("ignore-persist", "disable cookie persistence when a condition holds",
                ctx -> persist(ctx, "ignore-persist", ActionSettings.IGNORE_PERSIST));
        r.check(ActionKeywords::checkUseServer);
        r.global("expose-experimental-directives", "allow experimental keywords (normalize-uri)",
                ctx -> ctx.global().set(ActionSettings.EXPERIMENTAL, true));
        r.proxy("http-error", "a custom page for an error Fulcrum generates (reply arguments as http-request return)",
                HttpErrorKeyword::parse);
        r.check(ActionKeywords::resolveErrorfiles);
    }

    /** An invalid HTTP rule stops the whole load, as in haproxy (later lines are not checked). */
    private static void parseOrAbort(RuleFamily family, KeywordContext ctx) throws ConfigException {
        try {
            family.parse(ctx, 0);
        } catch (ConfigException e) {
            throw e.aborting();
        }
    }

    private static String summary(RuleFamily f) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (String n : f.implemented()) {
            // sc-inc-gpc0 is also sc-inc-gpc0(N): list it once; track-sc* stands for track-sc0..2
            String shown = n.equals("track-sc*") ? "track-sc0..2" : n.replace("(*)", "()");
            if (!f.implemented().contains(n + "(*)")) {
                names.add(shown);
            }
        }
        return String.join(", ", names);
    }

    private static void redirect(KeywordContext ctx) throws ConfigException {
        RuleContext rc = new RuleContext(ctx, "redirect", -1, UseSite.httpRequest(ctx.proxy().hasFrontend()));
        String prefix = "error detected in " + ctx.proxy().kindName() + " '" + ctx.proxy().name()
                + "' while parsing redirect rule : ";
        Redirect redirect = Redirect.parse(rc, m -> ctx.error(prefix + m), false);
        Condition cond;
        try {
            cond = Conditions.compile(ctx, rc.end, rc.site);
        } catch (Conditions.ConditionException e) {
            throw ctx.error(prefix + "error detected while parsing redirect condition : " + e.getMessage() + ".");
        }
        ctx.settings().add(ActionSettings.REDIRECTS, new Rule("redirect", redirect, cond, ctx.location()));
    }

    private static void monitorFail(KeywordContext ctx) throws ConfigException {
        if (!ctx.arg(0).equals("if") && !ctx.arg(0).equals("unless")) {
            throw ctx.error("'monitor fail' requires either 'if' or 'unless' followed by a condition.");
        }
        Condition cond = Conditions.parse(ctx, 0, "monitor fail", UseSite.FE_HRQ_HDR);
        ctx.settings().add(ActionSettings.MONITOR_FAIL, new Rule("monitor fail", t -> Verdict.CONTINUE, cond,
                ctx.location()));
    }

    private static void useServer(KeywordContext ctx) throws ConfigException {
        if (ctx.arg(0).isEmpty()) {
            throw ctx.error("'use-server' expects a server name.");
        }
        if (!ctx.arg(1).equals("if") && !ctx.arg(1).equals("unless")) {
            throw ctx.error("'use-server' requires either 'if' or 'unless' followed by a condition.");
        }
        Condition cond;
        try {
            cond = Conditions.compile(ctx, 1, UseSite.BE_SET_SRV);
        } catch (Conditions.ConditionException e) {
            throw ctx.error("error detected while parsing switching rule : " + e.getMessage() + ".");
        }
        ctx.settings().add(ActionSettings.USE_SERVER, new UseServerRule(ctx.arg(0), cond, ctx.location()));
    }

    private static void persist(KeywordContext ctx, String kw, dev.fulcrum.config.Setting<java.util.List<Rule>> key)
            throws ConfigException {
        if (!ctx.arg(0).equals("if") && !ctx.arg(0).equals("unless")) {
            throw ctx.error("'" + kw + "' requires either 'if' or 'unless' followed by a condition.");
        }
        Condition cond = Conditions.parse(ctx, 0, kw, UseSite.BE_SET_SRV);
        ctx.settings().add(key, new Rule(kw, t -> Verdict.CONTINUE, cond, ctx.location()));
    }

    private static void checkUseServer(Configuration config, Diagnostics diagnostics) {
        for (ProxyConfig p : config.proxies()) {
            for (UseServerRule r : p.get(ActionSettings.USE_SERVER)) {
                if (p.server(r.server()) == null) {
                    diagnostics.alert(dev.fulcrum.config.SourceLocation.NONE, p.kindName() + " '" + p.name()
                            + "' : unable to find server '"
                            + r.server() + "' referenced in a 'use-server' rule.");
                }
            }
        }
    }

    private static void resolveErrorfiles(Configuration config, Diagnostics diagnostics) {
        // rules of a named defaults section are shared by the proxies using it: resolved (and reported) once there
        java.util.List<ProxyConfig> all = new java.util.ArrayList<>(config.defaults());
        all.addAll(config.proxies());
        for (ProxyConfig p : all) {
            for (ActionSettings.SectionReply rule : p.get(ActionSettings.ERRORFILES_REPLIES)) {
                HttpReply reply = rule.reply();
                SectionConfig s = config.section(SectionType.HTTP_ERRORS, reply.errorSection());
                if (!reply.resolve(s)) {
                    // HAProxy's words, at the rule that names the section
                    diagnostics.alert(rule.location(), "Proxy '" + p.name() + "': unknown http-errors section '"
                            + reply.errorSection() + "' referenced by an http reply .");
                }
            }
        }
    }
}
