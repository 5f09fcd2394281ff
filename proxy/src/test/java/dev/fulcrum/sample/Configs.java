package dev.fulcrum.sample;

import dev.fulcrum.config.ConfigEnvironment;
import dev.fulcrum.config.ConfigLoader;
import dev.fulcrum.config.Diagnostic;
import dev.fulcrum.config.KeywordRegistry;

import java.util.List;

/** Loads configuration text in tests and reports its messages as HAProxy prints them (without the prefix). */
public final class Configs {

    private Configs() {
    }

    /** The standard defaults most tests start from. */
    public static final String DEFAULTS = """
            defaults
              mode http
              timeout client 1s
              timeout server 1s
              timeout connect 1s
            """;

    public static ConfigLoader.Result load(String text) {
        return new ConfigLoader(KeywordRegistry.standard(), ConfigEnvironment.system()).loadText("t.cfg", text);
    }

    /** Alert messages, each as {@code file:line: message} (or just the message without a location). */
    public static List<String> alerts(String text) {
        return load(text).diagnostics().alerts().stream().map(Configs::describe).toList();
    }

    public static List<String> warnings(String text) {
        return load(text).diagnostics().warnings().stream().map(Configs::describe).toList();
    }

    private static String describe(Diagnostic d) {
        return d.location().line() > 0 ? d.location() + ": " + d.message() : d.message();
    }
}
