package dev.fulcrum.backend;

import dev.fulcrum.config.ProxyConfig;
import dev.fulcrum.http.ConnectionMode;
import dev.fulcrum.http.ForwardFor;
import dev.fulcrum.http.HttpSettings;
import dev.fulcrum.lb.LbSettings;
import dev.fulcrum.proxy.Mode;
import dev.fulcrum.proxy.ProxyCounters;
import dev.fulcrum.proxy.ProxySettings;
import dev.fulcrum.queue.Pending;
import dev.fulcrum.queue.PendingQueue;
import dev.fulcrum.sample.SampleExpr;
import dev.fulcrum.server.Server;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A backend at runtime: its servers, how one is chosen, its queue of requests
 * waiting for a slot, and its counters. Shared by all event loops.
 */
public final class Backend implements dev.fulcrum.sample.ProxyView, dev.fulcrum.server.ServerFarm {

    private final ProxyConfig config;
    private java.util.Map<Integer, dev.fulcrum.http.ErrorPages.Page> errorPages = java.util.Map.of();
    private final List<Server> servers;
    private final ServerSelector selector;
    private final PendingQueue queue = new PendingQueue();
    private final ProxyCounters counters = new ProxyCounters();
    private final int fullconn;
    private volatile dev.fulcrum.server.StateEvents events = new dev.fulcrum.server.StateEvents();
    private volatile java.util.concurrent.ScheduledExecutorService scheduler;

    public final long timeoutConnect;
    public final long timeoutServer;
    public final long timeoutQueue;
    public final long timeoutTunnel;
    public final long timeoutServerFin;
    public final long timeoutHttpKeepAlive;
    public final int retries;
    public final RetryOn retryOn;
    public final int redispatch;
    private final boolean redispatchQueued;
    public final HttpReuse reuse;
    public final ConnectionMode connectionMode;
    public final ForwardFor forwardFor;
    public final ForwardFor originalTo;
    /** Socket options of server connections (keep-alive probes, nolinger). */
    public final dev.fulcrum.tcp.SocketOptions serverSocket;
    /** {@code option http-pretend-keepalive}. */
    public final boolean pretendKeepAlive;
    public final String sendNameHeader;
    /** {@code option http-buffer-request}: wait for the request body before the backend's rules. */
    public final boolean bufferRequest;
    /** {@code option abortonclose}. */
    public final boolean abortOnClose;
    /** {@code timeout http-request} of the backend: how long its {@code option http-buffer-request} waits. */
    public final long timeoutHttpRequest;
    /** The expression of {@code balance hash <expr>}, or {@code null}. */
    public final SampleExpr hashExpression;
    /** The {@code cookie} persistence of the backend, or {@code null}. */
    public final dev.fulcrum.cookie.CookiePersistence cookies;

    private final dev.fulcrum.action.ProxyRules rules;

    public Backend(ProxyConfig config, List<Server> servers, int fullconn) {
        this.config = requireNonNull(config, "config");
        this.rules = dev.fulcrum.action.ProxyRules.of(config);
        this.servers = List.copyOf(servers);
        this.fullconn = fullconn;
        this.selector = new ServerSelector(dev.fulcrum.lb.Balancer.create(config, this.servers), this.servers);
        for (Server s : this.servers) {
            s.limitSupplier(() -> limitOf(s));
            s.attach(this);
        }
        this.timeoutConnect = config.get(ProxySettings.TIMEOUT_CONNECT);
        this.timeoutServer = config.get(ProxySettings.TIMEOUT_SERVER);
        this.timeoutQueue = config.get(ProxySettings.TIMEOUT_QUEUE) > 0 ? config.get(ProxySettings.TIMEOUT_QUEUE)
                : timeoutConnect; // HAProxy: an unset queue timeout takes the connect timeout
        this.timeoutTunnel = config.get(ProxySettings.TIMEOUT_TUNNEL);
        this.timeoutServerFin = config.get(ProxySettings.TIMEOUT_SERVER_FIN);
        this.timeoutHttpKeepAlive = config.get(ProxySettings.TIMEOUT_HTTP_KEEP_ALIVE);
        this.retries = config.get(BackendSettings.RETRIES);
        this.retryOn = config.get(BackendSettings.RETRY_ON);
        this.redispatch = config.get(BackendSettings.REDISPATCH);
        this.redispatchQueued = config.get(BackendSettings.REDISPATCH_QUEUED);
        this.reuse = config.get(BackendSettings.HTTP_REUSE);
        this.connectionMode = config.get(HttpSettings.CONNECTION_MODE);
        this.forwardFor = config.get(HttpSettings.FORWARD_FOR);
        this.originalTo = config.get(HttpSettings.ORIGINAL_TO);
        this.serverSocket = dev.fulcrum.tcp.SocketOptions.server(config);
        this.pretendKeepAlive = config.get(HttpSettings.PRETEND_KEEPALIVE);
        this.sendNameHeader = config.get(BackendSettings.SEND_NAME_HEADER);
        this.bufferRequest = config.get(HttpSettings.BUFFER_REQUEST);
        this.abortOnClose = config.get(HttpSettings.ABORT_ON_CLOSE);
        this.timeoutHttpRequest = config.get(ProxySettings.TIMEOUT_HTTP_REQUEST);
        this.hashExpression = config.get(LbSettings.HASH_EXPRESSION);
        this.cookies = dev.fulcrum.cookie.CookiePersistence.of(config, this.servers);
    }

    /** The http-request/response rules and use-server rules of this backend. */
    public dev.fulcrum.action.ProxyRules rules() {
        return rules;
    }

    public ProxyConfig config() {
        return config;
    }

    /** Connects the backend to the running engine: where state changes are reported, what runs timed work. */
    public void runtime(dev.fulcrum.server.StateEvents events, java.util.concurrent.ScheduledExecutorService scheduler) {
        this.events = requireNonNull(events, "events");
        this.scheduler = requireNonNull(scheduler, "scheduler");
    }

    // ---- what server state changes need (ServerFarm) ----

    @Override
    public String kind() {
        return config.hasFrontend() ? "proxy" : "backend";
    }

    /**
     * With {@code option redispatch}, the requests queued on a server that went
     * down (or into maintenance or drain) choose a server again, except those a
     * {@code force-persist} condition keeps there; without it they wait for that
     * server, which still serves its own queue, or for their queue timeout.
     */
    @Override
    public int redistribute(Server server) {
        if (!redispatchQueued) {
            return 0;
        }
        int moved = server.queue().redistribute();
        if (moved > 0) {
            selector.loadChanged(server);
        }
        return moved;
    }

    @Override
    public boolean dynamicWeights() {
        return !selector.balancer().options().staticWeights();
    }

    @Override
    public int grab(Server server) {
        int before = queue.size() + server.queue().size();
        offerSlots(server);
        return Math.max(0, before - queue.size() - server.queue().size());
    }

    @Override
    public dev.fulcrum.server.StateEvents events() {
        return events;
    }

    @Override
    public java.util.concurrent.ScheduledExecutorService scheduler() {
        return scheduler;
    }

    public String name() {
        return config.name();
    }

    /** The custom error page for {@code status}, or {@code null} for the built-in one. */
    public dev.fulcrum.http.ErrorPages.Page errorPage(int status) {
        return errorPages.get(status);
    }

    /** Installs the proxy's custom error pages (errorfile, errorloc, errorfiles), once, at build time. */
    public void errorPages(java.util.Map<Integer, dev.fulcrum.http.ErrorPages.Page> pages) {
        this.errorPages = java.util.Map.copyOf(pages);
    }

    public int id() {
        return config.id();
    }

    public Mode mode() {
        return config.get(ProxySettings.MODE);
    }

    public List<Server> servers() {
        return servers;
    }

    public Server server(String name) {
        for (Server s : servers) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }

    public ServerSelector selector() {
        return selector;
    }

    public PendingQueue queue() {
        return queue;
    }

    public ProxyCounters counters() {
        return counters;
    }

    public int fullconn() {
        return fullconn;
    }

    /** The connection limit of {@code s} at the backend's current load. */
    public int limitOf(Server s) {
        return s.effectiveMaxconn(counters.current.get(), fullconn);
    }

    /** Servers currently usable for new traffic (HAProxy's nbsrv). */
    public int usableServers() {
        int n = 0;
        for (Server s : servers) {
            if (s.isUsable() && !s.isBackup()) {
                n++;
            }
        }
        if (n == 0) {
            for (Server s : servers) {
                if (s.isUsable()) {
                    n++;
                }
            }
        }
        return n;
    }

    /**
     * Gives up {@code server}'s slot and hands freed capacity to waiting requests,
     * oldest first across the server's own queue and the backend's queue.
     */
    public void releaseSlot(Server server) {
        server.release();
        selector.loadChanged(server);
        offerSlots(server);
    }

    /** Hands {@code server}'s free capacity, if any, to waiting requests. */
    public void offerSlots(Server server) {
        while (true) {
            Pending mine = server.queue().peek();
            Pending shared = server.isUsable() ? queue.peek() : null;
            if (mine == null && shared == null) {
                return;
            }
            if (!server.tryAcquire(limitOf(server))) {
                return;
            }
            boolean fromMine = mine != null && (shared == null || mine.queuedAt() <= shared.queuedAt());
            Pending claimed = fromMine ? server.queue().claim(mine) : queue.claim(shared);
            if (claimed == null) {
                server.release();
                continue;
            }
            selector.loadChanged(server);
            claimed.assignedTo(server);
        }
    }

    /** Tries every server's free capacity on the backend queue (after a request was queued). */
    public void offerAllSlots() {
        for (Server s : servers) {
            if (queue.size() == 0) {
                return;
            }
            offerSlots(s);
        }
    }

    // ---- the view sample fetches read (nbsrv, be_conn, queue, ...) ----

    @Override
    public int currentConns() {
        return counters.current.get();
    }

    @Override
    public long serverTimeout() {
        return timeoutServer;
    }

    @Override
    public long tunnelTimeout() {
        return timeoutTunnel;
    }

    @Override
    public int sessionRate() {
        return counters.sessionRate.rate();
    }

    @Override
    public int queued() {
        int n = queue.size();
        for (Server s : servers) {
            n += s.queue().size();
        }
        return n;
    }

    @Override
    public int activeServers() {
        int n = 0;
        for (Server s : servers) {
            if (s.isUsable() && !s.isBackup()) {
                n++;
            }
        }
        return n;
    }

    @Override
    public String toString() {
        return "backend " + name();
    }
}
