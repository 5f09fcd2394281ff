package dev.fulcrum.runtime;

import dev.fulcrum.backend.Backend;
import dev.fulcrum.frontend.Frontend;
import dev.fulcrum.frontend.Listener;
import dev.fulcrum.stats.StatsSource;

import java.lang.management.ManagementFactory;
import java.util.Collection;

/** The running engine as the stats room reads it. */
final class EngineStats implements StatsSource {

    private final Engine engine;
    private final int threads;
    private final long startMillis = System.currentTimeMillis();
    private final long maxFds;

    EngineStats(Engine engine, int threads) {
        this.engine = engine;
        this.threads = threads;
        long fds = -1;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean u) {
            fds = u.getMaxFileDescriptorCount();
        }
        this.maxFds = fds;
    }

    @Override
    public Collection<Frontend> frontends() {
        return engine.frontends().values();
    }

    @Override
    public Collection<Backend> backends() {
        return engine.backends().values();
    }

    @Override
    public int threads() {
        return threads;
    }

    @Override
    public int maxconn() {
        return engine.maxconn();
    }

    @Override
    public long maxFds() {
        return maxFds >= 0 ? maxFds : dev.fulcrum.stats.PrometheusExporter.UNKNOWN;
    }

    @Override
    public long startMillis() {
        return startMillis;
    }

    @Override
    public int currentConnections() {
        return engine.http().actconn();
    }

    @Override
    public long requestsTotal() {
        return engine.http().requestsTotal();
    }

    @Override
    public int listeners() {
        int n = 0;
        for (Listener l : engine.listeners()) {
            n += l.isPaused() ? 0 : 1;
        }
        return n;
    }

    @Override
    public boolean stopping() {
        return engine.http().stopping();
    }

    @Override
    public String version() {
        return dev.fulcrum.Fulcrum.version();
    }
}
