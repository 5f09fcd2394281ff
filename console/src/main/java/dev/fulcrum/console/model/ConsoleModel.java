package dev.fulcrum.console.model;

import java.util.List;

/**
 * Everything the console shows about the engine it operates, independent of
 * JavaFX. Whoever knows about the engine writes here (today the demo, from the
 * configuration it runs; later a runtime API client); views only follow.
 */
public final class ConsoleModel {

    private final ModelValue<String> engine = new ModelValue<>("no engine");
    private final ModelValue<Topology> topology = new ModelValue<>(Topology.EMPTY);
    private final ModelValue<List<Notice>> notices = new ModelValue<>(List.of());

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
}
