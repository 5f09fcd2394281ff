package dev.fulcrum.runtime;

import dev.fulcrum.config.ConfigException;
import dev.fulcrum.config.KeywordContext;
import dev.fulcrum.config.KeywordProvider;
import dev.fulcrum.config.KeywordRegistry;
import dev.fulcrum.config.Setting;

import static dev.fulcrum.runtime.GlobalSettings.*;

/**
 * Process management and tuning keywords of the {@code global} section. Tuning
 * knobs for mechanisms Fulcrum does not have (splice pipes, poller selection,
 * memory pools) are accepted with a warning naming why they have no effect.
 */
public final class GlobalKeywords implements KeywordProvider {

    @Override
    public void register(KeywordRegistry.Builder r) {
        r.global("nbthread", "number of event-loop threads (default: one per core)", ctx -> {
            ctx.noMoreThan(1);
            String v = ctx.arg(0);
            if (!dev.fulcrum.config.Units.isInteger(v)) {
                throw ctx.error("'nbthread' passed a missing or unparsable integer value in '" + v + "'");
            }
            long n = v.length() > 11 ? Long.MAX_VALUE : Long.parseLong(v);
            if (n < 1 || n > 4096) {
                throw ctx.error("'nbthread' value must be between 1 and 4096 (was " + v + ")");
            }
            ctx.global().set(NBTHREAD, (int) n);
        });
        r.global("maxconn", "process-wide limit of concurrent connections", ctx -> {
            long n = ctx.lenientInteger(0);
            ctx.noMoreThan(1);
            ctx.global().set(MAXCONN, (int) Math.max(0, Math.min(Integer.MAX_VALUE, n)));
        });
        r.global("maxconnrate", "process-wide limit of new connections per second", ctx ->
                ctx.global().set(MAXCONNRATE, (int) ctx.integer(0, 0, Integer.MAX_VALUE)));
        r.global("maxsessrate", "process-wide limit of new sessions per second", ctx ->
                ctx.global().set(MAXSESSRATE, (int) ctx.integer(0, 0, Integer.MAX_VALUE)));
        r.global("pidfile", "write the process id to this file at startup", ctx -> {
            if (ctx.arg(0).isEmpty()) {
                throw ctx.error("'pidfile' expects a file name as an argument.");
            }
            ctx.noMoreThan(1);
            ctx.global().set(PIDFILE, ctx.arg(0));
        });
        r.global("hard-stop-after", "upper bound of a soft stop before remaining connections are killed", ctx -> {
            ctx.global().set(HARD_STOP_AFTER, ctx.millis(0));
            ctx.noMoreThan(1);
        });
        r.global("grace", "delay between a stop signal and the listeners closing", ctx -> {
            ctx.global().set(GRACE, ctx.millis(0));
            ctx.noMoreThan(1);
        });
        r.global("node", "node name shown on the stats page", ctx -> ctx.global().set(NODE, ctx.arg(0)));
        r.global("description", "description shown on the stats page", ctx ->
                ctx.global().set(DESCRIPTION, String.join(" ", ctx.args(0))));
        r.global("quiet", "do not print notices and warnings at startup", ctx -> ctx.global().set(QUIET, true));
        r.global("zero-warning", "refuse to start when a warning is emitted", ctx -> ctx.global().set(ZERO_WARNING, true));
        r.global("strict-limits", "fail to start when limits cannot be applied", ctx -> ctx.global().set(STRICT_LIMITS, true));
        r.global("setenv", "set an environment variable for the following lines", ctx -> {
            need(ctx, 2, "'setenv' expects a name and a value.");
            ctx.state().environment().set(ctx.arg(0), ctx.arg(1));
        });
        r.global("presetenv", "set an environment variable unless it exists", ctx -> {
            need(ctx, 2, "'presetenv' expects a name and a value.");
            ctx.state().environment().preset(ctx.arg(0), ctx.arg(1));
        });
        r.global("unsetenv", "remove environment variables", ctx -> {
            need(ctx, 1, "'unsetenv' expects at least one variable name.");
            for (String v : ctx.args(0)) {
                ctx.state().environment().unset(v);
            }
        });
        r.global("resetenv", "remove all environment variables but those listed", ctx ->
                ctx.state().environment().resetExcept(ctx.args(0)));

        size(r, "tune.bufsize", TUNE_BUFSIZE, 1024, 1 << 24);
        size(r, "tune.maxrewrite", TUNE_MAXREWRITE, 0, 1 << 23);
        integer(r, "tune.http.maxhdr", TUNE_HTTP_MAXHDR, 1, 32767);
        integer(r, "tune.http.logurilen", TUNE_HTTP_LOGURILEN, 0, 1 << 20);
        integer(r, "tune.http.cookielen", TUNE_HTTP_COOKIELEN, 0, 1 << 20);
        integer(r, "tune.maxaccept", TUNE_MAXACCEPT, -1, 1 << 20);
        size(r, "tune.rcvbuf.client", TUNE_RCVBUF_CLIENT, 0, Integer.MAX_VALUE);
        size(r, "tune.rcvbuf.server", TUNE_RCVBUF_SERVER, 0, Integer.MAX_VALUE);
        size(r, "tune.sndbuf.client", TUNE_SNDBUF_CLIENT, 0, Integer.MAX_VALUE);
        size(r, "tune.sndbuf.server", TUNE_SNDBUF_SERVER, 0, Integer.MAX_VALUE);
        r.global("tune.idletimer", "idle time before a stream stops being merged into larger buffers", ctx ->
                ctx.global().set(TUNE_IDLETIMER, ctx.millis(0)));

        String jvm = "memory and buffers are managed by the JVM and Netty";
        r.globalNoEffect("tune.buffers.limit", 1, jvm);
        r.globalNoEffect("tune.buffers.reserve", 1, jvm);
        r.globalNoEffect("tune.pool-high-fd-ratio", 1, jvm);
        r.globalNoEffect("tune.pool-low-fd-ratio", 1, jvm);
        r.globalNoEffect("tune.idle-pool.shared", 1, jvm);
        r.globalNoEffect("no-memory-trimming", 0, jvm);
        r.globalNoEffect("tune.fail-alloc", 1, jvm);
        String splice = "Fulcrum does not use splice()";
        r.globalNoEffect("tune.pipesize", 1, splice);
        r.globalNoEffect("maxpipes", 1, splice);
        r.globalNoEffect("nosplice", 0, splice);
        String poller = "Netty selects the poller (epoll, else NIO)";
        r.globalNoEffect("noepoll", 0, poller);
        r.globalNoEffect("noevports", 0, poller);
        r.globalNoEffect("nokqueue", 0, poller);
        r.globalNoEffect("nopoll", 0, poller);
        r.globalNoEffect("tune.fd.edge-triggered", 1, poller);
        r.globalNoEffect("tune.maxpollevents", 1, poller);
        r.globalNoEffect("busy-polling", 0, poller);
        String scheduler = "Netty's event loops schedule tasks";
        r.globalNoEffect("tune.runqueue-depth", 1, scheduler);
        r.globalNoEffect("tune.sched.low-latency", 1, scheduler);
        r.globalNoEffect("tune.recv_enough", 1, scheduler);
        r.globalNoEffect("tune.listener.multi-queue", 1, scheduler);
        r.globalNoEffect("profiling.tasks", 1, "task profiling is HAProxy-internal");
        r.globalNoEffect("nogetaddrinfo", 0, "name resolution uses the JDK resolver");
        r.globalNoEffect("noreuseport", 0, "listeners are bound once per address");
        r.globalNoEffect("ulimit-n", 1, "the file-descriptor limit is the one the process starts with");
        r.globalNoEffect("fd-hard-limit", 1, "the file-descriptor limit is the one the process starts with");
        r.globalNoEffect("set-dumpable", 0, "core dumps are controlled by the JVM");
        r.globalNoEffect("tune.pattern.cache-size", 1, "pattern matching uses precompiled matchers, not an LRU cache");
    }

    private static void need(KeywordContext ctx, int n, String message) throws ConfigException {
        if (ctx.argCount() < n) {
            throw ctx.error(message);
        }
    }

    private static void size(KeywordRegistry.Builder r, String name, Setting<Integer> key, long min, long max) {
        r.global(name, name + " (bytes, k/m/g suffixes allowed)", ctx -> {
            long v = ctx.size(0);
            if (v < min || v > max) {
                throw ctx.error(ctx.quoted() + " value " + v + " is out of range (expected: " + min + "-" + max + ").");
            }
            ctx.noMoreThan(1);
            ctx.global().set(key, (int) v);
        });
    }

    private static void integer(KeywordRegistry.Builder r, String name, Setting<Integer> key, long min, long max) {
        r.global(name, name, ctx -> {
            ctx.global().set(key, (int) ctx.integer(0, min, max));
            ctx.noMoreThan(1);
        });
    }
}
