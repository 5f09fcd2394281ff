package dev.fulcrum.config;

import static java.util.Objects.requireNonNull;

/**
 * One message produced while reading or checking a configuration.
 *
 * @param severity how bad it is; {@link Severity#ALERT} makes the configuration invalid
 * @param location the statement it refers to, or {@link SourceLocation#NONE}
 * @param message  the text, possibly multi-line (continuation lines are printed
 *                 with HAProxy's {@code "   | "} prefix)
 * @param style    how the location is printed: HAProxy writes keyword errors as
 *                 {@code parsing [f:l] : msg}, lexer errors and directives as
 *                 {@code parsing [f:l]: msg}, server-line errors as {@code [f:l] : msg}, and
 *                 the formats it compiles after reading the files as {@code Parsing [f:l]: msg}
 */
public record Diagnostic(Severity severity, SourceLocation location, String message, Style style) {

    /** The ways HAProxy prefixes a message with its location. */
    public enum Style { PARSING, COMPACT, BARE, LATE }

    public Diagnostic {
        requireNonNull(severity, "severity");
        requireNonNull(location, "location");
        requireNonNull(message, "message");
        requireNonNull(style, "style");
    }

    public Diagnostic(Severity severity, SourceLocation location, String message) {
        this(severity, location, message, Style.PARSING);
    }

    /**
     * Formats this message the way HAProxy prints it on stderr, e.g.
     * {@code [ALERT]    (1234) : config : parsing [a.cfg:8] : unknown keyword 'foo' in 'frontend' section}.
     */
    public String format(long pid) {
        StringBuilder out = new StringBuilder(96);
        out.append(severity.tag()).append('(').append(pid).append(") : config : ");
        if (location != SourceLocation.NONE && location.line() > 0) {
            switch (style) {
                case PARSING -> out.append("parsing [").append(location).append("] : ");
                case COMPACT -> out.append("parsing [").append(location).append("]: ");
                case LATE -> out.append("Parsing [").append(location).append("]: ");
                case BARE -> out.append('[').append(location).append("] : ");
            }
        }
        String[] lines = message.split("\n", -1);
        out.append(lines[0]);
        for (int i = 1; i < lines.length; i++) {
            out.append('\n');
            if (lines[i].startsWith("  ")) {
                out.append(lines[i]); // pre-formatted (e.g. a caret under an offending character)
            } else {
                out.append("   | ").append(lines[i]);
            }
        }
        return out.toString();
    }
}
