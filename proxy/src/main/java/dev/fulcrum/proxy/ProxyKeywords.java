package dev.fulcrum.proxy;

import dev.fulcrum.config.Address;
import dev.fulcrum.config.AddressParser;
import dev.fulcrum.config.BindConfig;
import dev.fulcrum.config.ConfigException;
import dev.fulcrum.config.Diagnostic;
import dev.fulcrum.config.KeywordContext;
import dev.fulcrum.config.KeywordProvider;
import dev.fulcrum.config.KeywordRegistry;
import dev.fulcrum.config.LineOption;
import dev.fulcrum.config.LineOptions;
import dev.fulcrum.config.Sections;
import dev.fulcrum.config.Setting;
import dev.fulcrum.config.Settings;
import dev.fulcrum.config.Suggestions;
import dev.fulcrum.config.Units;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.fulcrum.proxy.ProxySettings.*;

/**
 * The proxy keywords that belong to no narrower room: {@code mode}, {@code bind},
 * limits, {@code id}, {@code description}, {@code disabled}/{@code enabled},
 * {@code default_backend} and the {@code timeout} family; plus the messages for
 * unknown {@code option}/{@code timeout}/... sub-keywords.
 */
public final class ProxyKeywords implements KeywordProvider {

    private static final Map<String, Setting<Long>> TIMEOUTS = Map.ofEntries(
            Map.entry("client", TIMEOUT_CLIENT), Map.entry("server", TIMEOUT_SERVER),
            Map.entry("connect", TIMEOUT_CONNECT), Map.entry("check", TIMEOUT_CHECK),
            Map.entry("queue", TIMEOUT_QUEUE), Map.entry("http-keep-alive", TIMEOUT_HTTP_KEEP_ALIVE),
            Map.entry("http-request", TIMEOUT_HTTP_REQUEST), Map.entry("tunnel", TIMEOUT_TUNNEL),
            Map.entry("tarpit", TIMEOUT_TARPIT), Map.entry("client-fin", TIMEOUT_CLIENT_FIN),
            Map.entry("server-fin", TIMEOUT_SERVER_FIN));

    @Override
    public void register(KeywordRegistry.Builder r) {
        r.proxy("mode", "proxy mode: tcp or http", ctx -> {
            Mode m = Mode.of(ctx.arg(0));
            if (m == null) {
                throw ctx.error("unknown proxy mode '" + ctx.arg(0) + "'.");
            }
            ctx.noMoreThan(1);
            ctx.settings().set(MODE, m);
        });
        r.proxy("bind", "listening addresses and their options", ProxyKeywords::bind);
        r.check(ProxyChecks::check);
        r.proxy("maxconn", "maximum concurrent connections of a frontend", ctx -> {
            long n = ctx.lenientInteger(0);
            ctx.noMoreThan(1);
            ctx.settings().set(MAXCONN, (int) Math.max(0, Math.min(Integer.MAX_VALUE, n)));
        });
        r.proxy("backlog", "listen queue length of the frontend's sockets", ctx -> {
            long n = ctx.lenientInteger(0);
            ctx.noMoreThan(1);
            ctx.settings().set(BACKLOG, (int) Math.max(0, Math.min(Integer.MAX_VALUE, n)));
        });
        r.proxy("id", "the proxy's numeric id, shown in stats", ctx -> {
            long id = ctx.lenientInteger(0);
            if (id <= 0 || id > Integer.MAX_VALUE) {
                throw ctx.error("custom id has to be > 0.");
            }
            ctx.noMoreThan(1);
            for (dev.fulcrum.config.ProxyConfig other : ctx.state().proxies()) {
                if (other.id() == id) {
                    throw new ConfigException(ctx.location(), ctx.proxy().kindName() + " " + ctx.proxy().name()
                            + " reuses same custom id as " + other.kindName() + " " + other.name()
                            + " (declared at " + other.location() + ").", Diagnostic.Style.COMPACT);
                }
            }
            ctx.proxy().explicitId((int) id);
        });
        r.proxy("description", "free text shown on the stats page", ctx ->
                ctx.settings().set(DESCRIPTION, String.join(" ", ctx.args(0))));
        r.proxy("disabled", "start the proxy disabled", ctx -> {
            ctx.noMoreThan(0);
            ctx.settings().set(DISABLED, true);
        });
        r.proxy("enabled", "start the proxy enabled (cancels a defaults' 'disabled')", ctx -> {
            ctx.noMoreThan(0);
            ctx.settings().set(DISABLED, false);
        });
        r.proxy("default_backend", "backend used when no use_backend rule matches", ctx -> {
            if (ctx.arg(0).isEmpty()) {
                throw ctx.error("'default_backend' expects a backend name.");
            }
            ctx.noMoreThan(1);
            ctx.settings().set(DEFAULT_BACKEND, ctx.arg(0));
            ctx.settings().set(DEFAULT_BACKEND_AT, ctx.location());
        });
        for (Map.Entry<String, Setting<Long>> t : TIMEOUTS.entrySet()) {
            Setting<Long> key = t.getValue();
            r.proxy("timeout " + t.getKey(), "timeout " + t.getKey() + " (ms unless a unit is given)", ctx -> {
                long ms = ctx.millis(0);
                if (ctx.argCount() > 1 && !ctx.arg(1).isEmpty()) {
                    throw ctx.error(ctx.quoted() + " : unexpected extra argument '" + ctx.arg(1)
                            + "' after value '" + ctx.arg(0) + "'.");
                }
                ctx.settings().set(key, ms);
            });
        }
        r.group("timeout", Sections.DFB, (sub, all) -> "'timeout' supports 'client', 'server', 'connect', 'check', "
                + "'queue', 'http-keep-alive', 'http-request', 'tunnel', 'tarpit', 'client-fin' and 'server-fin' (got '"
                + sub + "')");
        r.group("option", Sections.DFB, (sub, all) -> sub.isEmpty() ? "'option' expects an option name."
                : "unknown option '" + sub + "'" + Suggestions.didYouMeanOrStop(sub, all));
        for (String g : List.of("stats", "capture", "http-check", "tcp-check", "email-alert", "stick", "persist",
                "external-check", "rate-limit", "tcp-request", "tcp-response", "declare", "monitor")) {
            r.group(g, Sections.DFB, (sub, all) -> "'" + g + "' expects one of " + all.stream()
                    .map(s -> "'" + s + "'").collect(Collectors.joining(", ")) + " (got '" + sub + "')"
                    + Suggestions.didYouMeanOrStop(sub, all));
        }
        // HAProxy's own messages for these four, which read a missing value as empty
        r.bindOption("name", "a name for the listener (stats)", ctx -> {
            if (ctx.arg(0).isEmpty()) {
                throw new IllegalArgumentException("'name' : missing name");
            }
            ctx.settings().set(BindSettings.NAME, ctx.arg(0));
        });
        r.bindOption("id", "a numeric id for the listener (stats)", ctx -> {
            String v = ctx.arg(0);
            if (v.isEmpty()) {
                throw new IllegalArgumentException("'id' : expects an integer argument");
            }
            if (!Units.isInteger(v)) {
                throw new IllegalArgumentException("'id' : expects an integer argument, found '" + v + "'");
            }
            long id = Units.atol(v);
            if (id <= 0 || id > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("'id' : custom id has to be > 0");
            }
            ctx.settings().set(BindSettings.ID, (int) id);
        });
        r.bindOption("maxconn", "connection limit of this listener", ctx ->
                ctx.settings().set(BindSettings.MAXCONN, bindCount(ctx)));
        r.bindOption("backlog", "listen queue of this listener", ctx ->
                ctx.settings().set(BindSettings.BACKLOG, bindCount(ctx)));
        r.bindOption("v4v6", "accept IPv4 connections on an IPv6 socket", ctx -> ctx.settings().set(BindSettings.V6ONLY, false));
        r.bindOption("v6only", "accept only IPv6 on an IPv6 socket", ctx -> ctx.settings().set(BindSettings.V6ONLY, true));
        r.bindOption("defer-accept", "wake up on data, not on connect (TCP_DEFER_ACCEPT)", ctx ->
                ctx.settings().set(BindSettings.DEFER_ACCEPT, true));
        r.bindOption("tfo", "enable TCP fast open", ctx -> ctx.settings().set(BindSettings.TFO, true));
    }

    /** {@code maxconn}/{@code backlog} on a bind line: atol(), but present and not negative. */
    private static int bindCount(dev.fulcrum.config.LineOptionContext ctx) {
        String v = ctx.arg(0);
        if (v.isEmpty()) {
            throw new IllegalArgumentException("'" + ctx.option() + "' : missing value");
        }
        long n = Units.atol(v);
        if (n < 0) {
            throw new IllegalArgumentException("'" + ctx.option() + "' : invalid value " + n + ", must be >= 0");
        }
        if (!Units.isInteger(v)) {
            ctx.diagnostics().warning(ctx.location(), "'" + ctx.option() + "' expects an integer, '" + v
                    + "' is read as " + n + " (as HAProxy does).");
        }
        return (int) Math.min(Integer.MAX_VALUE, n);
    }

    private static void bind(KeywordContext ctx) throws ConfigException {
        String text = ctx.arg(0);
        if (text.isEmpty()) {
            throw ctx.error("'bind' expects {<path>|[addr1]:port1[-end1]}{,[addr]:port[-end]}... as arguments.");
        }
        List<Address> addresses;
        try {
            addresses = AddressParser.parseBindList(text, ctx.state().environment());
        } catch (IllegalArgumentException e) {
            throw ctx.error("'bind' : " + e.getMessage());
        }
        for (Address a : addresses) {
            if (a instanceof Address.Fd(int fd)) {
                String problem = dev.fulcrum.config.InheritedSocket.problem(fd);
                if (problem != null) {
                    throw ctx.error("'bind' : " + problem);
                }
            }
        }
        Settings.Builder options = Settings.builder();
        LineOptions.parse(ctx, 1, LineOption.Target.BIND, options, "'bind " + text + "'", Diagnostic.Style.PARSING);
        ctx.proxy().addBind(new BindConfig(ctx.location(), text, addresses, options.build()));
    }
}
