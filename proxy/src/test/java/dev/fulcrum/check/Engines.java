package dev.fulcrum.check;

import dev.fulcrum.config.ConfigEnvironment;
import dev.fulcrum.config.ConfigLoader;
import dev.fulcrum.config.KeywordRegistry;
import dev.fulcrum.runtime.Engine;
import dev.fulcrum.server.StateEvents;

import java.util.Map;

/** Starts an engine from configuration text with a state-event sink in place before the first check. */
final class Engines {

    private Engines() {
    }

    static Engine start(String config, Map<String, Object> vars, StateEvents.Sink sink) throws Exception {
        String text = config;
        for (Map.Entry<String, Object> v : vars.entrySet()) {
            text = text.replace("${" + v.getKey() + "}", String.valueOf(v.getValue()));
        }
        ConfigLoader.Result r = new ConfigLoader(KeywordRegistry.standard(), new ConfigEnvironment(k -> null))
                .loadText("test.cfg", text);
        if (!r.ok()) {
            throw new IllegalArgumentException("bad test config: " + r.diagnostics().alerts());
        }
        return Engine.start(r.config(), sink);
    }
}
