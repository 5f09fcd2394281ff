package dev.fulcrum.tcp;

import dev.fulcrum.config.ConfigException;
import dev.fulcrum.config.KeywordContext;
import dev.fulcrum.config.KeywordProvider;
import dev.fulcrum.config.KeywordRegistry;
import dev.fulcrum.config.Setting;
import dev.fulcrum.config.Units;

import static dev.fulcrum.tcp.TcpSettings.*;

/** Keywords of socket options: TCP keep-alive on either side and {@code option nolinger}. */
public final class TcpKeywords implements KeywordProvider {

    /** HAProxy's largest keep-alive time, in seconds. */
    private static final long MAX_SECONDS = Integer.MAX_VALUE;

    @Override
    public void register(KeywordRegistry.Builder r) {
        r.proxyFlag("option clitcpka", "send TCP keep-alive probes on client connections", CLIENT_KEEPALIVE);
        r.proxyFlag("option srvtcpka", "send TCP keep-alive probes on server connections", SERVER_KEEPALIVE);
        r.proxy("option tcpka", "send TCP keep-alive probes on client and server connections", ctx -> {
            ctx.noMoreThan(0);
            // a frontend only has client connections and a backend only server ones, as in haproxy
            ctx.settings().set(CLIENT_KEEPALIVE, true);
            ctx.settings().set(SERVER_KEEPALIVE, true);
        });
        r.proxyFlag("option nolinger", "reset connections on close instead of lingering (SO_LINGER 0)", NOLINGER);
        count(r, "clitcpka-cnt", "keep-alive probes sent before dropping a client connection (TCP_KEEPCNT)",
                CLIENT_KEEPALIVE_COUNT);
        seconds(r, "clitcpka-idle", "idle time before keep-alive probes on client connections (TCP_KEEPIDLE, s)",
                CLIENT_KEEPALIVE_IDLE);
        seconds(r, "clitcpka-intvl", "time between keep-alive probes on client connections (TCP_KEEPINTVL, s)",
                CLIENT_KEEPALIVE_INTERVAL);
        count(r, "srvtcpka-cnt", "keep-alive probes sent before dropping a server connection (TCP_KEEPCNT)",
                SERVER_KEEPALIVE_COUNT);
        seconds(r, "srvtcpka-idle", "idle time before keep-alive probes on server connections (TCP_KEEPIDLE, s)",
                SERVER_KEEPALIVE_IDLE);
        seconds(r, "srvtcpka-intvl", "time between keep-alive probes on server connections (TCP_KEEPINTVL, s)",
                SERVER_KEEPALIVE_INTERVAL);
    }

    /** haproxy reads the count with {@code atol()}: only a missing value is an error. */
    private static void count(KeywordRegistry.Builder r, String name, String summary, Setting<Integer> key) {
        r.proxy(name, summary, ctx -> {
            if (ctx.arg(0).isEmpty()) {
                throw ctx.error("'" + name + "' expects an integer value");
            }
            ctx.settings().set(key, (int) Math.max(0, Math.min(Integer.MAX_VALUE, Units.atol(ctx.arg(0)))));
        });
    }

    private static void seconds(KeywordRegistry.Builder r, String name, String summary, Setting<Integer> key) {
        r.proxy(name, summary, ctx -> ctx.settings().set(key, seconds(ctx, name)));
    }

    /** A time in seconds unless a unit is given; a non-zero time under a second is refused as haproxy does. */
    static int seconds(KeywordContext ctx, String name) throws ConfigException {
        String v = ctx.arg(0);
        if (v.isEmpty()) {
            throw ctx.error("'" + name + "' expects an integer value");
        }
        String what = "<" + name + ">";
        long us;
        try {
            us = Units.micros(v.chars().allMatch(Character::isDigit) ? v + "s" : v, "argument to " + what,
                    MAX_SECONDS * 1_000_000L);
        } catch (IllegalArgumentException e) {
            if (e.getMessage().startsWith("timer overflow")) {
                throw ctx.error("timer overflow in argument <" + v + "> to " + what
                        + ", maximum value is 2147483647 s (~68 years).");
            }
            throw ctx.error(e.getMessage() + ".");
        }
        long s = us / 1_000_000L;
        if (s == 0 && us > 0) {
            throw ctx.error("timer underflow in argument <" + v + "> to " + what
                    + ", minimum non-null value is 1 s.");
        }
        return (int) Math.min(s, MAX_SECONDS);
    }
}
