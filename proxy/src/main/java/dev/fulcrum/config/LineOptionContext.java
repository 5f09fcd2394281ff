package dev.fulcrum.config;

import java.util.List;

/**
 * What a {@link LineOption} handler sees: its arguments and the settings of the
 * bind or server line being built.
 */
public final class LineOptionContext {

    private final String option;
    private final List<String> arguments;
    private final Settings.Builder settings;
    private final boolean defaultServer;
    private final ParseState state;
    private final SourceLocation location;

    LineOptionContext(String option, List<String> arguments, Settings.Builder settings, boolean defaultServer,
                      ParseState state, SourceLocation location) {
        this.option = option;
        this.arguments = arguments;
        this.settings = settings;
        this.defaultServer = defaultServer;
        this.state = state;
        this.location = location;
    }

    public String option() {
        return option;
    }

    /** The i-th argument after the option word (0-based). */
    public String arg(int i) {
        return i < arguments.size() ? arguments.get(i) : "";
    }

    public Settings.Builder settings() {
        return settings;
    }

    public boolean isDefaultServer() {
        return defaultServer;
    }

    public SourceLocation location() {
        return location;
    }

    public Diagnostics diagnostics() {
        return state.diagnostics();
    }

    /** Variables for {@code fd@${NAME}}-style values. */
    public String env(String name) {
        return state.environment().apply(name);
    }

    /** Parses a time argument; the message names the option. */
    public long millis(int i) {
        String v = arg(i);
        if (v.isEmpty()) {
            throw new IllegalArgumentException("'" + option + "' expects a delay as argument.");
        }
        return Units.millis(v, "'" + option + "'");
    }

    /** Parses an integer argument strictly. */
    public int integer(int i, int min, int max) {
        String v = arg(i);
        if (!Units.isInteger(v)) {
            throw new IllegalArgumentException("'" + option + "' expects an integer argument, got '" + v + "'.");
        }
        long n = Long.parseLong(v);
        if (n < min || n > max) {
            throw new IllegalArgumentException("'" + option + "' value " + v + " is out of range (expected: "
                    + min + "-" + max + ").");
        }
        return (int) n;
    }
}
