package dev.fulcrum.testing;

import dev.fulcrum.server.Health;
import dev.fulcrum.server.Server;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One configuration run by the real haproxy 2.6 and by Fulcrum at once, for
 * differential tests. The configuration names its listening ports as
 * {@code ${PORT_...}} variables: each side gets its own free port for each, so
 * the two never share a listener (both bind with SO_REUSEPORT, so a shared port
 * would silently mix their connections). Other variables (backend addresses,
 * directories) are the same for both, except the syslog port of
 * {@link Builder#syslog}, which is each side's own receiver.
 */
public final class SideBySide implements AutoCloseable {

    /** How long {@link #awaitStateLines} waits: generous, a bound for a loaded machine, never a timing. */
    private static final Duration STATE_LINES = Duration.ofSeconds(30);

    private final Haproxy haproxy;
    private final RunningEngine fulcrum;
    private final Map<String, Integer> haproxyPorts;
    private final Map<String, Integer> fulcrumPorts;
    private final SyslogReceiver haproxyLog;
    private final SyslogReceiver fulcrumLog;
    private final StateLines.Capture fulcrumStates;

    private SideBySide(Haproxy haproxy, RunningEngine fulcrum, Map<String, Integer> haproxyPorts,
                       Map<String, Integer> fulcrumPorts, SyslogReceiver haproxyLog, SyslogReceiver fulcrumLog,
                       StateLines.Capture fulcrumStates) {
        this.haproxy = haproxy;
        this.fulcrum = fulcrum;
        this.haproxyPorts = haproxyPorts;
        this.fulcrumPorts = fulcrumPorts;
        this.haproxyLog = haproxyLog;
        this.fulcrumLog = fulcrumLog;
        this.fulcrumStates = fulcrumStates;
    }

    /**
     * Starts both and returns once haproxy listens on all its ports (Fulcrum's
     * are bound when {@link RunningEngine#start} returns).
     *
     * @param config   the configuration, with {@code ${NAME}} placeholders
     * @param portVars the names of the port variables, e.g. {@code PORT_FE}
     * @param shared   values of the other variables, the same on both sides
     */
    public static SideBySide start(String config, List<String> portVars, Map<String, String> shared)
            throws Exception {
        return of(config).ports(portVars).vars(shared).start();
    }

    /** A side-by-side run of {@code config}, to be set up and started. */
    public static Builder of(String config) {
        return new Builder(requireNonNull(config, "config"));
    }

    /** What both sides get, beyond the configuration. */
    public static final class Builder {
        private final String config;
        private final Map<String, Object> shared = new LinkedHashMap<>();
        private List<String> portVars = List.of();
        private String syslogVar;
        private boolean stateLines;
        private boolean cli;
        private final StringBuilder haproxyGlobal = new StringBuilder();

        private Builder(String config) {
            this.config = config;
        }

        /** The port variables: each side gets its own free port for each. */
        public Builder ports(String... vars) {
            return ports(List.of(vars));
        }

        public Builder ports(List<String> vars) {
            this.portVars = List.copyOf(vars);
            return this;
        }

        /** Variables with the same value on both sides. */
        public Builder vars(Map<String, ?> vars) {
            shared.putAll(vars);
            return this;
        }

        /** {@code ${var}} becomes the UDP port of a syslog receiver of each side's own. */
        public Builder syslog(String var) {
            this.syslogVar = var;
            return this;
        }

        /** Fulcrum prints its state-change lines as haproxy does, for {@link #awaitStateLines}. */
        public Builder stateLines() {
            this.stateLines = true;
            return this;
        }

        /** haproxy gets an admin stats socket, for {@link Haproxy#cli}. */
        public Builder cli() {
            this.cli = true;
            return this;
        }

        /**
         * A {@code global} line for haproxy only: for what the reference needs
         * and Fulcrum does not, such as {@code nbthread 1}, so that races between
         * haproxy's own threads do not decide an outcome the test compares.
         */
        public Builder haproxyGlobal(String line) {
            haproxyGlobal.append("    ").append(line).append('\n');
            return this;
        }

        /** Starts haproxy, then Fulcrum; chooses other ports if one was taken meanwhile. */
        public SideBySide start() throws Exception {
            SyslogReceiver haproxyLog = syslogVar == null ? null : SyslogReceiver.udp();
            SyslogReceiver fulcrumLog = syslogVar == null ? null : SyslogReceiver.udp();
            try {
                return Ports.retryingBind(() -> startOnce(haproxyLog, fulcrumLog));
            } catch (Exception | Error e) {
                closeAll(haproxyLog, fulcrumLog);
                throw e;
            }
        }

        private SideBySide startOnce(SyslogReceiver haproxyLog, SyslogReceiver fulcrumLog) throws Exception {
            Map<String, Integer> hp = new HashMap<>();
            Map<String, Integer> fp = new HashMap<>();
            Map<String, Object> haproxyVars = new HashMap<>(shared);
            Map<String, Object> fulcrumVars = new HashMap<>(shared);
            for (String v : portVars) {
                hp.put(v, Ports.free());
                fp.put(v, Ports.free());
                haproxyVars.put(v, hp.get(v));
                fulcrumVars.put(v, fp.get(v));
            }
            if (syslogVar != null) {
                haproxyVars.put(syslogVar, haproxyLog.port());
                fulcrumVars.put(syslogVar, fulcrumLog.port());
            }
            String haproxyConfig = haproxyGlobal.isEmpty() ? config : "global\n" + haproxyGlobal + config;
            for (Map.Entry<String, Object> v : haproxyVars.entrySet()) {
                haproxyConfig = haproxyConfig.replace("${" + v.getKey() + "}", String.valueOf(v.getValue()));
            }
            int[] ports = hp.values().stream().mapToInt(Integer::intValue).toArray();
            Haproxy h = cli ? Haproxy.startWithCli(haproxyConfig, ports) : Haproxy.start(haproxyConfig, ports);
            try {
                StateLines.Capture states = stateLines ? new StateLines.Capture() : null;
                RunningEngine f = states == null ? RunningEngine.start(config, fulcrumVars)
                        : RunningEngine.start(config, fulcrumVars, states.sink());
                return new SideBySide(h, f, Map.copyOf(hp), Map.copyOf(fp), haproxyLog, fulcrumLog, states);
            } catch (Exception | Error e) {
                h.close();
                throw e;
            }
        }
    }

    /** The port haproxy listens on for {@code portVar}. */
    public int haproxyPort(String portVar) {
        return requireNonNull(haproxyPorts.get(portVar), portVar);
    }

    /** The port Fulcrum listens on for {@code portVar}. */
    public int fulcrumPort(String portVar) {
        return requireNonNull(fulcrumPorts.get(portVar), portVar);
    }

    /** All the ports haproxy listens on for the port variables. */
    public java.util.Collection<Integer> haproxyPorts() {
        return haproxyPorts.values();
    }

    /** All the ports Fulcrum listens on for the port variables. */
    public java.util.Collection<Integer> fulcrumPorts() {
        return fulcrumPorts.values();
    }

    public Haproxy haproxy() {
        return haproxy;
    }

    public RunningEngine fulcrum() {
        return fulcrum;
    }

    /** What haproxy sent to its syslog port (see {@link Builder#syslog}). */
    public SyslogReceiver haproxyLog() {
        return requireNonNull(haproxyLog, "no syslog variable");
    }

    /** What Fulcrum sent to its syslog port (see {@link Builder#syslog}). */
    public SyslogReceiver fulcrumLog() {
        return requireNonNull(fulcrumLog, "no syslog variable");
    }

    /** haproxy's state-change lines so far, normalized (see {@link StateLines}). */
    public List<String> haproxyStateLines() {
        return StateLines.normalize(haproxy.output());
    }

    /** Fulcrum's state-change lines so far, normalized (see {@link Builder#stateLines}). */
    public List<String> fulcrumStateLines() {
        return requireNonNull(fulcrumStates, "state lines not captured").lines();
    }

    /** Waits until both printed at least {@code n} state lines; fails after a generous bound. */
    public void awaitStateLines(int n) throws InterruptedException {
        long deadline = System.nanoTime() + STATE_LINES.toNanos();
        while ((haproxyStateLines().size() < n || fulcrumStateLines().size() < n) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(haproxyStateLines()).as("haproxy's lines").hasSizeGreaterThanOrEqualTo(n);
        assertThat(fulcrumStateLines()).as("Fulcrum's lines").hasSizeGreaterThanOrEqualTo(n);
    }

    /**
     * Waits until the first health check (and agent check, where there is one)
     * of each of {@code servers} in {@code backend} finished on both sides
     * (haproxy's as its stats socket shows it: needs {@link Builder#cli});
     * fails after a generous bound.
     */
    public void awaitFirstChecks(String backend, String... servers) throws Exception {
        long deadline = System.nanoTime() + STATE_LINES.toNanos();
        for (String server : servers) {
            while (!(checked(backend, server) && haproxyChecked(backend, server)) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(checked(backend, server)).as("Fulcrum checked %s/%s", backend, server).isTrue();
            assertThat(haproxyChecked(backend, server)).as("haproxy checked %s/%s", backend, server).isTrue();
        }
    }

    private boolean checked(String backend, String server) {
        Server s = fulcrum.engine().backends().get(backend).server(server);
        return ran(s.check()) && ran(s.agent());
    }

    private static boolean ran(Health check) {
        return check == null || !check.enabled() || check.last().atMillis() > 0;
    }

    private boolean haproxyChecked(String backend, String server) throws java.io.IOException {
        String check = haproxy.stat(backend, server, "check_status");
        return check != null && ran(check) && ran(haproxy.stat(backend, server, "agent_status"));
    }

    /** A status column of {@code show stat}: empty without that check, INI (maybe starred) before its first run. */
    private static boolean ran(String status) {
        return !status.endsWith("INI");
    }

    /** What something observed through each side's {@code portVar}. */
    public record Both<T>(T haproxy, T fulcrum) {
    }

    /** Something a test observes through a listening port. */
    @FunctionalInterface
    public interface Probe<T> {
        T at(int port) throws Exception;
    }

    /** Runs {@code probe} against haproxy's port for {@code portVar}, then against Fulcrum's. */
    public <T> Both<T> each(String portVar, Probe<T> probe) throws Exception {
        T theirs = probe.at(haproxyPort(portVar));
        return new Both<>(theirs, probe.at(fulcrumPort(portVar)));
    }

    @Override
    public void close() throws Exception {
        try {
            fulcrum.close();
        } finally {
            try {
                haproxy.close();
            } finally {
                closeAll(haproxyLog, fulcrumLog);
            }
        }
    }

    private static void closeAll(AutoCloseable... all) throws Exception {
        for (AutoCloseable c : all) {
            if (c != null) {
                c.close();
            }
        }
    }
}
