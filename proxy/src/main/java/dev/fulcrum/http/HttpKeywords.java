package dev.fulcrum.http;

import dev.fulcrum.config.ConfigException;
import dev.fulcrum.config.Configuration;
import dev.fulcrum.config.Diagnostics;
import dev.fulcrum.config.KeywordContext;
import dev.fulcrum.config.KeywordProvider;
import dev.fulcrum.config.KeywordRegistry;
import dev.fulcrum.config.ProxyConfig;
import dev.fulcrum.config.SourceLocation;
import dev.fulcrum.proxy.Mode;
import dev.fulcrum.proxy.ProxySettings;

import static dev.fulcrum.http.HttpSettings.*;

/** Keywords of the HTTP data path: connection modes, forwardfor, originalto, request buffering. */
public final class HttpKeywords implements KeywordProvider {

    @Override
    public void register(KeywordRegistry.Builder r) {
        r.proxy("option http-keep-alive", "keep connections open on both sides (the default)", ctx -> {
            noArgs(ctx);
            mode(ctx, ConnectionMode.KEEP_ALIVE, ConnectionMode.SERVER_CLOSE);
        });
        r.proxy("option http-server-close", "close the server connection after each response", ctx -> {
            noArgs(ctx);
            mode(ctx, ConnectionMode.SERVER_CLOSE, ConnectionMode.KEEP_ALIVE);
        });
        r.proxy("option httpclose", "close both connections after each response", ctx -> {
            noArgs(ctx);
            mode(ctx, ConnectionMode.CLOSE, ConnectionMode.KEEP_ALIVE);
        });
        r.proxy("option forwardfor", "add X-Forwarded-For with the client's address", ctx ->
                ctx.settings().set(FORWARD_FOR, forwardOption(ctx, "X-Forwarded-For", true)));
        r.proxy("option originalto", "add X-Original-To with the original destination address", ctx ->
                ctx.settings().set(ORIGINAL_TO, forwardOption(ctx, "X-Original-To", false)));
        r.proxy("option http-buffer-request", "wait for the whole request body before choosing a server", ctx -> {
            noArgs(ctx);
            if (ctx.prefix() == KeywordContext.Prefix.DEFAULT) {
                ctx.settings().reset(BUFFER_REQUEST);
            } else {
                ctx.settings().set(BUFFER_REQUEST, !ctx.negated());
            }
        });
        r.proxyFlag("option abortonclose", "a request whose client closed is dropped while still queued or "
                + "connecting (logged CQ/CC) instead of being served", ABORT_ON_CLOSE);
        flag(r, "option http-ignore-probes", "a connection that sends nothing before closing or timing out gets no 400/408, "
                + "no log line and no error count", IGNORE_PROBES);
        flag(r, "option http-pretend-keepalive", "with http-server-close or httpclose, send no 'Connection: close' to "
                + "the server (the connection is still closed after the response)", PRETEND_KEEPALIVE);
        flag(r, "option contstats", "add the bytes of a stream to the traffic counters as they flow, not only at its end",
                CONTSTATS);
        flag(r, "option http-no-delay", "send data without waiting to fill packets: Fulcrum always does (TCP_NODELAY "
                + "on every socket, no send coalescing), so the option changes nothing", NO_DELAY);
        flag(r, "option socket-stats", "separate statistics per listening socket: Fulcrum keeps one set per "
                + "frontend and reports no per-listener rows, so the option changes nothing", SOCKET_STATS);
        r.check(HttpKeywords::ignoredInTcpMode);
    }

    /** HAProxy's warnings for HTTP options set on (or inherited by) a TCP proxy. */
    private static void ignoredInTcpMode(Configuration config, Diagnostics diagnostics) {
        for (ProxyConfig p : config.proxies()) {
            if (p.get(ProxySettings.MODE) == Mode.HTTP || p.get(ProxySettings.DISABLED)) {
                continue;
            }
            String who = " ignored for " + p.kindName() + " '" + p.name() + "' as it requires HTTP mode.";
            if (p.get(FORWARD_FOR) != null) {
                diagnostics.warning(SourceLocation.NONE, "'option forwardfor'" + who);
            }
            if (p.get(ORIGINAL_TO) != null) {
                diagnostics.warning(SourceLocation.NONE, "'option originalto'" + who);
            }
            if (p.get(BUFFER_REQUEST)) {
                diagnostics.warning(SourceLocation.NONE, "'option http-buffer-request'" + who);
            }
        }
    }

    private static void flag(KeywordRegistry.Builder r, String name, String summary,
                             dev.fulcrum.config.Setting<Boolean> key) {
        r.proxy(name, summary, ctx -> {
            noArgs(ctx);
            if (ctx.prefix() == KeywordContext.Prefix.DEFAULT) {
                ctx.settings().reset(key);
            } else {
                ctx.settings().set(key, !ctx.negated());
            }
        });
    }

    private static void noArgs(KeywordContext ctx) throws ConfigException {
        if (ctx.argCount() > 0 && !ctx.arg(0).isEmpty()) {
            throw ctx.error("'" + ctx.keyword().name() + "' cannot handle unexpected argument '" + ctx.arg(0) + "'.");
        }
    }

    /** Options replace each other; "no" on the active one falls back to {@code whenNegated}. */
    private static void mode(KeywordContext ctx, ConnectionMode mode, ConnectionMode whenNegated) {
        switch (ctx.prefix()) {
            case NONE -> ctx.settings().set(CONNECTION_MODE, mode);
            case DEFAULT -> ctx.settings().reset(CONNECTION_MODE);
            case NO -> {
                if (ctx.settings().get(CONNECTION_MODE) == mode) {
                    ctx.settings().set(CONNECTION_MODE, whenNegated);
                }
            }
        }
    }

    private static ForwardFor forwardOption(KeywordContext ctx, String defaultHeader, boolean allowIfNone)
            throws ConfigException {
        String header = defaultHeader;
        Cidr except = null;
        boolean ifNone = false;
        for (int i = 0; i < ctx.argCount() && !ctx.arg(i).isEmpty(); i++) {
            String w = ctx.arg(i);
            switch (w) {
                case "except" -> {
                    if (ctx.arg(i + 1).isEmpty()) {
                        throw ctx.error("'" + ctx.keyword().name() + " except' expects <address>[/mask] as argument.");
                    }
                    try {
                        except = Cidr.parse(ctx.arg(++i));
                    } catch (IllegalArgumentException e) {
                        throw ctx.error("'" + ctx.keyword().name() + " except' expects <address>[/mask] as argument.");
                    }
                }
                case "header" -> {
                    if (ctx.arg(i + 1).isEmpty()) {
                        throw ctx.error("'" + ctx.keyword().name() + " header' requires a header name.");
                    }
                    header = ctx.arg(++i);
                }
                case "if-none" -> {
                    if (!allowIfNone) {
                        throw ctx.error("'" + ctx.keyword().name() + "' only supports optional values: 'except' and 'header'.");
                    }
                    ifNone = true;
                }
                default -> throw ctx.error("'" + ctx.keyword().name() + "' only supports optional values: "
                        + (allowIfNone ? "'except', 'header' and 'if-none'." : "'except' and 'header'."));
            }
        }
        return new ForwardFor(header, except, ifNone);
    }
}
