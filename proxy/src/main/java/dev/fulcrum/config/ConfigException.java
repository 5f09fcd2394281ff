package dev.fulcrum.config;

import static java.util.Objects.requireNonNull;

/**
 * A configuration error tied to the statement that caused it. The message is the
 * text after {@code parsing [file:line] : } in HAProxy's alert, without the prefix.
 */
public final class ConfigException extends Exception {

    private final SourceLocation location;
    private final Diagnostic.Style style;
    private final boolean aborts;

    public ConfigException(SourceLocation location, String message) {
        this(location, message, Diagnostic.Style.PARSING);
    }

    public ConfigException(SourceLocation location, String message, Diagnostic.Style style) {
        this(location, message, style, false);
    }

    private ConfigException(SourceLocation location, String message, Diagnostic.Style style, boolean aborts) {
        super(requireNonNull(message, "message"), null, false, false);
        this.location = requireNonNull(location, "location");
        this.style = requireNonNull(style, "style");
        this.aborts = aborts;
    }

    /**
     * This error, made fatal to the whole load: HAProxy stops reading the
     * configuration at an invalid {@code http-request}, {@code http-response} or
     * {@code http-after-response} rule (its ERR_ABORT), so no later line is checked.
     */
    public ConfigException aborting() {
        return new ConfigException(location, getMessage(), style, true);
    }

    /** Whether the load stops at this error. */
    public boolean aborts() {
        return aborts;
    }

    public Diagnostic.Style style() {
        return style;
    }

    public SourceLocation location() {
        return location;
    }
}
