package dev.fulcrum.server;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Where server state changes are reported: any number of sinks (stderr in the
 * foreground, the proxies' log targets, a test's collector). A sink must not
 * block for long: it is called on the thread that made the change, often an
 * event loop.
 */
public final class StateEvents {

    /** Receives state-change events. */
    @FunctionalInterface
    public interface Sink {
        void event(StateEvent event);
    }

    private final List<Sink> sinks = new CopyOnWriteArrayList<>();

    public void addSink(Sink sink) {
        sinks.add(sink);
    }

    public void removeSink(Sink sink) {
        sinks.remove(sink);
    }

    public void publish(StateEvent event) {
        for (Sink s : sinks) {
            s.event(event);
        }
    }

    /**
     * A sink printing as haproxy does in the foreground:
     * {@code [WARNING]  (pid) : Server bk/s1 is DOWN, ...}.
     */
    public static Sink stderr(PrintStream err, long pid) {
        return e -> err.println((e.alert() ? "[ALERT]    (" : "[WARNING]  (") + pid + ") : " + e.consoleText());
    }
}
