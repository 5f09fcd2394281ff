package dev.fulcrum.http;

import dev.fulcrum.sample.EngineView;
import dev.fulcrum.sample.VarStore;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Engine-wide settings and shared state the HTTP data path needs: limits from
 * the global section, the process connection count, the transport's channel
 * type for server connections, observers of finished streams, the stopping
 * flag, the proxies by name and the process-wide variables.
 */
public final class HttpRuntime {

    /** Largest request or response head (tune.bufsize, tune.maxrewrite, tune.http.maxhdr), as in HAProxy. */
    final HeadLimits headLimits;
    final Supplier<? extends Channel> clientChannelFactory;
    final AtomicInteger actconn = new AtomicInteger();
    /** Client connections accepted per second, process-wide. */
    final dev.fulcrum.proxy.RateCounter connectionRate = new dev.fulcrum.proxy.RateCounter();
    final List<StreamObserver> observers = new CopyOnWriteArrayList<>();
    private volatile boolean stopping;
    /** HAProxy's global request counter ({@code %rt}, unique ids). */
    private final java.util.concurrent.atomic.AtomicLong requestIds = new java.util.concurrent.atomic.AtomicLong();
    final int socketRcvBufServer;
    final int socketSndBufServer;
    /** The proxies by name, for dynamic use_backend names and fetches naming another proxy. */
    final EngineView proxies;
    /** The {@code proc} variables, shared by every stream. */
    final VarStore processVars = VarStore.shared();

    public HttpRuntime(int bufsize, int maxrewrite, int maxHeaders, Supplier<? extends Channel> clientChannelFactory,
                       int socketRcvBufServer, int socketSndBufServer, EngineView proxies) {
        this.proxies = java.util.Objects.requireNonNull(proxies, "proxies");
        this.headLimits = HeadLimits.of(bufsize, maxrewrite, maxHeaders);
        this.clientChannelFactory = clientChannelFactory;
        this.socketRcvBufServer = socketRcvBufServer;
        this.socketSndBufServer = socketSndBufServer;
    }

    /** The {@code proc} variables, which health checks share with traffic. */
    public VarStore processVars() {
        return processVars;
    }

    /** The services {@code use-service} rules name, bound by the engine at start. */
    private volatile java.util.Map<String, HttpService> services = java.util.Map.of();

    /** Binds the services by name (once, before listeners open). */
    public void services(java.util.Map<String, HttpService> byName) {
        this.services = java.util.Map.copyOf(byName);
    }

    /** The service named in a {@code use-service} rule, or {@code null} when the engine bound none. */
    HttpService service(String name) {
        return services.get(name);
    }

    /** Client connections accepted per second by the process ({@link dev.fulcrum.proxy.RateCounter#max} too). */
    public dev.fulcrum.proxy.RateCounter connectionRate() {
        return connectionRate;
    }

    /** Requests received by the process since it started ({@code haproxy_process_requests_total}). */
    public long requestsTotal() {
        return requestIds.get();
    }

    /** The logging room's hooks into running streams. */
    volatile StreamHooks hooks = StreamHooks.NONE;

    /** Installs the hooks called while streams run (once, before listeners open). */
    public void hooks(StreamHooks h) {
        this.hooks = java.util.Objects.requireNonNull(h, "hooks");
    }

    public void addObserver(StreamObserver o) {
        observers.add(o);
    }

    public void removeObserver(StreamObserver o) {
        observers.remove(o);
    }

    /** Connections currently open on the process (HAProxy's actconn). */
    public int actconn() {
        return actconn.get();
    }

    /** The next value of the process-wide request counter. */
    long nextRequestId() {
        return requestIds.getAndIncrement();
    }

    public boolean stopping() {
        return stopping;
    }

    /** Soft stop: keep-alive connections close after their current response. */
    public void stopping(boolean s) {
        this.stopping = s;
    }

    void publish(StreamRecord r) {
        for (StreamObserver o : observers) {
            try {
                o.streamEnded(r);
            } catch (RuntimeException e) {
                // an observer's bug must not break the data path
            }
        }
    }

    static <T> void option(io.netty.bootstrap.Bootstrap b, ChannelOption<T> o, T v) {
        b.option(o, v);
    }
}
