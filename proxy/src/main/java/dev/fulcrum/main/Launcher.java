package dev.fulcrum.main;

import dev.fulcrum.config.Configuration;
import dev.fulcrum.config.ProxyConfig;
import dev.fulcrum.proxy.ProxySettings;

import java.io.PrintStream;

/**
 * Starts the engine for a valid configuration and keeps the process alive until a
 * signal stops it.
 */
final class Launcher {

    /** Returned by {@link Main#run} when the engine is serving and the JVM must stay up. */
    static final int KEEP_RUNNING = -1;

    private final CommandLine commandLine;
    private final Configuration config;
    private final PrintStream out;
    private final PrintStream err;
    private final long pid;

    Launcher(CommandLine commandLine, Configuration config, PrintStream out, PrintStream err, long pid) {
        this.commandLine = commandLine;
        this.config = config;
        this.out = out;
        this.err = err;
        this.pid = pid;
    }

    /** Whether the configuration would accept any connection (HAProxy's "no listener" test). */
    static boolean hasListener(Configuration config) {
        for (ProxyConfig p : config.proxies()) {
            if (p.hasFrontend() && !p.binds().isEmpty() && !p.get(ProxySettings.DISABLED)) {
                return true;
            }
        }
        return false;
    }

    int start() {
        err.println("[ALERT]    (" + pid + ") : serving traffic is not implemented yet in this build.");
        return 1;
    }
}
