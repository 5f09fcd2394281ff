package dev.fulcrum.check;

import dev.fulcrum.config.ConfigException;
import dev.fulcrum.config.KeywordContext;
import dev.fulcrum.config.KeywordProvider;
import dev.fulcrum.config.KeywordRegistry;
import dev.fulcrum.config.LineOptionContext;
import dev.fulcrum.config.Setting;
import dev.fulcrum.config.Units;
import dev.fulcrum.logformat.LogFormat;

import java.util.ArrayList;
import java.util.List;

import static dev.fulcrum.check.CheckSettings.*;

/**
 * Health-check keywords: the server options ({@code check}, {@code inter},
 * {@code rise}, {@code agent-check}...) and the proxy keywords that choose and
 * describe the check ({@code option httpchk}, {@code http-check ...},
 * {@code option tcp-check}, {@code tcp-check ...}). The TLS options of checks
 * ({@code check-ssl}, {@code check-sni}...) are the TLS room's keywords.
 */
public final class CheckKeywords implements KeywordProvider {

    @Override
    public void register(KeywordRegistry.Builder r) {
        serverOptions(r);
        r.proxy("option httpchk", "check servers with an HTTP request", CheckKeywords::httpchk);
        r.proxy("http-check send", "the HTTP check request", ctx -> addRule(ctx, Rules.httpSend(ctx, 0)));
        r.proxy("http-check expect", "what an HTTP check response must show", ctx ->
                addRule(ctx, Rules.expect(ctx, 0, true)));
        r.proxy("http-check connect", "open (or reopen) the HTTP check connection", ctx ->
                addRule(ctx, Rules.connect(ctx, 0)));
        r.proxy("http-check comment", "a comment reported when the next rule fails", ctx ->
                addRule(ctx, new CheckRule.Comment(commentText(ctx), true)));
        r.proxy("tcp-check comment", "a comment reported when the next rule fails", ctx ->
                addRule(ctx, new CheckRule.Comment(commentText(ctx), false)));
        r.proxy("http-check disable-on-404", "a 404 answer puts the server in NOLB", ctx -> {
            ctx.noMoreThan(0);
            ctx.settings().set(DISABLE_ON_404, true);
        });
        r.proxy("http-check send-state", "tell the server its state in X-Haproxy-Server-State", ctx -> {
            ctx.noMoreThan(0);
            ctx.settings().set(SEND_STATE, true);
        });
        r.proxy("option tcp-check", "check servers with the tcp-check rules", ctx -> type(ctx, CheckType.TCP_CHECK));
        r.proxy("tcp-check connect", "open (or reopen) the check connection", ctx ->
                addRule(ctx, Rules.connect(ctx, 0)));
        r.proxy("tcp-check send", "send a string", ctx -> {
            String data = ctx.arg(0);
            if (data.isEmpty()) {
                throw ctx.error(ctx.quoted() + " : expects a <data> as argument.");
            }
            String comment = comment(ctx, 1);
            addRule(ctx, new CheckRule.Send(data.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
                    data, false, comment));
        });
        r.proxy("tcp-check send-binary", "send bytes given in hexadecimal", ctx -> {
            String data = ctx.arg(0);
            if (data.isEmpty()) {
                throw ctx.error(ctx.quoted() + " : expects a <data> as argument.");
            }
            byte[] bytes = Rules.hex(ctx, data, true);
            addRule(ctx, new CheckRule.Send(bytes, data, true, comment(ctx, 1)));
        });
        r.proxy("tcp-check expect", "what the check must receive", ctx ->
                addRule(ctx, Rules.expect(ctx, 0, false)));
        r.proxy("tcp-check send-lf", "send a log-format string, rendered for each check", ctx -> {
            LogFormat f = CheckFormats.lf(ctx, sendArgument(ctx));
            addRule(ctx, new CheckRule.Send(new byte[0], ctx.arg(0), false, comment(ctx, 1), f));
        });
        r.proxy("tcp-check send-binary-lf", "send bytes given as a log-format string of hexadecimal digits", ctx -> {
            LogFormat f = CheckFormats.lf(ctx, sendArgument(ctx));
            addRule(ctx, new CheckRule.Send(new byte[0], ctx.arg(0), true, comment(ctx, 1), f));
        });
        for (String family : List.of("tcp-check", "http-check")) {
            boolean http = family.equals("http-check");
            r.proxy(family + " set-var", "set a variable (check, sess or proc scope) from a sample expression",
                    ctx -> addRule(ctx, CheckFormats.setVar(ctx, http)));
            r.proxy(family + " set-var-fmt", "set a variable from a log-format string",
                    ctx -> addRule(ctx, CheckFormats.setVar(ctx, http)));
            r.proxy(family + " unset-var", "unset a variable", ctx -> addRule(ctx, CheckFormats.setVar(ctx, http)));
        }
        Protocols.register(r);
        ExternalCheckKeywords.register(r);
        trackingCheck(r);
        CheckTls.register(r);
        CheckProtos.register(r);
        r.global("spread-checks", "random +/- percent added to each check interval", ctx -> {
            long v = ctx.integer(0, 0, 50);
            ctx.noMoreThan(1);
            ctx.global().set(SPREAD, (int) v);
        });
        r.global("max-spread-checks", "longest delay over which the first checks are spread at start", ctx -> {
            ctx.global().set(MAX_SPREAD, maxSpread(ctx));
        });
        r.proxy("option log-health-checks", "log every change of a check's status or of the server's health",
                ctx -> {
                    ctx.noMoreThan(0);
                    if (ctx.prefix() == KeywordContext.Prefix.DEFAULT) {
                        ctx.settings().reset(LOG_HEALTH_CHECKS);
                    } else {
                        ctx.settings().set(LOG_HEALTH_CHECKS, !ctx.negated());
                    }
                });
    }

    /** {@code max-spread-checks <delay>}, with haproxy 2.6's messages. */
    private static long maxSpread(KeywordContext ctx) throws ConfigException {
        String v = ctx.arg(0);
        if (v.isEmpty()) {
            throw new ConfigException(ctx.location(), "'max-spread-checks' expects an integer argument (0..50).",
                    dev.fulcrum.config.Diagnostic.Style.COMPACT);
        }
        ctx.noMoreThan(1);
        try {
            return Units.millis(v, "'max-spread-checks'");
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            if (m.startsWith("timer overflow")) {
                throw new ConfigException(ctx.location(), "timer overflow in argument <" + v
                        + "> to <max-spread-checks>, maximum value is 2147483647 ms (~24.8 days).",
                        dev.fulcrum.config.Diagnostic.Style.COMPACT);
            }
            char bad = m.startsWith("unexpected character '") ? m.charAt("unexpected character '".length()) : v.charAt(0);
            throw new ConfigException(ctx.location(), "unsupported character '" + bad
                    + "' in 'max-spread-checks' (wants an integer delay).", dev.fulcrum.config.Diagnostic.Style.COMPACT);
        }
    }

    /** Whether this section has rules of its own (then a defaults section's rules are not used). */
    private static final Setting<Boolean> OWN_RULES = Setting.local("check rules of its own", false);

    /**
     * Adds a check rule. A proxy inherits its defaults section's rules only while
     * it has none of its own, as in HAProxy: its first rule replaces them.
     */
    private static void addRule(KeywordContext ctx, CheckRule rule) {
        if (!ctx.settings().get(OWN_RULES)) {
            ctx.settings().reset(RULES);
            ctx.settings().set(OWN_RULES, true);
        }
        ctx.settings().add(RULES, rule);
    }

    /** Every tracked server must exist and run a check or an agent (haproxy -c's messages). */
    private static void trackingCheck(KeywordRegistry.Builder r) {
        r.check((config, diagnostics) -> {
            for (dev.fulcrum.config.ProxyConfig p : config.proxies()) {
                for (dev.fulcrum.config.ServerConfig s : p.servers()) {
                    String track = s.get(dev.fulcrum.server.ServerSettings.TRACK);
                    if (track.isEmpty()) {
                        continue;
                    }
                    String what = "'server " + p.name() + "/" + s.name() + "' : ";
                    int slash = track.indexOf('/');
                    String proxyName = slash < 0 ? p.name() : track.substring(0, slash);
                    String serverName = track.substring(slash + 1);
                    dev.fulcrum.config.ProxyConfig target = null;
                    for (dev.fulcrum.config.ProxyConfig q : config.proxies()) {
                        if (q.name().equals(proxyName) && q.hasBackend()) {
                            target = q;
                        }
                    }
                    if (target == null) {
                        diagnostics.add(new dev.fulcrum.config.Diagnostic(dev.fulcrum.config.Severity.ALERT, s.location(), what + "unable to find required proxy '" + proxyName
                                + "' for tracking.", dev.fulcrum.config.Diagnostic.Style.BARE));
                        continue;
                    }
                    dev.fulcrum.config.ServerConfig followed = target.server(serverName);
                    if (followed == null) {
                        diagnostics.add(new dev.fulcrum.config.Diagnostic(dev.fulcrum.config.Severity.ALERT, s.location(), what + "unable to find required server '" + serverName
                                + "' for tracking.", dev.fulcrum.config.Diagnostic.Style.BARE));
                        continue;
                    }
                    if (p.get(DISABLE_ON_404) != target.get(DISABLE_ON_404)) {
                        // (haproxy 2.6 writes "fortracking" in this one)
                        diagnostics.add(new dev.fulcrum.config.Diagnostic(dev.fulcrum.config.Severity.ALERT,
                                s.location(), what + "unable to use " + proxyName + "/" + serverName
                                + " fortracking: disable-on-404 option inconsistency.",
                                dev.fulcrum.config.Diagnostic.Style.BARE));
                        continue;
                    }
                    if (!followed.get(CHECK)
                            && !followed.get(AGENT_CHECK)
                            && followed.get(dev.fulcrum.server.ServerSettings.TRACK).isEmpty()) {
                        diagnostics.add(new dev.fulcrum.config.Diagnostic(dev.fulcrum.config.Severity.ALERT, s.location(), what + "unable to use " + proxyName + "/" + serverName
                                + " for tracking as it does not have any check nor agent enabled.", dev.fulcrum.config.Diagnostic.Style.BARE));
                    }
                }
            }
        });

    }

    /** The text of {@code tcp-check comment <string>}: haproxy takes the first word and ignores the rest. */
    private static String commentText(KeywordContext ctx) throws ConfigException {
        if (ctx.arg(0).isEmpty()) {
            throw ctx.error(ctx.quoted() + " : expects a string as argument.");
        }
        return ctx.arg(0);
    }

    private static String comment(KeywordContext ctx, int at) throws ConfigException {
        if (ctx.arg(at).isEmpty()) {
            return "";
        }
        if (!ctx.arg(at).equals("comment")) {
            throw ctx.error(ctx.quoted() + " : expects 'comment' but got '" + ctx.arg(at) + "' as argument..");
        }
        if (ctx.arg(at + 1).isEmpty()) {
            throw ctx.error(ctx.quoted() + " : 'comment' expects a string as argument..");
        }
        ctx.noMoreThan(at + 2);
        return ctx.arg(at + 1);
    }

    /** The format of {@code send-lf}/{@code send-binary-lf}, which haproxy asks for in its own words. */
    private static String sendArgument(KeywordContext ctx) throws ConfigException {
        if (ctx.arg(0).isEmpty()) {
            throw ctx.error(ctx.quoted() + " : 'string' expects a " + ctx.keyword().name().substring(10)
                    + " as argument.");
        }
        return ctx.arg(0);
    }

    /** Sets the check type; the last {@code option ...-check} of a proxy wins, as in HAProxy. */
    static void type(KeywordContext ctx, CheckType type) throws ConfigException {
        if (ctx.negated()) {
            if (ctx.settings().get(TYPE) == type) {
                ctx.settings().reset(TYPE);
            }
            return;
        }
        ctx.settings().set(TYPE, type);
    }

    /**
     * {@code option httpchk [<uri>]}, {@code [<method> <uri> [<version>]]}. The
     * old syntax's version may carry headers after {@code \r\n}.
     */
    private static void httpchk(KeywordContext ctx) throws ConfigException {
        ctx.noMoreThan(3);
        type(ctx, CheckType.HTTP);
        if (ctx.negated()) {
            return;
        }
        String method = "OPTIONS";
        String uri = "/";
        String version = "HTTP/1.0";
        List<CheckRule.Header> headers = new ArrayList<>();
        if (!ctx.arg(0).isEmpty() && ctx.arg(1).isEmpty()) {
            uri = ctx.arg(0);
        } else if (!ctx.arg(0).isEmpty()) {
            method = ctx.arg(0);
            uri = ctx.arg(1);
            if (!ctx.arg(2).isEmpty()) {
                String[] parts = ctx.arg(2).split("\r\n");
                version = parts[0];
                for (int i = 1; i < parts.length; i++) {
                    int colon = parts[i].indexOf(':');
                    if (colon > 0) {
                        headers.add(new CheckRule.Header(parts[i].substring(0, colon).trim(),
                                parts[i].substring(colon + 1).trim()));
                    }
                }
            }
        }
        ctx.settings().set(HTTPCHK_REQUEST, new CheckRule.HttpSend(method, uri, version, List.copyOf(headers), null, ""));
    }

    private static void serverOptions(KeywordRegistry.Builder r) {
        r.serverOption("check", "run health checks on the server", ctx -> ctx.settings().set(CHECK, true));
        r.serverOption("no-check", "cancels a default-server 'check'", ctx -> ctx.settings().set(CHECK, false));
        r.serverOption("inter", "interval between two checks (default 2s)", ctx -> interval(ctx, INTER, "agent-inter"));
        // HAProxy 2.6 names 'agent-inter' in the parse errors of all the intervals
        r.serverOption("fastinter", "interval while the server is in transition", ctx ->
                interval(ctx, FASTINTER, "agent-inter"));
        r.serverOption("downinter", "interval while the server is fully down", ctx ->
                interval(ctx, DOWNINTER, "agent-inter"));
        r.serverOption("rise", "consecutive successes to be considered up", ctx -> count(ctx, RISE, "rise"));
        r.serverOption("fall", "consecutive failures to be considered down", ctx -> count(ctx, FALL, "fall"));
        r.serverOption("port", "check this port instead of the server's", ctx ->
                ctx.settings().set(PORT, port(ctx, "port")));
        r.serverOption("addr", "check this address instead of the server's", ctx -> {
            if (!Rules.isIpLiteral(ctx.arg(0))) {
                throw new IllegalArgumentException("'addr' expects <ipv4|ipv6> as argument..");
            }
            ctx.settings().set(ADDR, ctx.arg(0));
        });
        r.serverOption("agent-check", "also run an agent check", ctx -> ctx.settings().set(AGENT_CHECK, true));
        r.serverOption("no-agent-check", "cancels a default-server 'agent-check'", ctx ->
                ctx.settings().set(AGENT_CHECK, false));
        r.serverOption("agent-port", "TCP port of the agent", ctx -> ctx.settings().set(AGENT_PORT, port(ctx, "agent-port")));
        r.serverOption("agent-addr", "address of the agent", ctx -> {
            if (!Rules.isIpLiteral(ctx.arg(0))) {
                throw new IllegalArgumentException("'agent-addr' : only IPv4 and IPv6 addresses are supported yet "
                        + "by Fulcrum (got '" + ctx.arg(0) + "')..");
            }
            ctx.settings().set(AGENT_ADDR, ctx.arg(0));
        });
        r.serverOption("agent-inter", "interval between two agent checks (default 2s)", ctx ->
                interval(ctx, AGENT_INTER, "agent-inter"));
        r.serverOption("agent-send", "string sent to the agent on connection", ctx ->
                ctx.settings().set(AGENT_SEND, ctx.arg(0)));
        r.serverOption("observe", "count errors of live traffic (none, layer4, layer7)", ctx -> {
            String v = ctx.arg(0);
            if (!v.equals("none") && !v.equals("layer4") && !v.equals("layer7")) {
                throw new IllegalArgumentException("'observe' expects one of 'none', 'layer4', 'layer7' but got '"
                        + v + "'.");
            }
            ctx.settings().set(OBSERVE, v);
        });
        r.serverOption("error-limit", "consecutive observed errors that trigger on-error", ctx -> {
            long n = Units.atol(ctx.arg(0));
            if (n < 1) {
                throw new IllegalArgumentException("error-limit has to be > 0..");
            }
            ctx.settings().set(ERROR_LIMIT, (int) Math.min(n, Integer.MAX_VALUE));
        });
        r.serverOption("on-error", "what error-limit observed errors do", ctx -> {
            String v = ctx.arg(0);
            if (!List.of("fastinter", "fail-check", "sudden-death", "mark-down").contains(v)) {
                throw new IllegalArgumentException("'on-error' expects one of 'fastinter', 'fail-check', "
                        + "'sudden-death' or 'mark-down' but got '" + v + "'.");
            }
            ctx.settings().set(ON_ERROR, v);
        });
    }

    private static void interval(LineOptionContext ctx, Setting<Long> key, String name) {
        String v = ctx.arg(0);
        long ms;
        try {
            ms = Units.millis(v, "'" + name + "' argument of server " + ctx.ownerName() + ".");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + ".");
        }
        if (ms <= 0) {
            throw new IllegalArgumentException("invalid value " + v + " for argument '" + ctx.option() + "' of server "
                    + ctx.ownerName() + "..");
        }
        ctx.settings().set(key, ms);
    }

    private static void count(LineOptionContext ctx, Setting<Integer> key, String name) {
        String v = ctx.arg(0);
        if (v.isEmpty()) {
            throw new IllegalArgumentException("'" + name + "' expects an integer argument..");
        }
        long n = Units.atol(v);
        if (n <= 0) {
            throw new IllegalArgumentException("'" + name + "' has to be > 0..");
        }
        ctx.settings().set(key, (int) Math.min(n, Integer.MAX_VALUE));
    }

    private static int port(LineOptionContext ctx, String name) {
        long n = Units.atol(ctx.arg(0));
        if (n < 1 || n > 65535) {
            throw new IllegalArgumentException("'" + name + "' expects a port between 1 and 65535 (got '"
                    + ctx.arg(0) + "')..");
        }
        return (int) n;
    }
}
