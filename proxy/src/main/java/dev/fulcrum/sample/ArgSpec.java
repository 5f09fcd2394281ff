package dev.fulcrum.sample;

import java.util.List;

/**
 * The arguments a keyword takes: their types in order, of which the first
 * {@code mandatory} must be given.
 *
 * @param mandatory how many leading arguments are required
 * @param types     the type of each argument position
 */
public record ArgSpec(int mandatory, List<ArgType> types) {

    public static final ArgSpec NONE = new ArgSpec(0, List.of());

    public ArgSpec {
        types = List.copyOf(types);
        if (mandatory < 0 || mandatory > types.size()) {
            throw new IllegalArgumentException("mandatory: " + mandatory + " (expected: 0-" + types.size() + ")");
        }
    }

    /** {@code mandatory} required arguments among {@code types}. */
    public static ArgSpec of(int mandatory, ArgType... types) {
        return new ArgSpec(mandatory, List.of(types));
    }

    public int max() {
        return types.size();
    }

    public ArgType type(int i) {
        return types.get(i);
    }
}
