package dev.fulcrum.config;

import static java.util.Objects.requireNonNull;

/**
 * An option of a {@code bind}, {@code server} or {@code default-server} line, such
 * as {@code weight 10} or {@code check}. HAProxy cuts these lines by knowing how
 * many arguments each option takes, so {@link #arguments} is part of the syntax.
 *
 * @param name      the option word
 * @param target    which lines accept it
 * @param arguments how many words follow the option
 * @param support   implemented, or refused as not supported yet
 * @param summary   one line for docs/configuration.md
 * @param handler   stores the parsed value
 * @param emptyArgumentOk a missing value reaches the handler as {@code ""} instead of
 *                  being refused (HAProxy reads some values with {@code atol()})
 */
public record LineOption(String name, Target target, int arguments, Support support, String summary,
                         Handler handler, boolean emptyArgumentOk) {

    /** Where an option is valid. */
    public enum Target {
        BIND,
        /** both {@code server} and {@code default-server} */
        SERVER,
        /** {@code server} only (e.g. {@code id}) */
        SERVER_ONLY
    }

    /** Parses one option occurrence. */
    @FunctionalInterface
    public interface Handler {
        /**
         * @param ctx  gives the option's arguments and the settings being built
         * @throws IllegalArgumentException with a message naming the problem
         */
        void parse(LineOptionContext ctx) throws ConfigException;
    }

    public LineOption {
        requireNonNull(name, "name");
        requireNonNull(target, "target");
        requireNonNull(support, "support");
        requireNonNull(summary, "summary");
        requireNonNull(handler, "handler");
    }

    /** An option whose values must all be present. */
    public LineOption(String name, Target target, int arguments, Support support, String summary, Handler handler) {
        this(name, target, arguments, support, summary, handler, false);
    }
}
