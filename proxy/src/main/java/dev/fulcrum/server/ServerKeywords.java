package dev.fulcrum.server;

import dev.fulcrum.config.Address;
import dev.fulcrum.config.AddressParser;
import dev.fulcrum.config.ConfigException;
import dev.fulcrum.config.Diagnostic;
import dev.fulcrum.config.Keyword;
import dev.fulcrum.config.KeywordContext;
import dev.fulcrum.config.KeywordProvider;
import dev.fulcrum.config.KeywordRegistry;
import dev.fulcrum.config.LineOption;
import dev.fulcrum.config.LineOptions;
import dev.fulcrum.config.ProxyConfig;
import dev.fulcrum.config.ServerConfig;
import dev.fulcrum.config.Settings;
import dev.fulcrum.config.Units;

import static dev.fulcrum.server.ServerSettings.*;

/**
 * {@code server} and {@code default-server} lines, and the server options that
 * describe the server itself: {@code id}, {@code disabled}/{@code enabled},
 * {@code weight}, {@code backup}, {@code maxconn}, {@code maxqueue}, {@code minconn}.
 */
public final class ServerKeywords implements KeywordProvider {

    @Override
    public void register(KeywordRegistry.Builder r) {
        r.proxy("server", Keyword.FATAL_WITHOUT_CAPABILITY, "a server of the backend", ServerKeywords::server);
        r.proxy("default-server", Keyword.FATAL_WITHOUT_CAPABILITY, "default options for the following servers",
                ctx -> LineOptions.parse(ctx, 0, LineOption.Target.SERVER, ctx.proxy().defaultServer(),
                        "'default-server'", Diagnostic.Style.BARE, "default-server"));

        // HAProxy finds servers sharing a name once every file is read
        r.check((config, diagnostics) -> {
            for (ProxyConfig p : config.proxies()) {
                java.util.Map<String, ServerConfig> seen = new java.util.HashMap<>();
                for (ServerConfig s : p.servers()) {
                    ServerConfig first = seen.putIfAbsent(s.name(), s);
                    if (first != null) {
                        diagnostics.alert(s.location(), p.kindName() + " '" + p.name() + "', another server named '"
                                + s.name() + "' was already defined at line " + first.location().line()
                                + ", please use distinct names.");
                    }
                }
            }
        });
        r.serverOption("id", "the server's numeric id", ctx -> {
            // atol() as in HAProxy: "1x" is 1; anything not positive is refused
            long id = dev.fulcrum.config.Units.atol(ctx.arg(0));
            if (ctx.arg(0).isEmpty()) {
                throw new IllegalArgumentException("'id' : expects an integer argument");
            }
            if (id <= 0 || id > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("'id' : custom id has to be > 0.");
            }
            ctx.settings().set(ID, (int) id);
        });
        r.serverOption("disabled", "start the server in maintenance", ctx -> ctx.settings().set(DISABLED, true));
        r.serverOption("enabled", "start the server ready (cancels 'disabled')", ctx -> ctx.settings().set(DISABLED, false));
        r.serverOption("weight", "share of the load, 0 to 256", ctx -> {
            // HAProxy reads the weight with atol(): a missing or malformed value is 0
            long w = dev.fulcrum.config.Units.atol(ctx.arg(0));
            if (w < 0 || w > 256) {
                throw new IllegalArgumentException("weight of server " + ctx.ownerName()
                        + " is not within 0 and 256 (" + w + ")..");
            }
            ctx.settings().set(WEIGHT, (int) w);
        });
        r.serverOption("backup", "only used when no active server is available", ctx -> ctx.settings().set(BACKUP, true));
        r.serverOption("no-backup", "cancels a default-server 'backup'", ctx -> ctx.settings().set(BACKUP, false));
        r.serverOption("maxconn", "concurrent connections before requests queue", ctx ->
                ctx.settings().set(MAXCONN, ctx.lenientCount(0)));
        r.serverOption("maxqueue", "queued requests before redispatch or 503", ctx ->
                ctx.settings().set(MAXQUEUE, ctx.lenientCount(0)));
        r.serverOption("minconn", "dynamic connection limit floor (with fullconn)", ctx ->
                ctx.settings().set(MINCONN, ctx.lenientCount(0)));
        StateKeywords.register(r);
        r.serverOption("pool-max-conn", "idle connections kept to the server (-1: no limit)", ctx -> {
            if (ctx.arg(0).isEmpty()) {
                throw new IllegalArgumentException("'pool-max-conn' expects <value> as argument..");
            }
            long n = Units.atol(ctx.arg(0));
            if (n < -1) {
                throw new IllegalArgumentException("'pool-max-conn' must be >= -1.");
            }
            ctx.settings().set(POOL_MAX_CONN, (int) Math.min(n, Integer.MAX_VALUE));
        });
        r.serverOption("pool-purge-delay", "interval at which half of the idle connections close", ctx -> {
            if (ctx.arg(0).isEmpty()) {
                throw new IllegalArgumentException("'pool-purge-delay' expects <value> as argument..");
            }
            ctx.settings().set(POOL_PURGE_DELAY, ctx.millis(0));
        });
    }

    private static void server(KeywordContext ctx) throws ConfigException {
        String name = ctx.arg(0);
        String addressText = ctx.arg(1);
        if (name.isEmpty() || addressText.isEmpty()) {
            throw new ConfigException(ctx.location(), "'server' expects <name> and <addr>[:<port>] as arguments.",
                    Diagnostic.Style.BARE);
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' || c == ':')) {
                throw new ConfigException(ctx.location(), "character '" + c + "' is not permitted in server name '"
                        + name + "'.", Diagnostic.Style.BARE);
            }
        }
        String what = "'server " + ctx.proxy().name() + "/" + name + "'";
        Address address;
        try {
            address = AddressParser.parse(addressText, AddressParser.Use.SERVER, ctx.state().environment());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(ctx.location(), what + " : " + e.getMessage(), Diagnostic.Style.BARE);
        }
        Settings.Builder options = ctx.proxy().defaultServer().build().toBuilder();
        LineOptions.parse(ctx, 2, LineOption.Target.SERVER, options, what, Diagnostic.Style.BARE, name);
        ctx.proxy().addServer(new ServerConfig(ctx.location(), name, addressText, address, options.build()));
    }
}
