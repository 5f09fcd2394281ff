package dev.fulcrum.console.model;

import java.util.List;

/**
 * Everything the console shows about the engine it operates, independent of
 * JavaFX. Whoever knows about the engine writes here (today the demo: the
 * configuration it runs and its engine's counters; later a runtime API
 * client); views only follow.
 */
public final class ConsoleModel {

    private final ModelValue<String> engine = new ModelValue<>("no engine");
    private final ModelValue<Topology> topology = new ModelValue<>(Topology.EMPTY);
    private final ModelValue<List<Notice>> notices = new ModelValue<>(List.of());
    private final ModelValue<StatsSnapshot> stats = new ModelValue<>(StatsSnapshot.EMPTY);

    /** One line saying which engine this is and where its view comes from. */
    public ModelValue<String> engine() {
        return engine;
    }

    public ModelValue<Topology> topology() {
        return topology;
    }

    /** The status bar's lines, in the order they should be shown. */
    public ModelValue<List<Notice>> notices() {
        return notices;
    }

    /** The engine's latest counters; {@link StatsSnapshot#EMPTY} while there is no running engine. */
    public ModelValue<StatsSnapshot> stats() {
        return stats;
    }
}
