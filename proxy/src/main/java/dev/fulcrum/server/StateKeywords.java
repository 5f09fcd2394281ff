package dev.fulcrum.server;

import dev.fulcrum.config.KeywordRegistry;
import dev.fulcrum.config.Units;

/**
 * Server options about state changes: {@code slowstart}, {@code track},
 * {@code redir}, {@code on-marked-down}, {@code on-marked-up}, with haproxy -c's
 * messages. That a tracked server exists and is checked is verified by the check room.
 */
final class StateKeywords {

    private StateKeywords() {
    }

    static void register(KeywordRegistry.Builder r) {
        r.serverOption("slowstart", "ramp the weight up over this delay after the server comes up", ctx -> {
            String v = ctx.arg(0);
            long ms;
            try {
                ms = Units.millis(v, "'slowstart' argument of server " + ctx.ownerName() + ".");
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage() + ".");
            }
            ctx.settings().set(ServerSettings.SLOWSTART, ms);
        });
        r.serverOption("track", "follow another server's state instead of checking", ctx -> {
            if (ctx.arg(0).isEmpty()) {
                throw new IllegalArgumentException("'track' expects [<proxy>/]<server> as argument..");
            }
            ctx.settings().set(ServerSettings.TRACK, ctx.arg(0));
        });
        r.serverOption("init-addr", "how the address is found at start (checked; Fulcrum resolves at start)", ctx -> {
            // last, libc, none or an IP address, comma-separated; Fulcrum resolves at start in any case
            for (String m : ctx.arg(0).split(",", -1)) {
                if (!m.equals("last") && !m.equals("libc") && !m.equals("none")
                        && !isIpLiteral(m)) {
                    throw new IllegalArgumentException("'init-addr' : unknown init-addr method '" + m
                            + "', supported methods are 'libc', 'last', 'none'..");
                }
            }
        });
        r.serverOption("redir", "answer GET and HEAD with a redirect to this prefix", ctx -> {
            if (ctx.arg(0).isEmpty()) {
                throw new IllegalArgumentException("'redir' expects <prefix> as argument..");
            }
            ctx.settings().set(ServerSettings.REDIR, ctx.arg(0));
        });
        r.serverOption("on-marked-down", "shutdown-sessions: close the server's sessions when it goes down", ctx -> {
            if (!ctx.arg(0).equals("shutdown-sessions")) {
                throw new IllegalArgumentException("'on-marked-down' expects 'shutdown-sessions' but got '"
                        + ctx.arg(0) + "'.");
            }
            ctx.settings().set(ServerSettings.SHUTDOWN_ON_DOWN, true);
        });
        r.serverOption("on-marked-up", "shutdown-backup-sessions: close backup sessions when this server comes up",
                ctx -> {
                    if (!ctx.arg(0).equals("shutdown-backup-sessions")) {
                        throw new IllegalArgumentException("'on-marked-up' expects 'shutdown-backup-sessions' but got '"
                                + ctx.arg(0) + "'.");
                    }
                    ctx.settings().set(ServerSettings.SHUTDOWN_BACKUPS_ON_UP, true);
                });
    }

    private static boolean isIpLiteral(String v) {
        try {
            java.net.InetAddress.ofLiteral(v);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
