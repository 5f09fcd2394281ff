package dev.fulcrum.runtime;

import dev.fulcrum.backend.Backend;
import dev.fulcrum.backend.BackendSettings;
import dev.fulcrum.config.Address;
import dev.fulcrum.config.BindConfig;
import dev.fulcrum.http.BindInfo;
import dev.fulcrum.proxyprotocol.ProxyProtocolSettings;
import dev.fulcrum.config.Configuration;
import dev.fulcrum.config.ProxyConfig;
import dev.fulcrum.config.ServerConfig;
import dev.fulcrum.frontend.Frontend;
import dev.fulcrum.frontend.Listener;
import dev.fulcrum.http.HttpFrontendInitializer;
import dev.fulcrum.http.HttpRuntime;
import dev.fulcrum.proxy.BindSettings;
import dev.fulcrum.proxy.Mode;
import dev.fulcrum.proxy.ProxySettings;
import dev.fulcrum.server.Server;
import dev.fulcrum.server.ServerSettings;
import dev.fulcrum.switching.SwitchingSettings;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.util.concurrent.EventExecutor;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A running Fulcrum instance: the runtime graph built from a configuration
 * (frontends, backends, servers), the event loops, and the listeners.
 */
public final class Engine implements AutoCloseable {

    private final Configuration config;
    private final Transport transport;
    private final EventLoopGroup group;
    private final HttpRuntime http;
    private final Map<String, Frontend> frontends;
    private final Map<String, Backend> backends;
    private final List<Listener> listeners = new ArrayList<>();
    private final int maxconn;
    private final dev.fulcrum.server.StateEvents stateEvents = new dev.fulcrum.server.StateEvents();
    private dev.fulcrum.check.Checks checks;
    private final dev.fulcrum.log.Logging logging;
    private volatile boolean stopped;
    private dev.fulcrum.stick.StickTables tables;

    private Engine(Configuration config, Transport transport, EventLoopGroup group, HttpRuntime http,
                   Map<String, Frontend> frontends, Map<String, Backend> backends, int maxconn,
                   dev.fulcrum.log.Logging logging) {
        this.config = config;
        this.transport = transport;
        this.group = group;
        this.http = http;
        this.frontends = frontends;
        this.backends = backends;
        this.maxconn = maxconn;
        this.logging = logging;
    }

    /**
     * Builds the runtime graph from a valid configuration and opens every
     * listener. On failure nothing stays open.
     *
     * @throws EngineException when something cannot be started (a port in use, an
     *                         unresolvable server, a mode not supported yet)
     */
    public static Engine start(Configuration config) throws EngineException {
        return start(config, new dev.fulcrum.server.StateEvents.Sink[0]);
    }

    /**
     * As {@link #start(Configuration)}, with sinks for server state changes in
     * place before the first check runs.
     */
    public static Engine start(Configuration config, dev.fulcrum.server.StateEvents.Sink... sinks)
            throws EngineException {
        checkSupported(config);
        int maxconn = globalMaxconn(config);
        Map<String, Backend> backends = buildBackends(config, maxconn);
        Map<String, Frontend> frontends = new LinkedHashMap<>();
        for (ProxyConfig p : config.proxies()) {
            if (!p.hasFrontend() || p.get(ProxySettings.DISABLED)) {
                continue;
            }
            String def = p.get(ProxySettings.DEFAULT_BACKEND);
            Backend defaultBackend = def.isEmpty() ? (p.hasBackend() ? backends.get(p.name()) : null) : backends.get(def);
            int feMaxconn = p.get(ProxySettings.MAXCONN) > 0 ? p.get(ProxySettings.MAXCONN) : maxconn;
            Frontend fe = new Frontend(p, defaultBackend, feMaxconn);
            fe.errorPages(dev.fulcrum.http.ErrorKeywords.pagesOf(p, config));
            frontends.put(p.name(), fe);
        }
        dev.fulcrum.log.Logging logging = dev.fulcrum.log.Logging.start(config);
        Transport transport = Transport.best();
        int threads = config.global(GlobalSettings.NBTHREAD) > 0 ? config.global(GlobalSettings.NBTHREAD)
                : Runtime.getRuntime().availableProcessors();
        EventLoopGroup group = transport.newGroup(threads);
        dev.fulcrum.stick.StickTables tables = dev.fulcrum.stick.StickTables.of(config, null);
        HttpRuntime http = new HttpRuntime(config.global(GlobalSettings.TUNE_BUFSIZE),
                config.global(GlobalSettings.TUNE_MAXREWRITE), config.global(GlobalSettings.TUNE_HTTP_MAXHDR),
                transport.clientChannels(), config.global(GlobalSettings.TUNE_RCVBUF_SERVER),
                config.global(GlobalSettings.TUNE_SNDBUF_SERVER), new ProxyDirectory(frontends, backends,
                        dev.fulcrum.userlist.Userlist.all(config), tables));
        Engine engine = new Engine(config, transport, group, http, Collections.unmodifiableMap(frontends),
                Collections.unmodifiableMap(backends), maxconn, logging);
        engine.tables = tables;
        tables.startSweeping(group.next());
        http.hooks(logging);
        http.services(java.util.Map.of(dev.fulcrum.stats.PrometheusExporter.NAME,
                new dev.fulcrum.stats.PrometheusExporter(new EngineStats(engine, threads))));
        if (logging.logsTraffic()) {
            http.addObserver(logging); // otherwise no stream record is even built
        }
        // server state changes go to the backend's log targets at haproxy's levels
        engine.stateEvents.addSink(e -> logging.proxy(e.proxy())
                .log(dev.fulcrum.log.Level.values()[e.level().ordinal()], e.logText()));
        for (dev.fulcrum.server.StateEvents.Sink sink : sinks) {
            engine.stateEvents.addSink(sink);
        }
        for (Backend be : backends.values()) {
            be.runtime(engine.stateEvents, group);
        }
        try {
            for (Frontend fe : frontends.values()) {
                engine.bind(fe);
            }
            engine.checks = dev.fulcrum.check.Checks.start(backends, group, transport.clientChannels(),
                    config.global(dev.fulcrum.check.CheckSettings.SPREAD),
                    config.global(dev.fulcrum.check.CheckSettings.MAX_SPREAD), config.global(GlobalSettings.TUNE_BUFSIZE),
                    dev.fulcrum.tls.TlsSettings.ServerDefaults.of(config), http.processVars());
        } catch (EngineException | RuntimeException e) {
            engine.close();
            throw e;
        }
        return engine;
    }

    private static void checkSupported(Configuration config) throws EngineException {
        for (ProxyConfig p : config.proxies()) {
            if (p.get(ProxySettings.DISABLED)) {
                continue;
            }
            if (p.get(ProxySettings.MODE) == Mode.TCP) {
                throw new EngineException(p.location(), "Proxy '" + p.name()
                        + "': 'mode tcp' is not supported yet by Fulcrum (TCP mode); only 'mode http' proxies can be started.");
            }
        }
    }

    /** HAProxy derives the default process limit from the file-descriptor limit: two per connection. */
    static int globalMaxconn(Configuration config) {
        int configured = config.global(GlobalSettings.MAXCONN);
        if (configured > 0) {
            return configured;
        }
        long fds = 1024;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean u) {
            fds = u.getMaxFileDescriptorCount();
        }
        return (int) Math.max(100, Math.min(Integer.MAX_VALUE, (fds - 100) / 2));
    }

    private static Map<String, Backend> buildBackends(Configuration config, int globalMaxconn) throws EngineException {
        Map<String, Backend> out = new LinkedHashMap<>();
        for (ProxyConfig p : config.proxies()) {
            if (!p.hasBackend()) {
                continue;
            }
            List<Server> servers = new ArrayList<>();
            int nextId = 1;
            for (ServerConfig sc : p.servers()) {
                int id = sc.get(ServerSettings.ID) > 0 ? sc.get(ServerSettings.ID) : nextId;
                nextId = Math.max(nextId, id) + 1;
                servers.add(new Server(sc, p.name(), id, resolve(p, sc)));
            }
            int fullconn = p.get(BackendSettings.FULLCONN);
            if (fullconn <= 0) {
                fullconn = defaultFullconn(config, p, globalMaxconn);
            }
            Backend be = new Backend(p, servers, fullconn);
            be.errorPages(dev.fulcrum.http.ErrorKeywords.pagesOf(p, config));
            out.put(p.name(), be);
        }
        return out;
    }

    /** 10% of the sum of the maxconn of the frontends that can reach the backend, as HAProxy computes it. */
    private static int defaultFullconn(Configuration config, ProxyConfig backend, int globalMaxconn) {
        long sum = 0;
        for (ProxyConfig p : config.proxies()) {
            if (!p.hasFrontend()) {
                continue;
            }
            boolean reaches = p.get(ProxySettings.DEFAULT_BACKEND).equals(backend.name()) || p == backend
                    || p.get(SwitchingSettings.USE_BACKEND).stream().anyMatch(r -> backend.name().equals(r.backend()));
            if (reaches) {
                sum += p.get(ProxySettings.MAXCONN) > 0 ? p.get(ProxySettings.MAXCONN) : globalMaxconn;
            }
        }
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, sum / 10));
    }

    private static InetSocketAddress resolve(ProxyConfig p, ServerConfig sc) throws EngineException {
        Address a = sc.address();
        if (!(a instanceof Address.Inet inet)) {
            throw new EngineException(sc.location(), "'server " + p.name() + "/" + sc.name()
                    + "' : only IP servers are supported yet by Fulcrum (got '" + sc.addressText() + "').");
        }
        if (inet.portMode() != Address.PortMode.FIXED) {
            return null; // forwards to the port the client connected to
        }
        try {
            InetAddress ip = inet.anyHost() ? InetAddress.getLoopbackAddress() : InetAddress.getByName(inet.host());
            return new InetSocketAddress(ip, inet.portLow());
        } catch (UnknownHostException e) {
            throw new EngineException(sc.location(), "'server " + p.name() + "/" + sc.name()
                    + "' : could not resolve address '" + inet.host() + "'.");
        }
    }

    private void bind(Frontend fe) throws EngineException {
        int listenerId = 0;
        for (BindConfig bind : fe.config().binds()) {
            for (Address a : bind.addresses()) {
                listenerId++;
                String name = !bind.get(BindSettings.NAME).isEmpty() ? bind.get(BindSettings.NAME)
                        : Integer.toString(bind.get(BindSettings.ID) > 0 ? bind.get(BindSettings.ID) : listenerId);
                BindInfo info = new BindInfo(name, bind.get(ProxyProtocolSettings.ACCEPT_PROXY));
                Listener l = switch (a) {
                    case Address.Inet inet -> bindInet(fe, bind, inet, info);
                    case Address.Fd fd -> adopt(fe, bind, fd.fd(), info);
                    default -> throw new EngineException(bind.location(), "'bind " + bind.text()
                            + "' : UNIX and abstract sockets are not supported yet by Fulcrum.");
                };
                listeners.add(l);
                fe.addListener(l);
            }
        }
    }

    private Listener bindInet(Frontend fe, BindConfig bind, Address.Inet inet, BindInfo info) throws EngineException {
        InetAddress host;
        try {
            if (inet.anyHost()) {
                host = InetAddress.getByName(inet.family() == Address.Family.IPV6 ? "::" : "0.0.0.0");
            } else {
                host = InetAddress.getByName(inet.host());
            }
        } catch (UnknownHostException e) {
            throw new EngineException(bind.location(), "'bind " + bind.text() + "' : invalid address: '"
                    + inet.host() + "'.");
        }
        List<Channel> channels = new ArrayList<>();
        for (int port = inet.portLow(); port <= inet.portHigh(); port++) {
            InetSocketAddress addr = new InetSocketAddress(host, port);
            if (transport.epoll) {
                for (EventExecutor e : group) {
                    channels.add(bindOne(fe, bind, (EventLoop) e, addr, true, info));
                }
            } else {
                channels.add(bindOne(fe, bind, null, addr, false, info));
            }
        }
        return new Listener(bind.text(), channels);
    }

    private Channel bindOne(Frontend fe, BindConfig bind, EventLoop loop, InetSocketAddress addr, boolean reusePort,
                            BindInfo info) throws EngineException {
        ServerBootstrap b = serverBootstrap(fe, bind, loop, info);
        b.channelFactory(transport.serverChannels()::get);
        if (reusePort) {
            b.option(EpollChannelOption.SO_REUSEPORT, true);
        }
        try {
            return b.bind(addr).sync().channel();
        } catch (Exception e) {
            throw new EngineException(bind.location(), "Starting frontend " + fe.name() + ": cannot bind socket ("
                    + reason(e) + ") [" + addr.getAddress().getHostAddress() + ":" + addr.getPort() + "]");
        }
    }

    private Listener adopt(Frontend fe, BindConfig bind, int fd, BindInfo info) throws EngineException {
        ServerChannel channel;
        try {
            channel = transport.adopt(fd);
        } catch (RuntimeException e) {
            throw new EngineException(bind.location(), "'bind " + bind.text() + "' : cannot use file descriptor '"
                    + fd + "' : " + reason(e) + ".");
        }
        EventLoop loop = group.next();
        ServerBootstrap b = serverBootstrap(fe, bind, loop, info);
        b.channelFactory(() -> channel);
        try {
            b.register().sync();
        } catch (Exception e) {
            throw new EngineException(bind.location(), "'bind " + bind.text() + "' : cannot use file descriptor '"
                    + fd + "' : " + reason(e) + ".");
        }
        return new Listener(bind.text(), List.of(channel));
    }

    private ServerBootstrap serverBootstrap(Frontend fe, BindConfig bind, EventLoop loop, BindInfo info) {
        ServerBootstrap b = new ServerBootstrap();
        if (loop != null) {
            b.group(loop, loop);
        } else {
            b.group(group, group);
        }
        int backlog = bind.get(BindSettings.BACKLOG) > 0 ? bind.get(BindSettings.BACKLOG)
                : fe.config().get(ProxySettings.BACKLOG) > 0 ? fe.config().get(ProxySettings.BACKLOG) : 4096;
        b.option(ChannelOption.SO_BACKLOG, backlog);
        b.option(ChannelOption.SO_REUSEADDR, true);
        b.childOption(ChannelOption.TCP_NODELAY, true);
        // a client that shuts its side down after a request still gets the response
        b.childOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
        b.childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(32 * 1024, 64 * 1024));
        b.childHandler(new HttpFrontendInitializer(fe, http, info));
        return b;
    }

    private static String reason(Throwable e) {
        Throwable c = e;
        while (c.getCause() != null) {
            c = c.getCause();
        }
        String m = c.getMessage();
        return m != null ? m : c.getClass().getSimpleName();
    }

    // ------------------------------------------------------------------ access

    public Configuration config() {
        return config;
    }

    public HttpRuntime http() {
        return http;
    }

    public Map<String, Frontend> frontends() {
        return frontends;
    }

    public Map<String, Backend> backends() {
        return backends;
    }

    public List<Listener> listeners() {
        return Collections.unmodifiableList(listeners);
    }

    public int maxconn() {
        return maxconn;
    }

    /** Where server state changes are reported (stderr, log targets and tests add sinks). */
    public dev.fulcrum.server.StateEvents stateEvents() {
        return stateEvents;
    }

    /** The engine's logging: proxies' loggers for other rooms' events (see {@link dev.fulcrum.log.Logging}). */
    public dev.fulcrum.log.Logging logging() {
        return logging;
    }

    public String transportName() {
        return transport.name();
    }

    /** The first local address each listener of a frontend is bound to. */
    public List<InetSocketAddress> boundAddresses(String frontend) {
        List<InetSocketAddress> out = new ArrayList<>();
        Frontend fe = frontends.get(frontend);
        if (fe != null) {
            for (Listener l : fe.listeners()) {
                if (!l.channels().isEmpty() && l.channels().getFirst().localAddress() instanceof InetSocketAddress a) {
                    out.add(a);
                }
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ stopping

    /**
     * Soft stop (SIGUSR1): stop accepting, let in-flight requests finish; keep-alive
     * connections close after their current response. Completes when no
     * connection is left or {@code hardStopAfterMillis} (0 = never) passes.
     */
    public void softStop(long hardStopAfterMillis) throws InterruptedException {
        http.stopping(true);
        listeners.forEach(Listener::close);
        long deadline = hardStopAfterMillis > 0 ? System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(hardStopAfterMillis)
                : Long.MAX_VALUE;
        while (http.actconn() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        close();
    }

    /** Stops everything now (SIGTERM, SIGINT). */
    @Override
    public void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (checks != null) {
            checks.close();
        }
        http.stopping(true);
        if (tables != null) {
            tables.stop();
        }
        listeners.forEach(Listener::close);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        logging.close();
    }

    /** The running stick tables (for the runtime API and tests). */
    public dev.fulcrum.stick.StickTables stickTables() {
        return tables;
    }

    public boolean isStopped() {
        return stopped;
    }
}
