package dev.fulcrum.console.model;

import static java.util.Objects.requireNonNull;

/**
 * A line for the status bar: something the operator should know about the
 * console's own state (what it runs, what failed), not about traffic.
 *
 * @param level how much it matters
 * @param text  one line, no trailing period
 */
public record Notice(Level level, String text) {

    public enum Level { INFO, WARNING, ERROR }

    public Notice {
        requireNonNull(level, "level");
        requireNonNull(text, "text");
    }

    public static Notice info(String text) {
        return new Notice(Level.INFO, text);
    }

    public static Notice warning(String text) {
        return new Notice(Level.WARNING, text);
    }

    public static Notice error(String text) {
        return new Notice(Level.ERROR, text);
    }
}
