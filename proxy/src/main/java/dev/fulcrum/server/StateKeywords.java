package dev.fulcrum.server;

import dev.fulcrum.config.KeywordRegistry;
import dev.fulcrum.config.ProxyConfig;
import dev.fulcrum.config.ServerConfig;
import dev.fulcrum.config.Units;

/**
 * Server options about state changes: {@code slowstart}, {@code track},
 * {@code redir}, {@code on-marked-down}, {@code on-marked-up}, and the check that
 * every tracked server exists and is itself checked, with haproxy -c's messages.
 */
final class StateKeywords {

    private StateKeywords() {
    }

    static void register(KeywordRegistry.Builder r) {
        r.serverOption("slowstart", "ramp the weight up over this delay after the server comes up", ctx -> {
            String v = ctx.arg(0);
            long ms = Units.millis(v, "'slowstart' argument of server " + ctx.ownerName() + ".");
            ctx.settings().set(ServerSettings.SLOWSTART, ms);
        });
        r.serverOption("track", "follow another server's state instead of checking", ctx -> {
            if (ctx.arg(0).isEmpty()) {
                throw new IllegalArgumentException("'track' expects [<proxy>/]<server> as argument..");
            }
            ctx.settings().set(ServerSettings.TRACK, ctx.arg(0));
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
        r.check((config, diagnostics) -> {
            for (ProxyConfig p : config.proxies()) {
                for (ServerConfig s : p.servers()) {
                    String track = s.get(ServerSettings.TRACK);
                    if (track.isEmpty()) {
                        continue;
                    }
                    String what = "'server " + p.name() + "/" + s.name() + "' : ";
                    int slash = track.indexOf('/');
                    String proxyName = slash < 0 ? p.name() : track.substring(0, slash);
                    String serverName = track.substring(slash + 1);
                    ProxyConfig target = null;
                    for (ProxyConfig q : config.proxies()) {
                        if (q.name().equals(proxyName) && q.hasBackend()) {
                            target = q;
                        }
                    }
                    if (target == null) {
                        diagnostics.alert(s.location(), what + "unable to find required proxy '" + proxyName
                                + "' for tracking.");
                        continue;
                    }
                    ServerConfig followed = target.server(serverName);
                    if (followed == null) {
                        diagnostics.alert(s.location(), what + "unable to find required server '" + serverName
                                + "' for tracking.");
                        continue;
                    }
                    if (!followed.get(dev.fulcrum.check.CheckSettings.CHECK)
                            && !followed.get(dev.fulcrum.check.CheckSettings.AGENT_CHECK)
                            && followed.get(ServerSettings.TRACK).isEmpty()) {
                        diagnostics.alert(s.location(), what + "unable to use " + proxyName + "/" + serverName
                                + " for tracking as it does not have any check nor agent enabled.");
                    }
                }
            }
        });
    }
}
