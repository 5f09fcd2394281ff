package dev.fulcrum.check;

import dev.fulcrum.server.StateEvent;
import dev.fulcrum.server.StateEvents;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Collects an engine's state-change events; waits for one (bounded, never a timing assertion). */
final class Events implements StateEvents.Sink {

    private static final Duration LIMIT = Duration.ofSeconds(30);

    private final List<StateEvent> events = new CopyOnWriteArrayList<>();
    /** What the test wants to capture at the moment each event is published (e.g. a connection count). */
    private final List<Object> snapshots = new CopyOnWriteArrayList<>();
    private volatile java.util.function.Supplier<Object> snapshot = () -> null;

    @Override
    public void event(StateEvent e) {
        snapshots.add(snapshot.get());
        events.add(e);
    }

    void snapshot(java.util.function.Supplier<Object> s) {
        this.snapshot = s;
    }

    List<String> lines() {
        List<String> out = new ArrayList<>();
        for (StateEvent e : events) {
            out.add(e.consoleText());
        }
        return out;
    }

    List<StateEvent> all() {
        return events;
    }

    /** Waits (up to 30 s) for an event whose console text contains {@code text}; returns its index. */
    int await(String text) throws InterruptedException {
        return await(e -> e.consoleText().contains(text), text);
    }

    int await(Predicate<StateEvent> p, String what) throws InterruptedException {
        return awaitNth(p, 1, what);
    }

    /** Waits for the {@code n}-th (1-based) event containing {@code text}. */
    int awaitNth(String text, int n) throws InterruptedException {
        return awaitNth(e -> e.consoleText().contains(text), n, "#" + n + " " + text);
    }

    /** Waits up to {@link #LIMIT} (a bound for a loaded machine, not a timing) for the n-th match. */
    private int awaitNth(Predicate<StateEvent> p, int n, String what) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        do {
            int seen = 0;
            for (int k = 0; k < events.size(); k++) {
                if (p.test(events.get(k)) && ++seen == n) {
                    return k;
                }
            }
            Thread.sleep(10);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no event " + what + " within " + LIMIT.toSeconds() + " s; got " + lines());
    }

    Object snapshotAt(int index) {
        return snapshots.get(index);
    }
}
