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
    private final int maxconnConfigured;
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
    /** The backend, once it is built; state changes report through it. */
    private volatile ServerFarm farm;
    /** The health check's and the agent's counters, when configured. */
    private volatile Health check;
    private volatile Health agent;
    /** The server whose state this one follows ({@code track}), and those that follow this one. */
    private volatile Server tracked;
    private final List<Server> trackers = new CopyOnWriteArrayList<>();
    /** When the operational state last changed (epoch ms): slowstart ramps from it. */
    private volatile long lastChangeMillis = System.currentTimeMillis();
    /** Time spent down before the current state (ms), written under the server's lock by {@link Transitions}. */
    private volatile long downtimeMillis;
    private final ServerSessions sessions = new ServerSessions();
    /** Receives what live traffic shows ({@code observe}), or {@code null} when not observed. */
    private volatile java.util.function.Consumer<Observation> observer;
    /** A runtime {@code set maxconn} or agent {@code maxconn:} value, or -1 for the configured one. */
    private volatile int maxconnOverride = -1;

    public Server(ServerConfig config, String backendName, int id, InetSocketAddress address) {
        this.config = requireNonNull(config, "config");
        this.backendName = requireNonNull(backendName, "backendName");
        this.id = id;
        this.address = address;
        this.maxconnConfigured = config.get(ServerSettings.MAXCONN);
        this.maxqueue = config.get(ServerSettings.MAXQUEUE);
        this.minconn = config.get(ServerSettings.MINCONN);
        this.poolMaxConn = config.get(ServerSettings.POOL_MAX_CONN);
        this.poolPurgeDelay = config.get(ServerSettings.POOL_PURGE_DELAY);
        this.initialWeight = config.get(ServerSettings.WEIGHT);
        this.userWeight = initialWeight;
        // 'disabled' is a forced maintenance from the configuration (a 'ready' ends it), and down
        boolean disabled = config.get(ServerSettings.DISABLED);
        this.adminFlags = disabled ? AdminState.CONFIG_MAINT | AdminState.FORCED_MAINT : 0;
        // Without checks a server is considered up from the start, as in HAProxy.
        this.operState = disabled ? OperState.STOPPED : OperState.RUNNING;
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
        return isUsable() ? currentWeight() : 0;
    }

    @Override
    public int currentWeight() {
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

    /**
     * Sets and clears administrative flags ({@link AdminState}) with HAProxy's
     * transitions and messages (see {@link Transitions}).
     */
    public void setAdminFlags(int set, int clear) {
        if (clear != 0) {
            Transitions.clearAdmin(this, clear);
        }
        if (set != 0) {
            Transitions.setAdmin(this, set);
        }
    }

    /** Moves the server to an operational state with HAProxy's transitions and messages. */
    public void setOperState(OperState state) {
        switch (requireNonNull(state, "state")) {
            case STOPPED -> Transitions.down(this, StateReason.NONE);
            case STOPPING -> Transitions.stopping(this, StateReason.NONE);
            case RUNNING, STARTING -> Transitions.up(this, StateReason.NONE);
        }
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

    public int rampPerMille() {
        return rampPerMille;
    }

    /** Raw writes for {@link Transitions}, which holds this server's lock and reports. */
    void writeAdmin(int flags) {
        this.adminFlags = flags;
    }

    void writeOper(OperState state) {
        if (state != operState) {
            long now = System.currentTimeMillis();
            if (operState == OperState.STOPPED) {
                downtimeMillis += now - lastChangeMillis;
            }
            lastChangeMillis = now;
        }
        this.operState = state;
    }

    void writeRamp(int perMille) {
        this.rampPerMille = perMille;
    }

    /** Time spent down since start, in milliseconds, counting the current spell ({@code downtime}). */
    public long downtimeMillis(long nowMillis) {
        return downtimeMillis + (operState == OperState.STOPPED ? Math.max(0, nowMillis - lastChangeMillis) : 0);
    }

    /** When the operational state last changed (epoch ms). */
    public long lastChangeMillis() {
        return lastChangeMillis;
    }

    // ---- what checks, tracking and the backend attach ----

    /** Called once by the backend that owns this server. */
    public void attach(ServerFarm farm) {
        this.farm = requireNonNull(farm, "farm");
    }

    /** The backend, or {@code null} before it is built (unit tests). */
    public ServerFarm farm() {
        return farm;
    }

    /** The health check's counter, or {@code null} without {@code check}. */
    public Health check() {
        return check;
    }

    public void check(Health health) {
        this.check = health;
    }

    /** The agent's counter, or {@code null} without {@code agent-check}. */
    public Health agent() {
        return agent;
    }

    public void agent(Health health) {
        this.agent = health;
    }

    /** The server this one tracks, or {@code null}. */
    public Server tracked() {
        return tracked;
    }

    /** Makes this server follow {@code target}'s state ({@code track}). */
    public void track(Server target) {
        this.tracked = requireNonNull(target, "target");
        target.trackers.add(this);
    }

    /** The servers tracking this one. */
    public List<Server> trackers() {
        return trackers;
    }

    /** Streams using this server, for {@code on-marked-down shutdown-sessions}. */
    public ServerSessions sessions() {
        return sessions;
    }

    /** The data path reports what a stream saw of this server; a no-op unless {@code observe} is set. */
    public void observed(Observation o) {
        java.util.function.Consumer<Observation> c = observer;
        if (c != null) {
            c.accept(o);
        }
    }

    public void observer(java.util.function.Consumer<Observation> c) {
        this.observer = c;
    }

    /** Runs {@link Listener}s after a change; called without the server's lock. */
    void fireChanged() {
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
        int o = maxconnOverride;
        return o >= 0 ? o : maxconnConfigured;
    }

    /** Overrides {@code maxconn} at run time (agent {@code maxconn:N}); -1 restores the configured one. */
    public void maxconnOverride(int value) {
        this.maxconnOverride = value;
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

    /** The {@code slowstart} delay in milliseconds, 0 for none. */
    public long slowstartMillis() {
        return config.get(ServerSettings.SLOWSTART);
    }

    public int configuredMaxconn() {
        return maxconnConfigured;
    }

    /**
     * The connection limit in effect: {@code maxconn}, or with {@code minconn} the
     * dynamic limit between minconn and maxconn proportional to the backend's load
     * against its {@code fullconn} (HAProxy's dynamic maxconn).
     */
    public int effectiveMaxconn(int backendLoad, int fullconn) {
        int maxconn = maxconn();
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
