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
    private final String ownerName;

    LineOptionContext(String option, List<String> arguments, Settings.Builder settings, boolean defaultServer,
                      ParseState state, SourceLocation location, String ownerName) {
        this.option = option;
        this.arguments = arguments;
        this.settings = settings;
        this.defaultServer = defaultServer;
        this.state = state;
        this.location = location;
        this.ownerName = ownerName;
    }

    /** The name HAProxy's messages give the line's object: the server's name, or {@code default-server}. */
    public String ownerName() {
        return ownerName;
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

    /**
     * Reads argument {@code i} as HAProxy's {@code atol()} does (a missing or
     * malformed value is not an error), never below zero. A value that is not a
     * clean non-negative integer is accepted with a warning saying what it was
     * read as.
     */
    public int lenientCount(int i) {
        String v = arg(i);
        long n = Math.max(0, Math.min(Integer.MAX_VALUE, Units.atol(v)));
        if (!Units.isInteger(v) || v.startsWith("-")) {
            state.diagnostics().warning(location, "'" + option + "' expects a non-negative integer, '" + v
                    + "' is read as " + n + ".");
        }
        return (int) n;
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
