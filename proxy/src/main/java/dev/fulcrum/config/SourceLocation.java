package dev.fulcrum.config;

import static java.util.Objects.requireNonNull;

/**
 * Where a configuration statement came from: a file name as given on the command
 * line (or a directory entry) and a 1-based line number. Rendered as
 * {@code file:line}, the form HAProxy uses inside {@code parsing [file:line]}.
 */
public record SourceLocation(String file, int line) {

    /** Location of things that come from the command line or built-in defaults. */
    public static final SourceLocation NONE = new SourceLocation("", 0);

    public SourceLocation {
        requireNonNull(file, "file");
        if (line < 0) {
            throw new IllegalArgumentException("line: " + line + " (expected: >= 0)");
        }
    }

    @Override
    public String toString() {
        return file + ":" + line;
    }
}
