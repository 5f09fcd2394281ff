package dev.fulcrum.frontend;

import dev.fulcrum.backend.Backend;
import dev.fulcrum.config.ProxyConfig;
import dev.fulcrum.http.ConnectionMode;
import dev.fulcrum.http.ForwardFor;
import dev.fulcrum.http.HttpSettings;
import dev.fulcrum.proxy.Mode;
import dev.fulcrum.proxy.ProxyCounters;
import dev.fulcrum.proxy.ProxySettings;
import dev.fulcrum.switching.SwitchingRule;
import dev.fulcrum.switching.SwitchingSettings;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static java.util.Objects.requireNonNull;

/**
 * A frontend at runtime: its settings in the form the data path reads them, its
 * counters, and its listeners, which it pauses while it is at its connection
 * limit.
 */
public final class Frontend implements dev.fulcrum.sample.ProxyView {

    private final ProxyConfig config;
    private java.util.Map<Integer, dev.fulcrum.http.ErrorPages.Page> errorPages = java.util.Map.of();
    private final Backend defaultBackend;
    private final ProxyCounters counters = new ProxyCounters();
    private final int maxconn;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final List<SwitchingRule> switchingRules;
    private final dev.fulcrum.action.ProxyRules rules;

    public final long timeoutClient;
    public final long timeoutHttpRequest;
    public final long timeoutHttpKeepAlive;
    public final long timeoutClientFin;
    public final long timeoutTarpit;
    public final ConnectionMode connectionMode;
    public final ForwardFor forwardFor;
    public final ForwardFor originalTo;
    /** Socket options of accepted client connections (keep-alive probes, nolinger). */
    public final dev.fulcrum.tcp.SocketOptions clientSocket;
    /** {@code option http-ignore-probes}. */
    public final boolean ignoreProbes;
    /** {@code option contstats}. */
    public final boolean contStats;
    /** {@code option http-buffer-request}: wait for the request body before the frontend's rules. */
    public final boolean bufferRequest;

    public Frontend(ProxyConfig config, Backend defaultBackend, int maxconn) {
        this.config = requireNonNull(config, "config");
        this.defaultBackend = defaultBackend;
        this.maxconn = maxconn;
        this.switchingRules = config.get(SwitchingSettings.USE_BACKEND);
        this.rules = dev.fulcrum.action.ProxyRules.of(config);
        this.timeoutClient = config.get(ProxySettings.TIMEOUT_CLIENT);
        this.timeoutHttpRequest = config.get(ProxySettings.TIMEOUT_HTTP_REQUEST);
        this.timeoutHttpKeepAlive = config.get(ProxySettings.TIMEOUT_HTTP_KEEP_ALIVE);
        this.timeoutClientFin = config.get(ProxySettings.TIMEOUT_CLIENT_FIN);
        this.timeoutTarpit = config.get(ProxySettings.TIMEOUT_TARPIT);
        this.connectionMode = config.get(HttpSettings.CONNECTION_MODE);
        this.forwardFor = config.get(HttpSettings.FORWARD_FOR);
        this.originalTo = config.get(HttpSettings.ORIGINAL_TO);
        this.clientSocket = dev.fulcrum.tcp.SocketOptions.client(config);
        this.ignoreProbes = config.get(HttpSettings.IGNORE_PROBES);
        this.contStats = config.get(HttpSettings.CONTSTATS);
        this.bufferRequest = config.get(HttpSettings.BUFFER_REQUEST);
    }

    public ProxyConfig config() {
        return config;
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

    /** The backend used when no {@code use_backend} rule matches, or {@code null}. */
    public Backend backendByDefault() {
        return defaultBackend;
    }

    /** The http-request/response rules, captures and monitor settings of this frontend. */
    public dev.fulcrum.action.ProxyRules rules() {
        return rules;
    }

    /** The {@code use_backend} rules, in declaration order. */
    public List<SwitchingRule> switchingRules() {
        return switchingRules;
    }

    public ProxyCounters counters() {
        return counters;
    }

    public int maxconn() {
        return maxconn;
    }

    public List<Listener> listeners() {
        return listeners;
    }

    public void addListener(Listener l) {
        listeners.add(l);
    }

    /** Counts an accepted connection; pauses the listeners when the limit is reached. */
    public void connectionOpened() {
        int n = counters.enter();
        if (maxconn > 0 && n >= maxconn) {
            listeners.forEach(Listener::pause);
        }
    }

    /** Counts a closed connection; resumes the listeners below the limit. */
    public void connectionClosed() {
        counters.current.decrementAndGet();
        if (maxconn > 0 && counters.current.get() < maxconn) {
            listeners.forEach(Listener::resume);
        }
    }

    // ---- the view sample fetches read (fe_conn, ...) ----

    @Override
    public int currentConns() {
        return counters.current.get();
    }

    @Override
    public long serverTimeout() {
        return config.get(ProxySettings.TIMEOUT_SERVER);
    }

    @Override
    public long tunnelTimeout() {
        return config.get(ProxySettings.TIMEOUT_TUNNEL);
    }

    @Override
    public long clientTimeout() {
        return timeoutClient;
    }

    @Override
    public int sessionRate() {
        return counters.sessionRate.rate();
    }

    @Override
    public int queued() {
        return 0;
    }

    @Override
    public int usableServers() {
        return 0;
    }

    @Override
    public int activeServers() {
        return 0;
    }

    @Override
    public java.util.List<? extends dev.fulcrum.sample.ServerView> servers() {
        return java.util.List.of();
    }

    @Override
    public String defaultBackend() {
        return defaultBackend != null ? defaultBackend.name() : null;
    }

    @Override
    public String toString() {
        return "frontend " + name();
    }
}
