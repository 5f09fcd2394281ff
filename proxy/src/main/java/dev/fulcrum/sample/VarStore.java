package dev.fulcrum.sample;

/**
 * The variables of one scope instance. Values are copied in and out, so a
 * caller's {@link Sample} can be reused at once.
 */
public interface VarStore {

    /** Copies the value of {@code name} into {@code out}; false when it is not set. */
    boolean get(String name, Sample out);

    /** Sets {@code name} to a copy of {@code value}, keeping its type. */
    void set(String name, Sample value);

    /** Removes {@code name}; false when it was not set. */
    boolean unset(String name);

    /**
     * Whether the variable exists (the {@code ifexists} condition of set-var).
     * Stream variables exist once set; process variables exist from the moment
     * the configuration names them.
     */
    boolean exists(String name);

    /** A new store for one stream scope (not thread-safe, as a stream lives on one event loop). */
    static VarStore local() {
        return new LocalVarStore();
    }

    /** A new store for the {@code proc} scope: thread-safe, readers never block. */
    static VarStore shared() {
        return new SharedVarStore();
    }
}
