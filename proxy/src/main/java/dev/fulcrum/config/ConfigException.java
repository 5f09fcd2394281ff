package dev.fulcrum.config;

import static java.util.Objects.requireNonNull;

/**
 * A configuration error tied to the statement that caused it. The message is the
 * text after {@code parsing [file:line] : } in HAProxy's alert, without the prefix.
 */
public final class ConfigException extends Exception {

    private final SourceLocation location;
    private final Diagnostic.Style style;

    public ConfigException(SourceLocation location, String message) {
        this(location, message, Diagnostic.Style.PARSING);
    }

    public ConfigException(SourceLocation location, String message, Diagnostic.Style style) {
        super(requireNonNull(message, "message"), null, false, false);
        this.location = requireNonNull(location, "location");
        this.style = requireNonNull(style, "style");
    }

    public Diagnostic.Style style() {
        return style;
    }

    public SourceLocation location() {
        return location;
    }
}
