package dev.fulcrum.check;

import dev.fulcrum.runtime.Engine;
import dev.fulcrum.server.StateEvents;
import dev.fulcrum.testing.RunningEngine;

import java.util.Map;

/** Starts an engine from configuration text with a state-event sink in place before the first check. */
final class Engines {

    private Engines() {
    }

    static Engine start(String config, Map<String, Object> vars, StateEvents.Sink sink) throws Exception {
        return Engine.start(RunningEngine.configuration(config, vars), sink);
    }
}
