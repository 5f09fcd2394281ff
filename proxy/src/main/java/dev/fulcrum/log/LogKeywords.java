package dev.fulcrum.log;

import dev.fulcrum.config.ConfigException;
import dev.fulcrum.config.Diagnostic;
import dev.fulcrum.config.KeywordContext;
import dev.fulcrum.config.KeywordProvider;
import dev.fulcrum.config.KeywordRegistry;
import dev.fulcrum.config.Setting;
import dev.fulcrum.logformat.LogFormat;
import dev.fulcrum.logformat.LogFormatException;
import dev.fulcrum.sample.CompileContext;
import dev.fulcrum.sample.UseSite;

import static dev.fulcrum.log.LogSettings.*;

/**
 * The logging keywords: {@code log}, {@code log-tag}, {@code log-send-hostname},
 * {@code log-format}, {@code log-format-sd}, the log options ({@code httplog},
 * {@code tcplog}, {@code dontlognull}, {@code log-separate-errors},
 * {@code dontlog-normal}) and {@code unique-id-format}/{@code unique-id-header},
 * with haproxy 2.6's messages.
 */
public final class LogKeywords implements KeywordProvider {

    @Override
    public void register(KeywordRegistry.Builder r) {
        r.global("log", "a syslog target for process messages and 'log global' proxies", ctx ->
                ctx.global().add(GLOBAL_TARGETS, LogTarget.parse(ctx, false)));
        r.global("log-send-hostname", "write this host name (default: the system's) in syslog headers", ctx ->
                ctx.global().set(SEND_HOSTNAME, ctx.arg(0).isEmpty() ? systemHostName() : ctx.arg(0)));
        r.global("log-tag", "the tag (program name) of syslog headers", ctx -> {
            if (ctx.arg(0).isEmpty()) {
                throw ctx.error("'log-tag' expects a tag for use in syslog.");
            }
            ctx.global().set(GLOBAL_TAG, ctx.arg(0));
        });
        r.proxy("log", "where this proxy's logs go ('log global' for the global targets)", LogKeywords::log);
        r.proxy("log-tag", "the tag (program name) of this proxy's syslog headers", ctx -> {
            if (ctx.arg(0).isEmpty()) {
                throw ctx.error("'log-tag' expects a tag for use in syslog.");
            }
            ctx.settings().set(TAG, ctx.arg(0));
        });
        r.proxy("log-format", "custom format of traffic log lines", ctx -> {
            LogFormat f = compile(ctx, "log-format", "log-format", LogFormat.Target.LOG, UseSite.FE_LOG_END);
            ctx.settings().set(FORMAT, new TrafficFormat(TrafficFormat.Kind.CUSTOM, f));
        });
        r.proxy("log-format-sd", "RFC 5424 structured data of traffic log lines", ctx ->
                ctx.settings().set(FORMAT_SD, compile(ctx, "log-format-sd", "log-format-sd", LogFormat.Target.LOG, UseSite.FE_LOG_END)));
        r.proxy("option httplog", "log each HTTP request with HAProxy's HTTP format ('clf': common log format)",
                ctx -> {
                    if (!ctx.arg(0).isEmpty() && !ctx.arg(0).equals("clf")) {
                        throw ctx.error("keyword 'httplog' only supports option 'clf'.");
                    }
                    ctx.noMoreThan(1);
                    ctx.settings().set(FORMAT, ctx.arg(0).isEmpty() ? TrafficFormat.HTTPLOG : TrafficFormat.CLF);
                });
        r.proxy("option tcplog", "log each connection with HAProxy's TCP format", ctx -> {
            ctx.noMoreThan(0);
            ctx.settings().set(FORMAT, TrafficFormat.TCPLOG);
        });
        r.proxyFlag("option dontlognull", "do not log connections that sent no request", DONTLOGNULL);
        r.proxyFlag("option log-separate-errors", "log failed requests at level 'err' instead of 'info'",
                SEPARATE_ERRORS);
        r.proxyFlag("option dontlog-normal", "log only failed requests", DONTLOG_NORMAL);
        r.proxy("unique-id-format", "format of each request's unique id (%ID, unique-id fetch)", ctx ->
                ctx.settings().set(UNIQUE_ID_FORMAT, compile(ctx, "unique-id-format", "unique-id", LogFormat.Target.HTTP,
                        UseSite.httpRequest(ctx.proxy().hasFrontend()))));
        r.proxy("unique-id-header", "request header that carries the unique id to the server", ctx -> {
            if (ctx.arg(0).isEmpty()) {
                throw ctx.error("unique-id-header expects an argument.");
            }
            ctx.noMoreThan(1);
            ctx.settings().set(UNIQUE_ID_HEADER, ctx.arg(0));
        });
    }

    private static void log(KeywordContext ctx) throws ConfigException {
        if (ctx.negated()) {
            if (ctx.argCount() > 0 && !ctx.arg(0).isEmpty()) {
                throw ctx.error("log : 'no log' does not expect arguments");
            }
            ctx.settings().set(TARGETS, java.util.List.of());
            return;
        }
        if (ctx.arg(0).equals("global")) {
            if (ctx.argCount() > 1 && !ctx.arg(1).isEmpty()) {
                throw ctx.error("log : unknown log facility '" + ctx.arg(1) + "'");
            }
            ctx.settings().add(TARGETS, LogTarget.global(ctx.location()));
            return;
        }
        ctx.settings().add(TARGETS, LogTarget.parse(ctx, true));
    }

    /** Compiles the single argument of a format statement; {@code what} names it in messages as haproxy does. */
    private static LogFormat compile(KeywordContext ctx, String keyword, String what, LogFormat.Target target,
                                     UseSite site) throws ConfigException {
        if (ctx.arg(0).isEmpty()) {
            throw ctx.error(keyword + " expects an argument.");
        }
        if (ctx.argCount() > 1 && !ctx.arg(1).isEmpty()) {
            throw ctx.error(keyword + " expects only one argument, don't forget to escape spaces!");
        }
        try {
            return LogFormat.parse(ctx.arg(0), CompileContext.of(ctx, site, keyword),
                    target, true);
        } catch (LogFormatException e) {
            throw new ConfigException(ctx.location(), "failed to parse " + what + " : " + e.sentence(),
                    Diagnostic.Style.LATE);
        }
    }

    /** The kernel's host name, as gethostname() gives it (no name resolution). */
    static String systemHostName() {
        try {
            String name = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/hostname")).trim();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux: fall back to the environment
        }
        String env = System.getenv("HOSTNAME");
        return env != null && !env.isEmpty() ? env : "localhost";
    }
}
