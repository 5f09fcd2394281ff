package dev.fulcrum.sample;

import java.util.function.ToLongFunction;

import static dev.fulcrum.sample.ArgType.BE;
import static dev.fulcrum.sample.ArgType.FE;
import static dev.fulcrum.sample.ArgType.SRV;
import static dev.fulcrum.sample.SampleSource.*;

/**
 * Fetches about proxies, servers and listeners (configuration.txt 7.3.2, 7.3.3),
 * plus the {@code nbsrv} and {@code srv_queue} converters that look them up by a
 * name computed at run time.
 */
final class ProxyFetches implements SampleProvider {

    @Override
    public void register(SampleRegistry.Builder r) {
        r.fetch("fe_name", SampleType.STR, FTEND, (ctx, out) -> ctx.frontend() != null && out.setStr(ctx.frontend().name()));
        r.fetch("fe_id", SampleType.SINT, FTEND, (ctx, out) -> ctx.frontend() != null && out.setSint(ctx.frontend().id()));
        r.fetch("fe_defbe", SampleType.STR, FTEND, (ctx, out) -> {
            String be = ctx.frontend() == null ? null : ctx.frontend().defaultBackend();
            return be != null && out.setStr(be);
        });
        r.fetch("be_name", SampleType.STR, BKEND, (ctx, out) -> ctx.backend() != null && out.setStr(ctx.backend().name()));
        r.fetch("be_id", SampleType.SINT, BKEND, (ctx, out) -> ctx.backend() != null && out.setSint(ctx.backend().id()));
        r.fetch("srv_name", SampleType.STR, SERVR, (ctx, out) -> ctx.server() != null && out.setStr(ctx.server().name()));
        r.fetch("srv_id", SampleType.SINT, SERVR, (ctx, out) -> ctx.server() != null && out.setSint(ctx.server().id()));
        r.fetch("be_server_timeout", SampleType.SINT, BKEND, (ctx, out) -> current(ctx) != null
                && out.setSint(current(ctx).serverTimeout()));
        r.fetch("be_tunnel_timeout", SampleType.SINT, BKEND, (ctx, out) -> current(ctx) != null
                && out.setSint(current(ctx).tunnelTimeout()));
        r.fetch("fe_client_timeout", SampleType.SINT, FTEND, (ctx, out) -> ctx.frontend() != null
                && out.setSint(ctx.frontend().clientTimeout()));
        r.fetch("cur_server_timeout", SampleType.SINT, BKEND, (ctx, out) -> ctx.currentServerTimeout() >= 0
                && out.setSint(ctx.currentServerTimeout()));
        r.fetch("cur_tunnel_timeout", SampleType.SINT, BKEND, (ctx, out) -> ctx.currentTunnelTimeout() >= 0
                && out.setSint(ctx.currentTunnelTimeout()));
        r.fetch("so_id", SampleType.SINT, LISTN, (ctx, out) -> ctx.listenerId() >= 0 && out.setSint(ctx.listenerId()));
        r.fetch("so_name", SampleType.STR, LISTN, (ctx, out) -> ctx.listenerName() != null
                && out.setStr(ctx.listenerName()));

        backendFetch(r, "nbsrv", ProxyView::usableServers);
        backendFetch(r, "be_conn", ProxyView::currentConns);
        backendFetch(r, "be_sess_rate", ProxyView::sessionRate);
        backendFetch(r, "queue", ProxyView::queued);
        backendFetch(r, "avg_queue", ProxyFetches::avgQueue);
        backendFetch(r, "connslots", ProxyFetches::connSlots);
        backendFetch(r, "be_conn_free", ProxyFetches::freeConns);
        frontendFetch(r, "fe_conn", ProxyView::currentConns);
        frontendFetch(r, "fe_sess_rate", ProxyView::sessionRate);

        serverFetch(r, "srv_conn", SampleType.SINT, (s, out) -> out.setSint(s.currentConns()));
        serverFetch(r, "srv_queue", SampleType.SINT, (s, out) -> out.setSint(s.queued()));
        serverFetch(r, "srv_sess_rate", SampleType.SINT, (s, out) -> out.setSint(s.sessionRate()));
        serverFetch(r, "srv_is_up", SampleType.BOOL, (s, out) -> out.setBool(s.isUp()));
        serverFetch(r, "srv_weight", SampleType.SINT, (s, out) -> out.setSint(s.currentWeight()));
        serverFetch(r, "srv_iweight", SampleType.SINT, (s, out) -> out.setSint(s.initialWeight()));
        serverFetch(r, "srv_uweight", SampleType.SINT, (s, out) -> out.setSint(s.userWeight()));
        serverFetch(r, "srv_conn_free", SampleType.SINT, (s, out) ->
                out.setSint(s.maxconn() == 0 ? -1 : Math.max(0, s.maxconn() - s.currentConns())));

        r.converter("nbsrv", SampleType.STR, SampleType.SINT, (ctx, s) -> {
            ProxyView be = ctx.engine().backend(s.str());
            return be != null && s.setSint(be.usableServers());
        });
        r.converter("srv_queue", SampleType.STR, SampleType.SINT, (ctx, s) -> {
            ServerView srv = server(ctx, s.str());
            return srv != null && s.setSint(srv.queued());
        });
    }

    /** A fetch of a backend counter; without argument, the current backend's. */
    private static void backendFetch(SampleRegistry.Builder r, String name, ToLongFunction<ProxyView> value) {
        r.fetch(name, ArgSpec.of(0, BE), SampleType.SINT, INTRN, (a, cc) -> {
            String be = a.str(0, "");
            cc.require(SampleReference.Kind.BACKEND, be, 1);
            return (ctx, out) -> {
                ProxyView p = be.isEmpty() ? current(ctx) : ctx.engine().backend(be);
                return p != null && out.setSint(value.applyAsLong(p));
            };
        });
    }

    private static void frontendFetch(SampleRegistry.Builder r, String name, ToLongFunction<ProxyView> value) {
        r.fetch(name, ArgSpec.of(0, FE), SampleType.SINT, INTRN, (a, cc) -> {
            String fe = a.str(0, "");
            cc.require(SampleReference.Kind.FRONTEND, fe, 1);
            return (ctx, out) -> {
                ProxyView p = fe.isEmpty() ? ctx.frontend() : ctx.engine().frontend(fe);
                return p != null && out.setSint(value.applyAsLong(p));
            };
        });
    }

    private interface ServerValue {
        boolean write(ServerView s, Sample out);
    }

    private static void serverFetch(SampleRegistry.Builder r, String name, SampleType type, ServerValue value) {
        r.fetch(name, ArgSpec.of(1, SRV), type, INTRN, (a, cc) -> {
            String ref = a.str(0);
            cc.require(SampleReference.Kind.SERVER, ref, 1);
            return (ctx, out) -> {
                ServerView s = server(ctx, ref);
                return s != null && value.write(s, out);
            };
        });
    }

    /** The proxy "the current backend" means: the chosen backend, or the listen section itself. */
    private static ProxyView current(SampleContext ctx) {
        return ctx.backend() != null ? ctx.backend() : ctx.frontend();
    }

    /** {@code backend/server} or a server of the current backend. */
    private static ServerView server(SampleContext ctx, String ref) {
        int slash = ref.indexOf('/');
        ProxyView p = slash < 0 ? current(ctx) : ctx.engine().backend(ref.substring(0, slash));
        return p == null ? null : p.server(slash < 0 ? ref : ref.substring(slash + 1));
    }

    /** Queued requests per active server, rounded up; twice the queue when no server is active. */
    private static long avgQueue(ProxyView p) {
        int n = p.activeServers();
        long q = p.queued();
        return n > 0 ? (q + n - 1) / n : 2 * q;
    }

    /** Free connection and queue slots of the usable servers; -1 when one of them is unlimited. */
    private static long connSlots(ProxyView p) {
        long total = 0;
        for (ServerView s : p.servers()) {
            if (!s.isUsable()) {
                continue;
            }
            if (s.maxconn() == 0 || s.maxqueue() == 0) {
                return -1;
            }
            total += (long) (s.maxconn() - s.currentConns()) + (s.maxqueue() - s.queued());
        }
        return total;
    }

    /** Free connection slots of the usable active servers (or backups when none); -1 when one is unlimited. */
    private static long freeConns(ProxyView p) {
        boolean anyActive = false;
        for (ServerView s : p.servers()) {
            anyActive |= s.isUsable() && !s.isBackup();
        }
        long total = 0;
        for (ServerView s : p.servers()) {
            if (!s.isUsable() || s.isBackup() == anyActive) {
                continue;
            }
            if (s.maxconn() == 0) {
                return -1;
            }
            total += Math.max(0, s.maxconn() - s.currentConns());
        }
        return total;
    }
}
