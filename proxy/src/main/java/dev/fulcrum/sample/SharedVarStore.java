package dev.fulcrum.sample;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code proc} scope: one map for the engine. Reads are lock-free; a value is
 * an immutable {@link VarValue}, so a reader sees either the old or the new one.
 */
final class SharedVarStore implements VarStore {

    private final ConcurrentHashMap<String, VarValue> values = new ConcurrentHashMap<>();

    @Override
    public boolean get(String name, Sample out) {
        return VarValue.copy(values.get(name), out);
    }

    @Override
    public void set(String name, Sample value) {
        values.put(name, VarValue.of(value));
    }

    @Override
    public boolean unset(String name) {
        return values.remove(name) != null;
    }

    /** Process variables are created by the configuration that names them, so they always exist. */
    @Override
    public boolean exists(String name) {
        return true;
    }
}
