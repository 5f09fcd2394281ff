package dev.fulcrum.bench;

import dev.fulcrum.config.ConfigLoader;
import dev.fulcrum.config.Configuration;

/** Shared set-up for the benchmarks: configurations are parsed by the real parser. */
final class Bench {

    private Bench() {
    }

    static Configuration parse(String text) {
        ConfigLoader.Result parsed = ConfigLoader.standard().loadText("bench.cfg", text);
        if (!parsed.ok()) {
            StringBuilder why = new StringBuilder("benchmark configuration does not parse:");
            parsed.diagnostics().alerts().forEach(d -> why.append("\n").append(d.format(0)));
            throw new IllegalStateException(why.toString());
        }
        return parsed.config();
    }
}
