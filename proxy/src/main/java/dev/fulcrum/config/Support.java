package dev.fulcrum.config;

import static java.util.Objects.requireNonNull;

/**
 * Whether Fulcrum implements a keyword. HAProxy keywords that Fulcrum does not
 * implement yet are still registered, so that using one is a precise error
 * ("not supported yet") rather than "unknown keyword", and so the generated
 * documentation can list them.
 */
public sealed interface Support permits Support.Supported, Support.NotYet, Support.NoEffect {

    Support SUPPORTED = new Supported();

    static Support notYet(String feature) {
        return new NotYet(feature);
    }

    static Support noEffect(String reason) {
        return new NoEffect(reason);
    }

    /** Implemented and working. */
    record Supported() implements Support {
    }

    /**
     * Parsed but refused.
     *
     * @param feature the HAProxy feature it belongs to, e.g. {@code "HTTP compression"}
     */
    record NotYet(String feature) implements Support {
        public NotYet {
            requireNonNull(feature, "feature");
        }
    }

    /**
     * Accepted with a warning because it has no meaning in Fulcrum's architecture
     * (a tuning knob for a mechanism Fulcrum does not have).
     *
     * @param reason why it has no effect, e.g. {@code "Fulcrum does not use splice()"}
     */
    record NoEffect(String reason) implements Support {
        public NoEffect {
            requireNonNull(reason, "reason");
        }
    }
}
