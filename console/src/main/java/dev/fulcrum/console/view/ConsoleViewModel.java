package dev.fulcrum.console.view;

import dev.fulcrum.console.model.ConsoleModel;
import dev.fulcrum.console.model.ModelValue;
import dev.fulcrum.console.model.Notice;
import dev.fulcrum.console.model.StatsSnapshot;
import dev.fulcrum.console.model.Topology;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;

import static java.util.Objects.requireNonNull;

/**
 * The {@link ConsoleModel} as JavaFX properties for the views to bind to. Model
 * changes may come from any thread; they reach these properties through
 * {@code fxThread} (in the application, {@code Platform::runLater}).
 */
public final class ConsoleViewModel implements AutoCloseable {

    private final ReadOnlyStringWrapper engine = new ReadOnlyStringWrapper(this, "engine", "");
    private final ReadOnlyObjectWrapper<Topology> topology = new ReadOnlyObjectWrapper<>(this, "topology", Topology.EMPTY);
    private final ObservableList<Notice> notices = FXCollections.observableArrayList();
    private final ObservableList<Notice> noticesView = FXCollections.unmodifiableObservableList(notices);
    private final ReadOnlyObjectWrapper<StatsSnapshot> stats = new ReadOnlyObjectWrapper<>(this, "stats", StatsSnapshot.EMPTY);
    /** The latest snapshot not yet handed to the FX thread; see {@link #offer}. */
    private final AtomicReference<StatsSnapshot> pendingStats = new AtomicReference<>();
    private final List<ModelValue.Subscription> subscriptions = new ArrayList<>();

    public ConsoleViewModel(ConsoleModel model, Executor fxThread) {
        requireNonNull(model, "model");
        requireNonNull(fxThread, "fxThread");
        subscriptions.add(model.engine().subscribe(v -> fxThread.execute(() -> engine.set(v))));
        subscriptions.add(model.topology().subscribe(v -> fxThread.execute(() -> topology.set(v))));
        subscriptions.add(model.notices().subscribe(v -> fxThread.execute(() -> notices.setAll(v))));
        subscriptions.add(model.stats().subscribe(v -> offer(v, fxThread)));
    }

    /**
     * Hands a snapshot to the FX thread without queueing one task per sample:
     * while a hand-over is pending, a newer snapshot replaces the waiting one. A
     * busy FX thread thus skips samples instead of falling behind on them.
     */
    private void offer(StatsSnapshot snapshot, Executor fxThread) {
        if (pendingStats.getAndSet(snapshot) == null) {
            fxThread.execute(() -> stats.set(pendingStats.getAndSet(null)));
        }
    }

    public ReadOnlyStringProperty engineProperty() {
        return engine.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Topology> topologyProperty() {
        return topology.getReadOnlyProperty();
    }

    /** The engine's latest counters, replaced a few times a second while an engine runs. */
    public ReadOnlyObjectProperty<StatsSnapshot> statsProperty() {
        return stats.getReadOnlyProperty();
    }

    public ObservableList<Notice> notices() {
        return noticesView;
    }

    /** Stops following the model. */
    @Override
    public void close() {
        subscriptions.forEach(ModelValue.Subscription::close);
        subscriptions.clear();
    }
}
