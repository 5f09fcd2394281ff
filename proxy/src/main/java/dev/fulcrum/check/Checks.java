package dev.fulcrum.check;

import dev.fulcrum.backend.Backend;
import dev.fulcrum.config.ProxyConfig;
import dev.fulcrum.proxy.ProxySettings;
import dev.fulcrum.sample.EngineView;
import dev.fulcrum.sample.ProxyView;
import dev.fulcrum.sample.VarStore;
import dev.fulcrum.server.Health;
import dev.fulcrum.server.Server;
import dev.fulcrum.server.ServerSettings;
import dev.fulcrum.tls.TlsSettings;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The health checks and agent checks of a running engine: one {@link HealthCheck}
 * per checked server and per agent, spread over the event loops, their first runs
 * spread over the first interval as HAProxy spreads them. Tracking servers are
 * linked to the servers they follow and run no check of their own.
 */
public final class Checks implements AutoCloseable {

    private final List<HealthCheck> checks;

    private Checks(List<HealthCheck> checks) {
        this.checks = checks;
    }

    /**
     * Links tracking servers and starts every configured check.
     *
     * @param spreadPercent {@code spread-checks}
     * @param maxSpread     {@code max-spread-checks}, 0 for none
     * @param bufferSize    {@code tune.bufsize}: the most a check reads
     * @param tlsDefaults   {@code ssl-server-verify}, {@code ssl-default-server-ciphers[uites]}: servers' TLS defaults
     * @param procVars      the process-wide variables ({@code proc.} scope), shared with traffic
     */
    public static Checks start(Map<String, Backend> backends, EventLoopGroup group,
                               Supplier<? extends Channel> channels, int spreadPercent, long maxSpread,
                               int bufferSize, TlsSettings.ServerDefaults tlsDefaults, VarStore procVars) {
        EngineView engine = new EngineView() {
            @Override
            public ProxyView backend(String name) {
                return backends.get(name);
            }

            @Override
            public ProxyView frontend(String name) {
                return null; // checks have no frontend, nor fetches that name one
            }
        };
        linkTracking(backends);
        Warmup.run();
        List<HealthCheck> all = new ArrayList<>();
        boolean tlsWarm = false;
        for (Backend be : backends.values()) {
            ProxyConfig p = be.config();
            boolean external = p.get(CheckSettings.TYPE) == CheckType.EXTERNAL;
            CheckPlan health = CheckPlans.health(p, bufferSize);
            long timeoutConnect = p.get(ProxySettings.TIMEOUT_CONNECT);
            long timeoutCheck = p.get(ProxySettings.TIMEOUT_CHECK);
            boolean logChecks = p.get(CheckSettings.LOG_HEALTH_CHECKS);
            for (Server s : be.servers()) {
                CheckContext.Scope scope = new CheckContext.Scope(s, be, engine, procVars);
                s.sessions().wanted(s.config().get(ServerSettings.SHUTDOWN_ON_DOWN)
                        || s.config().get(ServerSettings.SHUTDOWN_BACKUPS_ON_UP));
                if (s.tracked() != null) {
                    continue;
                }
                EventLoop loop = group.next();
                if (s.config().get(CheckSettings.CHECK)) {
                    Health h = new Health(s.config().get(CheckSettings.RISE), s.config().get(CheckSettings.FALL));
                    s.check(h);
                    long inter = s.config().get(CheckSettings.INTER);
                    InetSocketAddress addr = checkAddress(s, s.config().get(CheckSettings.ADDR),
                            s.config().get(CheckSettings.PORT));
                    CheckTls tls = CheckTls.of(health, s.config(), tlsDefaults);
                    if (!tlsWarm) {
                        tls.warm();
                        tlsWarm = tls != CheckTls.NONE;
                    }
                    HealthCheck hc = new HealthCheck(s, h, false, health,
                            CheckTarget.of(addr, channels, inter, timeoutConnect, timeoutCheck, tls,
                                    s.config().get(CheckSettings.CHECK_PROTO)), loop, inter,
                            s.config().get(CheckSettings.FASTINTER), s.config().get(CheckSettings.DOWNINTER),
                            spreadPercent, logChecks, scope);
                    if (external) {
                        hc.external(ExternalCheck.of(s, be, p.get(CheckSettings.EXTERNAL_COMMAND),
                                p.get(CheckSettings.EXTERNAL_PATH), inter));
                    }
                    all.add(hc);
                    Analyzer.attach(s, hc);
                }
                if (s.config().get(CheckSettings.AGENT_CHECK) && s.config().get(CheckSettings.AGENT_PORT) > 0) {
                    // HAProxy's agent counts one failure or success as enough
                    Health h = new Health(1, 1);
                    s.agent(h);
                    long inter = s.config().get(CheckSettings.AGENT_INTER);
                    InetSocketAddress addr = checkAddress(s, s.config().get(CheckSettings.AGENT_ADDR),
                            s.config().get(CheckSettings.AGENT_PORT));
                    all.add(new HealthCheck(s, h, true, CheckPlans.agent(s.config().get(CheckSettings.AGENT_SEND),
                            bufferSize), CheckTarget.of(addr, channels, inter, timeoutConnect, timeoutCheck,
                            CheckTls.NONE, ""), loop, inter, 0, 0, spreadPercent, logChecks, scope));
                }
            }
        }
        long[] intervals = new long[all.size()];
        for (int i = 0; i < intervals.length; i++) {
            intervals[i] = all.get(i).baseInterval();
        }
        long[] delays = firstDelays(intervals, maxSpread);
        for (int i = 0; i < delays.length; i++) {
            all.get(i).start(delays[i]);
        }
        return new Checks(List.copyOf(all));
    }

    /** Intervals below this do not set the pace of the first runs of the others (haproxy's threshold). */
    private static final long PACE_THRESHOLD = 1000;

    /**
     * When each check first runs, as haproxy 2.6 spreads them: the {@code i}-th of
     * {@code n} at {@code i/n} of a spacing, which is the smallest interval of at
     * least one second among all checks, or the check's own interval if longer,
     * bounded by {@code max-spread-checks} ({@code maxSpread}, 0 for none).
     */
    static long[] firstDelays(long[] intervals, long maxSpread) {
        long pace = 0;
        for (long inter : intervals) {
            if (inter >= PACE_THRESHOLD && (pace == 0 || inter < pace)) {
                pace = inter;
            }
        }
        long[] out = new long[intervals.length];
        for (int i = 0; i < out.length; i++) {
            long spacing = Math.max(pace, intervals[i]);
            if (maxSpread > 0 && spacing > maxSpread) {
                spacing = maxSpread;
            }
            out[i] = spacing * i / out.length;
        }
        return out;
    }

    private static void linkTracking(Map<String, Backend> backends) {
        for (Backend be : backends.values()) {
            for (Server s : be.servers()) {
                String track = s.config().get(ServerSettings.TRACK);
                if (track.isEmpty()) {
                    continue;
                }
                int slash = track.indexOf('/');
                Backend target = slash < 0 ? be : backends.get(track.substring(0, slash));
                Server followed = target == null ? null : target.server(track.substring(slash + 1));
                if (followed != null && followed != s) {
                    s.track(followed);
                }
            }
        }
    }

    /** The configured check address: {@code addr} or the server's address, {@code port} or the server's port. */
    private static InetSocketAddress checkAddress(Server s, String addr, int port) {
        InetSocketAddress base = s.address();
        InetAddress ip = base != null ? base.getAddress() : null;
        if (!addr.isEmpty()) {
            try {
                ip = InetAddress.getByName(addr); // validated as a literal address when parsed
            } catch (UnknownHostException e) {
                return null;
            }
        }
        int p = port > 0 ? port : base != null ? base.getPort() : 0;
        if (ip == null || p == 0) {
            return null;
        }
        return new InetSocketAddress(ip, p);
    }

    /** Every running check (tests count runs through them). */
    Collection<HealthCheck> all() {
        return checks;
    }

    @Override
    public void close() {
        checks.forEach(HealthCheck::stop);
    }
}
