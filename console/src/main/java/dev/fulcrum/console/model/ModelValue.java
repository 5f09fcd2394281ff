package dev.fulcrum.console.model;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * One observable value of the console model, free of any UI toolkit so that
 * background threads (a runtime API client, the demo) can write it and any
 * view can follow it.
 *
 * <p>Listeners run on the thread that calls {@link #set}, in the order values
 * were set; they must be quick and hand work to their own thread (a JavaFX view
 * uses {@code Platform.runLater}).
 *
 * @param <T> the value type, which must be immutable
 */
public final class ModelValue<T> {

    /** Ends a subscription. */
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    private final List<Consumer<? super T>> listeners = new CopyOnWriteArrayList<>();
    private T value;

    public ModelValue(T initial) {
        this.value = requireNonNull(initial, "initial");
    }

    public synchronized T get() {
        return value;
    }

    /** Replaces the value and tells every listener, even when it is equal to the old one. */
    public synchronized void set(T newValue) {
        value = requireNonNull(newValue, "newValue");
        for (Consumer<? super T> l : listeners) {
            l.accept(newValue);
        }
    }

    /**
     * Calls {@code listener} with the current value, then with every later one.
     * Holding the lock across both means no value is missed or seen twice.
     */
    public synchronized Subscription subscribe(Consumer<? super T> listener) {
        requireNonNull(listener, "listener");
        listener.accept(value);
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
