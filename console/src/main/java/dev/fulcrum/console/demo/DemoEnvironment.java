package dev.fulcrum.console.demo;

import dev.fulcrum.config.Address;
import dev.fulcrum.config.BindConfig;
import dev.fulcrum.config.ConfigEnvironment;
import dev.fulcrum.config.ConfigLoader;
import dev.fulcrum.config.Configuration;
import dev.fulcrum.config.Diagnostic;
import dev.fulcrum.config.KeywordRegistry;
import dev.fulcrum.config.ProxyConfig;
import dev.fulcrum.config.ServerConfig;
import dev.fulcrum.console.model.ConfigTopology;
import dev.fulcrum.console.model.ConsoleModel;
import dev.fulcrum.console.model.Notice;
import dev.fulcrum.console.model.Topology;
import dev.fulcrum.console.stats.EngineSampler;
import dev.fulcrum.console.stats.StatsPoller;
import dev.fulcrum.runtime.Engine;
import dev.fulcrum.runtime.EngineException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Everything the console's {@code --demo} mode runs in-process, started and
 * stopped together: one {@link DemoBackend} for each server of the bundled demo
 * configuration, the real engine ({@link Engine}) built from that configuration,
 * {@link DemoTraffic} sending requests to the engine's frontends, and
 * {@link DemoDeploys} redeploying one server now and then so that health checks
 * have something to find.
 *
 * <p>The demo only ever listens on and connects to a loopback address: 127.0.0.1
 * by default, or the one given to {@link #start(String)} or in the
 * {@value #HOST_VARIABLE} environment variable (the configuration reads it with
 * HAProxy's {@code presetenv}). A port that is taken does not stop the demo: the
 * part that cannot listen is left out and reported by {@link #notices()}.
 *
 * <p>Nothing here needs JavaFX: tests run the whole demo headless.
 */
public final class DemoEnvironment implements AutoCloseable {

    /** The demo configuration, a resource next to this class. */
    public static final String CONFIG_NAME = "demo-haproxy.cfg";
    /** The variable that moves the demo to another loopback address. */
    public static final String HOST_VARIABLE = "FULCRUM_DEMO_HOST";

    /** The average traffic rate of the demo, in requests per second. */
    public static final double TRAFFIC_RATE = DemoTraffic.DEFAULT_RATE;

    /** The server {@link DemoDeploys} redeploys. */
    static final String REDEPLOYED = "catalog/catalog1";

    /** Where a demo backend is, or why it could not start. */
    private record Slot(String server, InetSocketAddress address, DemoBackend backend, String failure) {
    }

    private final Configuration configuration;
    private final Topology topology;
    private final List<Slot> slots;
    private final List<Notice> configNotices;
    private final Engine engine;
    private final String engineFailure;
    private final DemoTraffic traffic;
    private final DemoDeploys deploys;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Samples the engine for the console that shows this demo, once {@link #publishTo} was called. */
    private StatsPoller poller;

    private DemoEnvironment(Configuration configuration, List<Slot> slots, List<Notice> configNotices,
                            Engine engine, String engineFailure, DemoTraffic traffic, DemoDeploys deploys) {
        this.configuration = configuration;
        this.topology = ConfigTopology.of(configuration);
        this.slots = List.copyOf(slots);
        this.configNotices = List.copyOf(configNotices);
        this.engine = engine;
        this.engineFailure = engineFailure;
        this.traffic = traffic;
        this.deploys = deploys;
    }

    /**
     * Loads the demo configuration and starts its backends, the engine and the
     * traffic at {@link #TRAFFIC_RATE}.
     *
     * @param host a loopback address to run on, or {@code null} for the
     *             {@value #HOST_VARIABLE} variable or else 127.0.0.1
     * @throws IllegalArgumentException if the demo would listen on a non-loopback address
     */
    public static DemoEnvironment start(String host) {
        return start(host, TRAFFIC_RATE);
    }

    /**
     * Like {@link #start(String)}, with another traffic rate; 0 sends no traffic
     * and redeploys nothing, which leaves tests a quiet engine.
     */
    public static DemoEnvironment start(String host, double trafficRate) {
        if (trafficRate < 0 || Double.isNaN(trafficRate)) {
            throw new IllegalArgumentException("trafficRate: " + trafficRate + " (expected: >= 0)");
        }
        ConfigEnvironment variables = ConfigEnvironment.system();
        if (host != null) {
            requireLoopback(HOST_VARIABLE, host);
            variables.set(HOST_VARIABLE, host);
        }
        ConfigLoader.Result loaded = new ConfigLoader(KeywordRegistry.standard(), variables)
                .loadText(CONFIG_NAME, bundledConfig());
        if (!loaded.ok()) {
            // The file ships with the console: an alert here is a bug, not an input error.
            throw new IllegalStateException("the bundled " + CONFIG_NAME + " does not load: "
                    + messages(loaded.diagnostics().alerts()));
        }
        List<Notice> configNotices = new ArrayList<>();
        for (Diagnostic d : loaded.diagnostics().warnings()) {
            configNotices.add(Notice.warning(d.location() + ": " + d.message()));
        }
        List<Slot> slots = plan(loaded.config());
        List<Slot> started = new ArrayList<>(slots.size());
        Engine engine = null;
        try {
            for (Slot s : slots) {
                started.add(startBackend(s));
            }
            String engineFailure = null;
            try {
                engine = Engine.start(loaded.config());
            } catch (EngineException e) {
                engineFailure = e.getMessage();
            }
            DemoTraffic traffic = engine != null && trafficRate > 0
                    ? DemoTraffic.start(engine.boundAddresses("www"), engine.boundAddresses("api"), trafficRate)
                    : null;
            DemoBackend redeployed = started.stream().filter(s -> s.server().equals(REDEPLOYED))
                    .map(Slot::backend).filter(java.util.Objects::nonNull).findFirst().orElse(null);
            DemoDeploys deploys = traffic != null && redeployed != null
                    ? DemoDeploys.start(redeployed, DemoDeploys.FIRST, DemoDeploys.PERIOD, DemoDeploys.DOWNTIME)
                    : null;
            return new DemoEnvironment(loaded.config(), started, configNotices, engine, engineFailure, traffic,
                    deploys);
        } catch (RuntimeException | Error e) {
            // Errors too (a class that fails to link): nothing may stay listening behind a failed start.
            if (engine != null) {
                engine.close();
            }
            started.forEach(DemoEnvironment::stop);
            throw e;
        }
    }

    /**
     * Checks, before anything starts, the address {@link #start(String)} would run on:
     * {@code host}, or else the {@value #HOST_VARIABLE} variable if it is set.
     *
     * @throws IllegalArgumentException if it is not a loopback address
     */
    public static void checkHost(String host) {
        if (host != null) {
            requireLoopback(HOST_VARIABLE, host);
        } else if (System.getenv(HOST_VARIABLE) != null) {
            requireLoopback(HOST_VARIABLE, System.getenv(HOST_VARIABLE));
        }
    }

    /** The text of the bundled demo configuration. */
    public static String bundledConfig() {
        try (InputStream in = DemoEnvironment.class.getResourceAsStream(CONFIG_NAME)) {
            if (in == null) {
                throw new IllegalStateException("resource missing: " + CONFIG_NAME);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every server of the configuration gets a backend. All addresses, the binds'
     * too, are checked before anything listens, since the host can come from the
     * environment.
     */
    private static List<Slot> plan(Configuration config) {
        List<Slot> slots = new ArrayList<>();
        for (ProxyConfig p : config.proxies()) {
            for (BindConfig b : p.binds()) {
                for (Address a : b.addresses()) {
                    requireLoopback("bind " + p.name() + " " + b.text(), a instanceof Address.Inet i ? i.host() : "");
                }
            }
            for (ServerConfig s : p.servers()) {
                String what = "server " + p.name() + "/" + s.name();
                if (!(s.address() instanceof Address.Inet inet) || inet.portMode() != Address.PortMode.FIXED
                        || inet.portLow() != inet.portHigh()) {
                    throw new IllegalStateException(what + ": " + s.addressText()
                            + " (expected: an IP address and one port)");
                }
                InetAddress ip = requireLoopback(what, inet.host());
                slots.add(new Slot(p.name() + "/" + s.name(), new InetSocketAddress(ip, inet.portLow()), null, null));
            }
        }
        return slots;
    }

    private static Slot startBackend(Slot s) {
        try {
            int slash = s.server().indexOf('/');
            ServiceProfile profile = ServiceProfile.of(s.server().substring(0, slash), s.server().substring(slash + 1));
            return new Slot(s.server(), s.address(), DemoBackend.start(s.server(), s.address(), profile), null);
        } catch (IOException e) {
            return new Slot(s.server(), s.address(), null, String.valueOf(e.getMessage()));
        }
    }

    private static InetAddress requireLoopback(String what, String host) {
        InetAddress ip = null;
        if (!host.isEmpty() && !host.equals("*")) {
            try {
                ip = InetAddress.getByName(host);
            } catch (UnknownHostException e) {
                ip = null;
            }
        }
        if (ip == null || !ip.isLoopbackAddress()) {
            throw new IllegalArgumentException("%s: %s (expected: a loopback address, such as 127.0.0.2)"
                    .formatted(what, host));
        }
        return ip;
    }

    private static String messages(List<Diagnostic> diagnostics) {
        StringJoiner j = new StringJoiner("; ");
        diagnostics.forEach(d -> j.add(d.location() + ": " + d.message()));
        return j.toString();
    }

    public Configuration configuration() {
        return configuration;
    }

    /** The proxies of the demo configuration, as the console shows them. */
    public Topology topology() {
        return topology;
    }

    /** The running engine, or empty when it could not start (see {@link #notices()}). */
    public Optional<Engine> engine() {
        return Optional.ofNullable(engine);
    }

    /** The demo backend of {@code backend/server}, or {@code null} when it did not start (for tests). */
    DemoBackend backend(String server) {
        for (Slot s : slots) {
            if (s.server().equals(server)) {
                return s.backend();
            }
        }
        return null;
    }

    /** What the traffic generator did so far; all zero when it does not run. */
    DemoTraffic.Counts trafficCounts() {
        return traffic != null ? traffic.counts() : new DemoTraffic.Counts(0, 0, 0, 0);
    }

    /** The addresses where a demo backend listens now, in configuration order. */
    public List<InetSocketAddress> listening() {
        List<InetSocketAddress> out = new ArrayList<>();
        for (Slot s : slots) {
            if (s.backend() != null) {
                out.add(s.backend().address());
            }
        }
        return out;
    }

    /** What the status bar should say about the demo: its backends, and anything that failed. */
    public List<Notice> notices() {
        List<Notice> out = new ArrayList<>(configNotices);
        List<InetSocketAddress> listening = listening();
        out.add(listening.isEmpty() ? Notice.error("demo backends: none listening")
                : Notice.info("demo backends: listening on " + addresses(listening)));
        for (Slot s : slots) {
            if (s.failure() != null) {
                out.add(Notice.error("demo backend " + s.server() + " cannot listen on " + hostPort(s.address())
                        + ": " + s.failure() + " (--demo-host 127.0.0.2 moves the demo)"));
            }
        }
        if (engine == null) {
            out.add(Notice.error("engine not started: " + engineFailure + " (--demo-host 127.0.0.2 moves the demo)"));
        } else if (traffic != null) {
            out.add(Notice.info("demo traffic: about %.0f requests/s to frontends www and api".formatted(traffic.rate())));
        }
        if (deploys != null) {
            out.add(Notice.info("demo deploys: every %d minutes %s fails its health checks for %d s".formatted(
                    DemoDeploys.PERIOD.toMinutes(), REDEPLOYED, DemoDeploys.DOWNTIME.toSeconds())));
        }
        return out;
    }

    /** {@code 127.0.0.1 ports 8081, 8082} when all share a host (the demo's case), else each address. */
    private static String addresses(List<InetSocketAddress> list) {
        InetAddress host = list.getFirst().getAddress();
        StringJoiner ports = new StringJoiner(", ", hostText(host) + " ports ", "");
        StringJoiner each = new StringJoiner(", ");
        boolean oneHost = true;
        for (InetSocketAddress a : list) {
            oneHost &= a.getAddress().equals(host);
            ports.add(Integer.toString(a.getPort()));
            each.add(hostPort(a));
        }
        return oneHost && list.size() > 1 ? ports.toString() : each.toString();
    }

    /**
     * Shows this demo in a console: the engine line, the topology and the notices,
     * then the engine's counters every {@code statsPeriod} until {@link #close()}.
     *
     * @throws IllegalStateException if it already publishes to a console, or is closed
     */
    public synchronized void publishTo(ConsoleModel model, Duration statsPeriod) {
        if (poller != null || closed.get()) {
            throw new IllegalStateException(closed.get() ? "closed" : "already published");
        }
        model.engine().set(engine != null
                ? "demo · " + CONFIG_NAME + " · engine running (" + engine.transportName() + ")"
                : "demo · " + CONFIG_NAME + " as parsed · engine not running");
        model.topology().set(topology);
        model.notices().set(notices());
        if (engine != null) {
            poller = StatsPoller.start(new EngineSampler(engine)::sample, model.stats()::set, statsPeriod);
        }
    }

    /** {@link #publishTo(ConsoleModel, Duration)} at the poller's default period. */
    public void publishTo(ConsoleModel model) {
        publishTo(model, StatsPoller.DEFAULT_PERIOD);
    }

    /**
     * Stops the stats, deploys and traffic, then the engine, then the backends,
     * each waiting for its threads to end, so that nothing keeps running or
     * listening afterwards.
     * Later calls do nothing.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            synchronized (this) {
                if (poller != null) {
                    poller.close();
                }
            }
            if (deploys != null) {
                deploys.close();
            }
            if (traffic != null) {
                traffic.close();
            }
            if (engine != null) {
                engine.close();
            }
            slots.forEach(DemoEnvironment::stop);
        }
    }

    private static void stop(Slot s) {
        if (s.backend() != null) {
            s.backend().close();
        }
    }

    private static String hostPort(InetSocketAddress a) {
        return hostText(a.getAddress()) + ":" + a.getPort();
    }

    private static String hostText(InetAddress ip) {
        String host = ip.getHostAddress();
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
