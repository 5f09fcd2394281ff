package dev.fulcrum.main;

import dev.fulcrum.config.Configuration;
import dev.fulcrum.config.ProxyConfig;
import dev.fulcrum.frontend.Listener;
import dev.fulcrum.proxy.ProxySettings;
import dev.fulcrum.runtime.Engine;
import dev.fulcrum.runtime.EngineException;
import dev.fulcrum.runtime.GlobalSettings;
import sun.misc.Signal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Starts the engine for a valid configuration and keeps the process alive until a
 * signal stops it, with HAProxy's signal semantics: SIGTERM and SIGINT stop at
 * once, SIGUSR1 stops gracefully (listeners close, in-flight work finishes, bounded
 * by {@code hard-stop-after}), SIGTTOU pauses the listeners and SIGTTIN resumes them.
 */
final class Launcher {

    /** Returned by {@link Main#run} when the engine is serving and the JVM must stay up. */
    static final int KEEP_RUNNING = -1;

    private final CommandLine commandLine;
    private final Configuration config;
    private final PrintStream out;
    private final PrintStream err;
    private final long pid;
    /**
     * The started engine, once {@link Engine#start} has returned; read by signal handlers.
     * Listeners accept before that (checks start after binding), so a signal that finds
     * no engine yet is remembered under {@link #lock} and applied once it is set.
     */
    private Engine running;
    private final Object lock = new Object();
    private boolean softStopPending;
    private Boolean pausePending;

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
        if (!hasListener(config)) {
            err.println("[ALERT]    (" + pid + ") : [fulcrum.main()] No enabled listener found (check for 'bind' "
                    + "directives) ! Exiting.");
            return 1;
        }
        // Signals are handled before the listeners open: a signal that arrives as soon as the
        // port accepts must stop the engine cleanly, not kill the JVM with its default action.
        installSignals();
        Engine engine;
        try {
            // haproxy in the foreground prints server state changes on stderr, unless quiet
            boolean quiet = commandLine.quiet() || config.global(GlobalSettings.QUIET);
            engine = quiet ? Engine.start(config)
                    : Engine.start(config, dev.fulcrum.server.StateEvents.stderr(err, pid));
        } catch (EngineException e) {
            String where = e.location() != null && e.location().line() > 0 ? "[" + e.location() + "] : " : "";
            err.println("[ALERT]    (" + pid + ") : " + where + e.getMessage());
            return 1;
        }
        started(engine);
        String pidFile = commandLine.pidFile() != null ? commandLine.pidFile() : config.global(GlobalSettings.PIDFILE);
        if (pidFile != null && !pidFile.isEmpty()) {
            try {
                Files.writeString(Path.of(pidFile), pid + "\n", StandardCharsets.US_ASCII);
            } catch (IOException e) {
                err.println("[ALERT]    (" + pid + ") : [fulcrum.main()] Cannot create pidfile " + pidFile);
                engine.close();
                return 1;
            }
        }
        if (commandLine.debug()) {
            err.println("[NOTICE]   (" + pid + ") : Fulcrum started on " + engine.transportName() + " with "
                    + engine.frontends().size() + " frontend(s), " + engine.backends().size() + " backend(s), maxconn "
                    + engine.maxconn() + ".");
            engine.http().addObserver(r -> err.println(DebugLog.line(r)));
        }
        return KEEP_RUNNING;
    }

    /** Publishes the started engine and applies the signals that arrived while it started. */
    private void started(Engine engine) {
        synchronized (lock) {
            running = engine;
            if (pausePending != null) {
                pause(engine, pausePending);
            }
            if (softStopPending) {
                softStop(engine);
            }
        }
    }

    private Engine running() {
        synchronized (lock) {
            return running;
        }
    }

    private void installSignals() {
        Runnable stopNow = () -> {
            Engine engine = running();
            if (engine != null) {
                engine.close();
            }
            exit(0);
        };
        handle("TERM", stopNow);
        handle("INT", stopNow);
        handle("USR1", () -> {
            synchronized (lock) {
                if (running == null) {
                    softStopPending = true; // connections may already be in flight: stop once started
                } else {
                    softStop(running);
                }
            }
        });
        handle("TTOU", () -> pauseSignal(true));
        handle("TTIN", () -> pauseSignal(false));
    }

    private void pauseSignal(boolean pause) {
        synchronized (lock) {
            if (running == null) {
                pausePending = pause;
            } else {
                pause(running, pause);
            }
        }
    }

    private static void pause(Engine engine, boolean pause) {
        engine.listeners().forEach(pause ? Listener::pause : Listener::resume);
    }

    private void softStop(Engine engine) {
        Thread t = new Thread(() -> {
            try {
                engine.softStop(config.global(GlobalSettings.HARD_STOP_AFTER));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exit(0);
        }, "fulcrum-soft-stop");
        t.start();
    }

    private void handle(String name, Runnable action) {
        try {
            Signal.handle(new Signal(name), s -> action.run());
        } catch (IllegalArgumentException e) {
            err.println("[WARNING]  (" + pid + ") : cannot handle SIG" + name + ": " + e.getMessage());
        }
    }

    private void exit(int status) {
        out.flush();
        err.flush();
        // halt, not exit: shutdown hooks are not needed and must not delay the exit status
        Runtime.getRuntime().halt(status);
    }
}
