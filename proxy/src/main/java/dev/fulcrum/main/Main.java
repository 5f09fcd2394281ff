package dev.fulcrum.main;

import dev.fulcrum.Fulcrum;
import dev.fulcrum.config.ConditionExpression;
import dev.fulcrum.config.ConfigEnvironment;
import dev.fulcrum.config.ConfigLexer;
import dev.fulcrum.config.ConfigLoader;
import dev.fulcrum.config.Diagnostic;
import dev.fulcrum.config.LexException;
import dev.fulcrum.config.Severity;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/**
 * The {@code fulcrum} command: a stand-in for {@code haproxy} on its command line,
 * with the same options, messages and exit codes.
 */
public final class Main {

    /** Exit status of HAProxy's {@code -c} when the configuration has no listener. */
    static final int EXIT_NO_LISTENER = 2;

    private final PrintStream out;
    private final PrintStream err;
    private final long pid = ProcessHandle.current().pid();
    private boolean announced;
    /** {@code -q}: as haproxy, no message at all, only the exit status. */
    private boolean quiet;

    Main(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        // Netty reports buffer allocations as JFR events when JFR is available; the first
        // allocation then loads JFR (~250 ms), paid by the first health check or request.
        // An operator who wants those events sets -Dio.netty.jfr.enabled=true.
        if (System.getProperty("io.netty.jfr.enabled") == null) {
            System.setProperty("io.netty.jfr.enabled", "false");
        }
        int status = new Main(System.out, System.err).run(args);
        if (status != Launcher.KEEP_RUNNING) {
            System.out.flush();
            System.exit(status);
        }
    }

    /** Runs the command; returns the exit status, or {@link Launcher#KEEP_RUNNING} once an engine is serving. */
    int run(String[] args) {
        CommandLine cl;
        try {
            cl = CommandLine.parse(args);
        } catch (CommandLine.UsageException e) {
            err.println("[ALERT]    (" + pid + ") : " + e.getMessage());
            err.print(CommandLine.usage());
            return 1;
        }
        if (cl.version() > 0) {
            printVersion(cl.version());
            return 0;
        }
        if (cl.condition() != null) {
            return evaluateCondition(cl.condition());
        }
        if (cl.configs().isEmpty()) {
            err.println("[ALERT]    (" + pid + ") : No configuration file specified.");
            err.print(CommandLine.usage());
            return 1;
        }
        if (cl.daemon() || cl.masterWorker() || !cl.softStopPids().isEmpty() || !cl.hardStopPids().isEmpty()) {
            if (!cl.check()) {
                err.println("[ALERT]    (" + pid + ") : " + unsupportedModeMessage(cl));
                return 1;
            }
        }
        ConfigEnvironment environment = ConfigEnvironment.system();
        // as haproxy: the local peer name (-L, by default the host name) is visible to the configuration
        environment.set("HAPROXY_LOCALPEER", cl.localPeer() != null ? cl.localPeer() : hostName());
        ConfigLoader.Result result = new ConfigLoader(dev.fulcrum.config.KeywordRegistry.standard(), environment)
                .load(cl.configs());
        if (result.ok() && result.config().files().isEmpty()) {
            // only empty directories: haproxy treats it as having no configuration at all
            err.println("[ALERT]    (" + pid + ") : No configuration file specified.");
            err.print(CommandLine.usage());
            return 1;
        }
        quiet = cl.quiet();
        report(result);
        if (!result.ok()) {
            if (!result.diagnostics().aborted()) {
                alert("config : Fatal errors found in configuration.");
            }
            return 1;
        }
        if (cl.check()) {
            if (!Launcher.hasListener(result.config())) {
                if (!quiet) {
                    out.println("Configuration file has no error but will not start (no listener) => exit(2).");
                }
                return EXIT_NO_LISTENER;
            }
            if (!quiet) {
                if (result.diagnostics().hasWarnings()) {
                    out.println("Warnings were found.");
                }
                out.println("Configuration file is valid");
            }
            return 0;
        }
        return new Launcher(cl, result.config(), out, err, pid).start();
    }

    /** The kernel's host name, as gethostname() gives it (no name resolution). */
    private static String hostName() {
        try {
            String name = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/hostname")).trim();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux: fall back to the environment
        }
        String env = System.getenv("HOSTNAME");
        return env != null && !env.isEmpty() ? env : "localhost";
    }

    private static String unsupportedModeMessage(CommandLine cl) {
        if (cl.daemon()) {
            return "daemon mode (-D) is not supported yet by Fulcrum; run it in the foreground under a supervisor.";
        }
        if (cl.masterWorker()) {
            return "master-worker mode (-W) is not supported yet by Fulcrum.";
        }
        return "taking over from a running instance (-sf/-st) is not supported yet by Fulcrum.";
    }

    private int evaluateCondition(String expression) {
        // haproxy cuts the argument into words as it cuts a configuration line
        // (quotes, escapes, variables), then joins them as for an '.if' line.
        ConfigEnvironment env = ConfigEnvironment.system();
        List<String> words;
        try {
            words = ConfigLexer.split(expression, env);
        } catch (LexException e) {
            String m = e.getMessage();
            alert("config : Syntax Error in condition: " + Character.toUpperCase(m.charAt(0)) + m.substring(1) + ".");
            return 2;
        }
        try {
            return ConditionExpression.evaluate(String.join(" ", words), env) ? 0 : 1;
        } catch (IllegalArgumentException e) {
            alert("config : Failed to evaluate condition: " + e.getMessage());
            return 2;
        }
    }

    private void printVersion(int level) {
        out.println("Fulcrum version " + Fulcrum.version() + " (HAProxy " + Fulcrum.HAPROXY_COMPAT + " compatible)");
        if (level < 2) {
            out.println("Running on: " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                    + System.getProperty("os.arch") + ", Java " + Runtime.version());
            return;
        }
        out.println("TARGET = " + System.getProperty("os.name").toLowerCase() + "-java"
                + Runtime.version().feature());
        StringBuilder features = new StringBuilder("Feature list :");
        Set<String> all = new java.util.TreeSet<>();
        all.addAll(Fulcrum.FEATURES);
        all.addAll(Fulcrum.MISSING_FEATURES);
        for (String f : all) {
            features.append(' ').append(Fulcrum.hasFeature(f) ? '+' : '-').append(f);
        }
        out.println(features);
        out.println("Available services : none");
        out.println("Running on: " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch") + ", Java " + Runtime.version());
    }

    private void report(ConfigLoader.Result result) {
        for (Diagnostic d : result.diagnostics().forDisplay()) {
            if (quiet || d.severity() == Severity.DIAG) {
                continue;
            }
            announce();
            err.println(d.format(pid));
        }
    }

    private void alert(String message) {
        if (quiet) {
            return;
        }
        announce();
        err.println(Severity.ALERT.tag() + "(" + pid + ") : " + message);
    }

    /** HAProxy prints its version and path before the first startup message. */
    private void announce() {
        if (!announced) {
            announced = true;
            err.println(Severity.NOTICE.tag() + "(" + pid + ") : fulcrum version is " + Fulcrum.version()
                    + " (HAProxy " + Fulcrum.HAPROXY_COMPAT + " compatible)");
            String home = System.getProperty("fulcrum.home");
            if (home != null) {
                err.println(Severity.NOTICE.tag() + "(" + pid + ") : path to executable is " + home + "/bin/fulcrum");
            }
        }
    }
}
