package dev.fulcrum.check;

import dev.fulcrum.backend.Backend;
import dev.fulcrum.config.Address;
import dev.fulcrum.config.BindConfig;
import dev.fulcrum.proxy.Mode;
import dev.fulcrum.server.Server;
import io.netty.channel.EventLoop;

import java.io.File;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code option external-check}: each run executes {@code external-check command}
 * as haproxy 2.6 does, with the arguments {@code <proxy_address> <proxy_port>
 * <server_address> <server_port>}, an environment of only the {@code HAPROXY_*}
 * variables and {@code PATH} (from {@code external-check path}, empty by default,
 * also used to find a command given without a slash), stdout and stderr shared
 * with Fulcrum's. Exit status 0 passes ("External check passed"), any other fails
 * ("External check error" with the status as code), and a command still running
 * after {@code inter} is terminated ("External check timeout").
 *
 * <p>Starting a process forks, so it happens on one small dedicated thread,
 * never on an event loop; the outcome is handed back to the check's loop.
 */
final class ExternalCheck {

    /** Launches processes, one at a time, off the event loops. */
    private static final ExecutorService LAUNCHER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fulcrum-external-check");
        t.setDaemon(true);
        return t;
    });

    private final Server server;
    /** The program and its four arguments, or {@code null} when the program was not found. */
    private final List<String> command;
    private final Map<String, String> environment;
    private final long timeoutMillis;
    /** The process of the run in progress, to end it when the check stops. */
    private volatile Process current;

    private ExternalCheck(Server server, List<String> command, Map<String, String> environment, long timeoutMillis) {
        this.server = server;
        this.command = command;
        this.environment = environment;
        this.timeoutMillis = timeoutMillis;
    }

    /** The external check of {@code s} in {@code be}, which runs {@code command} and kills it after {@code inter}. */
    static ExternalCheck of(Server s, Backend be, String command, String path, long inter) {
        String proxyAddr = "";
        String proxyPort = "";
        for (BindConfig b : be.config().binds()) {
            Address first = b.addresses().isEmpty() ? null : b.addresses().getFirst();
            if (first instanceof Address.Inet in) {
                proxyAddr = in.anyHost() ? (in.family() == Address.Family.IPV6 ? "::" : "0.0.0.0") : in.host();
                proxyPort = Integer.toString(in.portLow());
                break;
            }
            if (first instanceof Address.Unix u) {
                proxyAddr = u.path();
                break;
            }
        }
        InetSocketAddress sa = s.address();
        String serverAddr = sa == null ? "" : sa.getAddress().getHostAddress();
        if (sa != null && sa.getAddress() instanceof Inet6Address && serverAddr.contains("%")) {
            serverAddr = serverAddr.substring(0, serverAddr.indexOf('%'));
        }
        String serverPort = sa == null ? "" : Integer.toString(sa.getPort());
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", path);
        env.put("HAPROXY_PROXY_ADDR", proxyAddr);
        env.put("HAPROXY_PROXY_ID", Integer.toString(be.id()));
        env.put("HAPROXY_PROXY_NAME", be.name());
        env.put("HAPROXY_PROXY_PORT", proxyPort);
        env.put("HAPROXY_SERVER_ADDR", serverAddr);
        env.put("HAPROXY_SERVER_ID", Integer.toString(s.id()));
        env.put("HAPROXY_SERVER_MAXCONN", Integer.toString(s.configuredMaxconn()));
        env.put("HAPROXY_SERVER_NAME", s.name());
        env.put("HAPROXY_SERVER_PORT", serverPort);
        env.put("HAPROXY_SERVER_PROTO", be.mode() == Mode.HTTP ? "h1" : "tcp");
        env.put("HAPROXY_SERVER_SSL", "0");
        String executable = resolve(command, path);
        List<String> argv = executable == null ? null : List.of(executable,
                proxyAddr.isEmpty() ? "NOT_USED" : proxyAddr, proxyPort.isEmpty() ? "NOT_USED" : proxyPort,
                serverAddr, serverPort);
        return new ExternalCheck(s, argv, Map.copyOf(env), inter);
    }

    /**
     * Finds a command given without a slash in {@code path}, as execvp does
     * (an empty entry is the current directory); {@code null} when not found,
     * so every run fails as haproxy's does when its exec fails.
     */
    static String resolve(String command, String path) {
        if (command.contains("/")) {
            return command;
        }
        for (String dir : path.split(":", -1)) {
            File f = new File(dir.isEmpty() ? "." : dir, command);
            if (f.isFile() && f.canExecute()) {
                return f.getPath();
            }
        }
        return null;
    }

    /** Runs the command once; {@code done} is called on {@code loop} with the outcome. */
    void run(EventLoop loop, Consumer<CheckResult> done) {
        long start = System.nanoTime();
        Outcome outcome = new Outcome(loop, done, start);
        if (command == null) {
            outcome.finish(CheckStatus.PROCERR, 255); // haproxy's child exits with 255 when exec fails
            return;
        }
        LAUNCHER.execute(() -> {
            ProcessBuilder pb = new ProcessBuilder(command)
                    .redirectInput(new File("/dev/null"))
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.INHERIT);
            Map<String, String> env = pb.environment();
            env.clear();
            env.putAll(environment);
            env.put("HAPROXY_SERVER_CURCONN", Integer.toString(server.currentConns()));
            Process p;
            try {
                p = pb.start();
            } catch (IOException | IllegalArgumentException e) {
                // haproxy's child exits with 255 when it cannot exec the command
                outcome.finish(CheckStatus.PROCERR, 255);
                return;
            }
            current = p;
            long left = Math.max(0, timeoutMillis - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            outcome.watch(p, left);
        });
    }

    /** Ends the run in progress, if any (the engine is stopping). */
    void stop() {
        Process p = current;
        if (p != null) {
            p.destroy();
        }
    }

    /** One run's outcome: the first of the exit and the timeout wins, decided on the check's loop. */
    private static final class Outcome {
        private final EventLoop loop;
        private final Consumer<CheckResult> done;
        private final long start;
        private boolean finished;
        private ScheduledFuture<?> kill;

        Outcome(EventLoop loop, Consumer<CheckResult> done, long start) {
            this.loop = loop;
            this.done = done;
            this.start = start;
        }

        /** On the launcher thread, once the process started. */
        void watch(Process p, long timeoutMillis) {
            loop.execute(() -> {
                if (!finished) {
                    kill = loop.schedule(() -> {
                        if (!finished) {
                            p.destroy(); // SIGTERM, as haproxy's kill
                            complete(CheckStatus.PROCTOUT, 0);
                        }
                    }, timeoutMillis, TimeUnit.MILLISECONDS);
                }
            });
            p.onExit().thenAccept(x -> finish(x.exitValue() == 0 ? CheckStatus.PROCOK : CheckStatus.PROCERR,
                    x.exitValue()));
        }

        /** From any thread. */
        void finish(CheckStatus status, int code) {
            try {
                loop.execute(() -> complete(status, code));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // the engine is stopping
            }
        }

        private void complete(CheckStatus status, int code) {
            if (finished) {
                return;
            }
            finished = true;
            if (kill != null) {
                kill.cancel(false);
            }
            done.accept(new CheckResult(status, code, "", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)));
        }
    }
}
