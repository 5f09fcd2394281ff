package dev.fulcrum.server;

import dev.fulcrum.config.ServerConfig;
import dev.fulcrum.queue.PendingQueue;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static java.util.Objects.requireNonNull;

/**
 * The runtime state of one server: the single source of truth that the data path,
 * load balancing, health checks, the runtime API, stats and the console all read.
 *
 * <p>State (admin flags, operational state, weights) changes rarely and is
 * published through volatile fields; changes notify {@link Listener}s (the load
 * balancer of the backend rebuilds its view). Connection slots ({@link #served})
 * change on every request and are atomic.
 */
public final class Server implements dev.fulcrum.lb.LbServer, dev.fulcrum.sample.ServerView {

    /** Notified after a state or weight change, on the thread that made it. */
    public interface Listener {
        void serverChanged(Server server);
    }

    private final ServerConfig config;
    private final String backendName;
    private final int id;
    private final InetSocketAddress address;
    private final int maxconn;
    private final int maxqueue;
    private final int minconn;

    private volatile int adminFlags;
    private volatile OperState operState;
    /** Weight set by configuration or at runtime (HAProxy's uweight). */
    private volatile int userWeight;
    private final int initialWeight;
    /** Slowstart ramp in per-mille of the user weight (1000 when not ramping). */
    private volatile int rampPerMille = 1000;

    private final int poolMaxConn;
    private final long poolPurgeDelay;
    private final AtomicInteger served = new AtomicInteger();
    private final PendingQueue queue = new PendingQueue();
    private final ServerCounters counters = new ServerCounters();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    /** The connection limit in effect, computed by the backend from its load (dynamic maxconn). */
    private volatile java.util.function.IntSupplier limit = () -> 0;

    public Server(ServerConfig config, String backendName, int id, InetSocketAddress address) {
        this.config = requireNonNull(config, "config");
        this.backendName = requireNonNull(backendName, "backendName");
        this.id = id;
        this.address = address;
        this.maxconn = config.get(ServerSettings.MAXCONN);
        this.maxqueue = config.get(ServerSettings.MAXQUEUE);
        this.minconn = config.get(ServerSettings.MINCONN);
        this.poolMaxConn = config.get(ServerSettings.POOL_MAX_CONN);
        this.poolPurgeDelay = config.get(ServerSettings.POOL_PURGE_DELAY);
        this.initialWeight = config.get(ServerSettings.WEIGHT);
        this.userWeight = initialWeight;
        this.adminFlags = config.get(ServerSettings.DISABLED) ? AdminState.CONFIG_MAINT : 0;
        // Without checks a server is considered up from the start, as in HAProxy.
        this.operState = OperState.RUNNING;
    }

    /** Idle connections an event loop keeps to this server: -1 = no limit, 0 = none ({@code pool-max-conn}). */
    public int poolMaxConn() {
        return poolMaxConn;
    }

    /** Milliseconds between purges of half the idle connections; 0 = keep none ({@code pool-purge-delay}). */
    public long poolPurgeDelay() {
        return poolPurgeDelay;
    }

    public ServerConfig config() {
        return config;
    }

    public String name() {
        return config.name();
    }

    public String backendName() {
        return backendName;
    }

    public int id() {
        return id;
    }

    /** The resolved address, or {@code null} when the server forwards to the client's destination. */
    public InetSocketAddress address() {
        return address;
    }

    public boolean isBackup() {
        return config.get(ServerSettings.BACKUP);
    }

    public int adminFlags() {
        return adminFlags;
    }

    public OperState operState() {
        return operState;
    }

    public int userWeight() {
        return userWeight;
    }

    public int initialWeight() {
        return initialWeight;
    }

    /**
     * The weight load balancing uses (HAProxy's eweight): the user weight scaled
     * by the slowstart ramp, 0 while in maintenance, drain or down.
     */
    public int effectiveWeight() {
        if (!isUsable()) {
            return 0;
        }
        int w = userWeight;
        int ramp = rampPerMille;
        if (ramp < 1000 && w > 0) {
            w = Math.max(1, (int) ((long) w * ramp / 1000));
        }
        return w;
    }

    /** Whether new, non-persistent traffic may be sent to this server. */
    public boolean isUsable() {
        int flags = adminFlags;
        OperState s = operState;
        return (flags & (AdminState.ANY_MAINT | AdminState.ANY_DRAIN)) == 0
                && (s == OperState.RUNNING || s == OperState.STARTING) && userWeight > 0;
    }

    /** Whether persistent traffic (cookie, stick table, use-server) may still go here. */
    public boolean acceptsPersistent() {
        return (adminFlags & AdminState.ANY_MAINT) == 0 && operState != OperState.STOPPED;
    }

    public boolean isUp() {
        OperState s = operState;
        return s == OperState.RUNNING || s == OperState.STARTING || s == OperState.STOPPING;
    }

    // ---- state changes (called by checks, the runtime API, the agent) ----

    public void setAdminFlags(int set, int clear) {
        synchronized (this) {
            adminFlags = (adminFlags | set) & ~clear;
        }
        fire();
    }

    public void setOperState(OperState state) {
        this.operState = requireNonNull(state, "state");
        fire();
    }

    public void setUserWeight(int weight) {
        if (weight < 0 || weight > 256) {
            throw new IllegalArgumentException("weight: " + weight + " (expected: 0-256)");
        }
        this.userWeight = weight;
        fire();
    }

    /** Sets the slowstart ramp, in per-mille (1000 = full weight). */
    public void setRampPerMille(int perMille) {
        this.rampPerMille = Math.max(0, Math.min(1000, perMille));
        fire();
    }

    public void addListener(Listener l) {
        listeners.add(l);
    }

    private void fire() {
        for (Listener l : listeners) {
            l.serverChanged(this);
        }
    }

    // ---- views for load balancing (LbServer) and sample fetches (ServerView) ----

    /** Lets the backend tell the server its current connection limit (dynamic with minconn/fullconn). */
    public void limitSupplier(java.util.function.IntSupplier supplier) {
        this.limit = requireNonNull(supplier, "supplier");
    }

    @Override
    public int weight() {
        return effectiveWeight();
    }

    @Override
    public boolean backup() {
        return isBackup();
    }

    @Override
    public boolean usable() {
        return isUsable();
    }

    /** Streams served plus requests waiting in this server's own queue (leastconn, random). */
    @Override
    public int load() {
        return served.get() + queue.size();
    }

    /** At its limit, or with requests already waiting for it (HAProxy then does not pick it). */
    @Override
    public boolean full() {
        int l = limit.getAsInt();
        return l > 0 && (queue.size() > 0 || served.get() >= l);
    }

    @Override
    public int currentConns() {
        return served.get();
    }

    @Override
    public int queued() {
        return queue.size();
    }

    @Override
    public int maxconn() {
        return maxconn;
    }

    @Override
    public int sessionRate() {
        return counters.sessionRate.rate();
    }

    // ---- connection slots and queue ----

    /** Streams currently using the server (HAProxy's scur). */
    public int served() {
        return served.get();
    }

    public PendingQueue queue() {
        return queue;
    }

    public int maxqueue() {
        return maxqueue;
    }

    public int configuredMaxconn() {
        return maxconn;
    }

    /**
     * The connection limit in effect: {@code maxconn}, or with {@code minconn} the
     * dynamic limit between minconn and maxconn proportional to the backend's load
     * against its {@code fullconn} (HAProxy's dynamic maxconn).
     */
    public int effectiveMaxconn(int backendLoad, int fullconn) {
        if (maxconn == 0) {
            return 0;
        }
        if (minconn == 0 || minconn >= maxconn || fullconn <= 0) {
            return maxconn;
        }
        if (backendLoad >= fullconn) {
            return maxconn;
        }
        int dyn = (int) ((long) maxconn * backendLoad / fullconn);
        return Math.max(minconn, Math.max(1, dyn));
    }

    /** Reserves a slot if the limit allows; 0 = unlimited. */
    public boolean tryAcquire(int limit) {
        while (true) {
            int n = served.get();
            if (limit > 0 && n >= limit) {
                return false;
            }
            if (served.compareAndSet(n, n + 1)) {
                counters.maxServed.accumulateAndGet(n + 1, Math::max);
                return true;
            }
        }
    }

    /** Reserves a slot regardless of the limit (a queued request being handed one). */
    public void forceAcquire() {
        int n = served.incrementAndGet();
        counters.maxServed.accumulateAndGet(n, Math::max);
    }

    /** Releases a slot. The caller then offers it to waiting requests. */
    public void release() {
        served.decrementAndGet();
    }

    public ServerCounters counters() {
        return counters;
    }

    @Override
    public String toString() {
        return backendName + "/" + name();
    }
}
