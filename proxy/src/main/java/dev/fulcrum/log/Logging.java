package dev.fulcrum.log;

import dev.fulcrum.config.Address;
import dev.fulcrum.config.Configuration;
import dev.fulcrum.config.ProxyConfig;
import dev.fulcrum.config.Severity;
import dev.fulcrum.frontend.Frontend;
import dev.fulcrum.http.StreamHooks;
import dev.fulcrum.logformat.LogVariables;
import dev.fulcrum.http.StreamObserver;
import dev.fulcrum.http.StreamRecord;
import dev.fulcrum.runtime.EngineException;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The logging of a running engine: the open log destinations, a
 * {@link ProxyLogger} per proxy and one for the global section, and the traffic
 * logs of frontends (it observes every finished stream).
 *
 * <p>Other rooms send their events through it, as HAProxy does for the same
 * events: {@link #proxy(String)} gives a proxy's logger, {@link #event} logs a
 * proxy event and echoes it on stderr.
 */
public final class Logging implements StreamObserver, StreamHooks, AutoCloseable {

    private final long pid = ProcessHandle.current().pid();
    private final Map<String, LogSink> sinks;
    private final ProxyLogger global;
    private final Map<String, ProxyLogger> proxies;
    private final Map<String, TrafficLogger> frontends;
    private volatile PrintStream stderr = System.err;
    private volatile boolean quiet;

    private Logging(Map<String, LogSink> sinks, ProxyLogger global, Map<String, ProxyLogger> proxies,
                    Map<String, TrafficLogger> frontends) {
        this.sinks = sinks;
        this.global = global;
        this.proxies = proxies;
        this.frontends = frontends;
    }

    /** The program name written in syslog headers when no {@code log-tag} is set: the command's name. */
    public static String programName() {
        String p = System.getProperty("fulcrum.program");
        return p == null || p.isEmpty() ? "fulcrum" : p;
    }

    /**
     * Opens every log destination of {@code config} and builds the loggers.
     *
     * @throws EngineException when a destination cannot be opened (an unknown file descriptor, UNIX
     *                         datagram sockets on a platform without the epoll transport)
     */
    public static Logging start(Configuration config) throws EngineException {
        long pid = ProcessHandle.current().pid();
        Map<String, LogSink> sinks = new LinkedHashMap<>();
        String host = config.global(LogSettings.SEND_HOSTNAME);
        String globalTag = config.global(LogSettings.GLOBAL_TAG);
        String tag = globalTag != null ? globalTag : programName();
        List<LogTarget> globalTargets = config.global(LogSettings.GLOBAL_TARGETS);
        try {
            ProxyLogger global = new ProxyLogger("", targets(globalTargets, globalTargets, host, sinks), tag, pid, host);
            Map<String, ProxyLogger> proxies = new HashMap<>();
            Map<String, TrafficLogger> frontends = new HashMap<>();
            String hostName = LogKeywords.systemHostName();
            for (ProxyConfig p : config.proxies()) {
                String ptag = p.get(LogSettings.TAG) != null ? p.get(LogSettings.TAG) : tag;
                ProxyLogger logger = new ProxyLogger(p.name(),
                        targets(p.get(LogSettings.TARGETS), globalTargets, host, sinks), ptag, pid, host);
                proxies.put(p.name(), logger);
                if (p.hasFrontend()) {
                    frontends.put(p.name(), new TrafficLogger(logger, p.get(LogSettings.FORMAT),
                            p.get(LogSettings.FORMAT_SD), p.get(LogSettings.DONTLOGNULL),
                            p.get(LogSettings.DONTLOG_NORMAL), p.get(LogSettings.SEPARATE_ERRORS),
                            p.get(LogSettings.UNIQUE_ID_FORMAT), p.get(LogSettings.UNIQUE_ID_HEADER), hostName, pid));
                }
            }
            Logging l = new Logging(sinks, global, Map.copyOf(proxies), Map.copyOf(frontends));
            l.quiet = config.global(dev.fulcrum.runtime.GlobalSettings.QUIET);
            return l;
        } catch (EngineException | RuntimeException e) {
            sinks.values().forEach(LogSink::close);
            throw e;
        }
    }

    private static List<ProxyLogger.Target> targets(List<LogTarget> configured, List<LogTarget> globalTargets,
                                                    String host, Map<String, LogSink> sinks) throws EngineException {
        List<ProxyLogger.Target> out = new ArrayList<>();
        for (LogTarget t : configured) {
            if (t.isGlobal()) {
                for (LogTarget g : globalTargets) {
                    out.add(runtime(g, host, sinks));
                }
            } else {
                out.add(runtime(t, host, sinks));
            }
        }
        return out;
    }

    private static ProxyLogger.Target runtime(LogTarget t, String host, Map<String, LogSink> sinks)
            throws EngineException {
        String key = t.address().toString();
        LogSink sink = sinks.get(key);
        if (sink == null) {
            sink = open(t);
            sinks.put(key, sink);
        }
        SyslogFormat format = t.format() != null ? t.format() : host != null ? SyslogFormat.RFC3164 : SyslogFormat.LOCAL;
        return new ProxyLogger.Target(t, sink, format, new AtomicLong());
    }

    private static LogSink open(LogTarget t) throws EngineException {
        try {
            return switch (t.address()) {
                case Address.Inet inet -> new UdpSink(new InetSocketAddress(InetAddress.getByName(inet.host()),
                        inet.portLow()));
                case Address.Unix unix -> {
                    if (!UnixDatagramSink.available()) {
                        throw new EngineException(t.location(), "log : '" + t.text() + "' : UNIX datagram log "
                                + "targets need the epoll transport (Linux) in Fulcrum.");
                    }
                    yield UnixDatagramSink.open(unix.path());
                }
                case Address.Fd fd -> new FdSink(fd.fd());
                case Address.Abstract ab -> throw new EngineException(t.location(), "log : '" + t.text()
                        + "' : abstract sockets are not supported yet by Fulcrum as log targets.");
            };
        } catch (IOException e) {
            throw new EngineException(t.location(), "log : cannot open log target '" + t.text() + "' : "
                    + e.getMessage());
        }
    }

    // ------------------------------------------------------------------ API for other rooms

    /** The logger of the global section's targets (process events, proxies without {@code log}). */
    public ProxyLogger global() {
        return global;
    }

    /**
     * The logger of proxy {@code name}: its own {@code log} targets (with
     * {@code log global} expanded), its {@code log-tag}. A proxy with no target
     * gets a logger that sends nothing; an unknown name gets the global one.
     */
    public ProxyLogger proxy(String name) {
        ProxyLogger p = proxies.get(name);
        return p != null ? p : global;
    }

    /**
     * Reports an event of proxy {@code proxy} as HAProxy does: {@code message}
     * (without final period or line feed) goes at {@code level} to the proxy's
     * log targets, and to stderr as {@code [WARNING]  (pid) : message.} (or
     * {@code [ALERT]}/{@code [NOTICE]} per {@code stderrSeverity}) unless the
     * engine is quiet. For example, a health check marking a server down calls
     * {@code event("bk", Level.ALERT, Severity.WARNING, "Server bk/s1 is DOWN, reason: ...")}.
     * Never blocks.
     */
    public void event(String proxy, Level level, Severity stderrSeverity, String message) {
        proxy(proxy).log(level, message + ".");
        if (!quiet && stderrSeverity != null) {
            stderr.println(stderrSeverity.tag() + "(" + pid + ") : " + message + ".");
        }
    }

    /** Where {@link #event} echoes messages (System.err by default; tests capture it). */
    public void stderr(PrintStream out) {
        this.stderr = java.util.Objects.requireNonNull(out, "out");
    }

    /** Silences the stderr echo of {@link #event} ({@code -q}, {@code quiet}, daemon mode). */
    public void quiet(boolean q) {
        this.quiet = q;
    }

    /**
     * Whether any frontend writes traffic log lines; when none does, the engine
     * need not publish finished streams to this room at all.
     */
    public boolean logsTraffic() {
        for (TrafficLogger t : frontends.values()) {
            if (t.logsStreams() || t.hasUniqueId()) {
                return true;
            }
        }
        return false;
    }

    /** Messages dropped so far because a destination could not take them (HAProxy's DroppedLogs). */
    public long droppedLogs() {
        long n = 0;
        for (LogSink s : sinks.values()) {
            n += s.dropped();
        }
        return n;
    }

    // ------------------------------------------------------------------ data path hooks

    @Override
    public void streamEnded(StreamRecord record) {
        TrafficLogger t = frontends.get(record.frontend());
        if (t != null) {
            t.log(record);
        }
    }

    @Override
    public void connectionError(Frontend fe, InetSocketAddress client, String listener, long acceptEpochMillis,
                                String message) {
        TrafficLogger t = frontends.get(fe.name());
        if (t == null || !t.logger().enabled()) {
            return;
        }
        if (fe.config().get(dev.fulcrum.log.LogSettings.DONTLOGNULL) && message.startsWith("Connection ")) {
            return; // option dontlognull: a connection that sent nothing (closed, or a read error) is not logged
        }
        java.time.ZonedDateTime d = java.time.Instant.ofEpochMilli(acceptEpochMillis).atZone(java.time.ZoneId.systemDefault());
        String date = String.format(java.util.Locale.ROOT, "%02d/%s/%04d:%02d:%02d:%02d.%03d", d.getDayOfMonth(),
                d.getMonth().getDisplayName(java.time.format.TextStyle.SHORT, java.util.Locale.ENGLISH),
                d.getYear(), d.getHour(), d.getMinute(), d.getSecond(), d.getNano() / 1_000_000);
        t.logger().log(Level.INFO, hostPort(client) + " [" + date + "] " + fe.name() + "/" + listener + ": " + message);
    }

    @Override
    public void accepted(Frontend fe, InetSocketAddress client, InetSocketAddress local) {
        TrafficLogger t = frontends.get(fe.name());
        if (t == null || t.logsStreams() || !t.logger().enabled()) {
            return;
        }
        // no log format: HAProxy logs the connection itself
        t.logger().log(Level.INFO, "Connect from " + hostPort(client) + " to " + hostPort(local) + " (" + fe.name()
                + "/HTTP)");
    }

    private static String hostPort(InetSocketAddress a) {
        if (a == null) {
            return "unix:1";
        }
        InetAddress ip = a.getAddress();
        String h = ip instanceof java.net.Inet6Address ? dev.fulcrum.sample.Inet.formatIpv6(ip.getAddress())
                : ip.getHostAddress();
        return h + ":" + a.getPort();
    }

    @Override
    public boolean wantsUniqueId(Frontend fe) {
        TrafficLogger t = frontends.get(fe.name());
        return t != null && t.hasUniqueId();
    }

    @Override
    public String uniqueId(Frontend fe, StreamRecord partial) {
        TrafficLogger t = frontends.get(fe.name());
        return t == null || !t.hasUniqueId() ? null : t.uniqueId(partial);
    }

    @Override
    public LogVariables variables(Frontend fe, StreamRecord partial) {
        TrafficLogger t = frontends.get(fe.name());
        return t == null ? LogVariables.NONE : t.variables(partial);
    }

    @Override
    public String uniqueIdHeader(Frontend fe) {
        TrafficLogger t = frontends.get(fe.name());
        return t == null ? null : t.uniqueIdHeader();
    }

    @Override
    public void close() {
        sinks.values().forEach(LogSink::close);
    }
}
