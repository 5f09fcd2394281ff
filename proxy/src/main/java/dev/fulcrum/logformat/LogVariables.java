package dev.fulcrum.logformat;

/**
 * Where the values of {@code %} variables come from: the stream's addresses,
 * timers, counters and captures. The logging room (or the data path) implements
 * it; {@link LogFormat#render} calls it once per variable of the format.
 */
@FunctionalInterface
public interface LogVariables {

    /**
     * Writes the value of {@code var} through {@code out} (one call of
     * {@link LogValueWriter#string}, {@link LogValueWriter#number},
     * {@link LogValueWriter#address}, {@link LogValueWriter#date} or
     * {@link LogValueWriter#raw}), or nothing when the value does not exist; the
     * writer then prints HAProxy's placeholder ({@code -}). Must not block.
     */
    void write(LogVar var, LogValueWriter out);

    /** No values at all (every variable renders as missing). */
    LogVariables NONE = (var, out) -> { };
}
