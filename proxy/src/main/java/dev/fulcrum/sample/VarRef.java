package dev.fulcrum.sample;

import static java.util.Objects.requireNonNull;

/**
 * A variable named in the configuration ({@code txn.user}), resolved to its scope
 * at configuration time. Used by {@code var()}, the {@code set-var} and
 * {@code unset-var} converters, and the {@code set-var}/{@code unset-var} actions.
 *
 * @param scope where the variable lives
 * @param name  the name after the scope and its dot
 */
public record VarRef(VarScope scope, String name) {

    /** set-var conditions (HAProxy 2.6), combined as a bit mask. */
    public static final int IF_EXISTS = 1, IF_NOT_EXISTS = 2, IF_EMPTY = 4, IF_NOT_EMPTY = 8, IF_SET = 16,
            IF_NOT_SET = 32, IF_GT = 64, IF_LT = 128;

    private static final String[] CONDITIONS = {"ifexists", "ifnotexists", "ifempty", "ifnotempty", "ifset",
            "ifnotset", "ifgt", "iflt"};

    public VarRef {
        requireNonNull(scope, "scope");
        requireNonNull(name, "name");
    }

    /**
     * Parses {@code scope.name}.
     *
     * @throws IllegalArgumentException with HAProxy's message
     */
    public static VarRef parse(String text) {
        VarScope scope = null;
        for (VarScope s : VarScope.values()) {
            String p = s.prefix() + ".";
            if (text.startsWith(p) && text.length() > p.length()) {
                scope = s;
                break;
            }
        }
        if (scope == null) {
            throw new IllegalArgumentException("invalid variable name '" + text + "'. A variable name must be start "
                    + "by its scope. The scope can be 'proc', 'sess', 'txn', 'req', 'res' or 'check'.");
        }
        String name = text.substring(scope.prefix().length() + 1);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_')) {
                throw new IllegalArgumentException("invalid syntax at char '" + name.substring(i) + "'.");
            }
        }
        return new VarRef(scope, name);
    }

    /**
     * The bit of a set-var condition word.
     *
     * @throws IllegalArgumentException {@code unknown condition "x"}
     */
    public static int condition(String word) {
        for (int i = 0; i < CONDITIONS.length; i++) {
            if (CONDITIONS[i].equals(word)) {
                return 1 << i;
            }
        }
        throw new IllegalArgumentException("unknown condition \"" + word + "\"");
    }

    /** Reads the variable into {@code out}; false when it is not set or its scope is not available here. */
    public boolean get(SampleContext ctx, Sample out) {
        VarStore store = ctx.vars(scope);
        return store != null && store.get(name, out);
    }

    /** Sets the variable to a copy of {@code value}; false when the scope is not available here. */
    public boolean set(SampleContext ctx, Sample value) {
        return set(ctx, value, 0);
    }

    /**
     * Sets the variable if every condition in {@code conditions} holds, with the
     * meaning HAProxy gives them (configuration.txt, "set-var").
     *
     * @return whether the variable was set
     */
    public boolean set(SampleContext ctx, Sample value, int conditions) {
        VarStore store = ctx.vars(scope);
        if (store == null || value.type() == null) {
            return false;
        }
        if (conditions != 0 && !conditionsHold(store, value, conditions)) {
            return false;
        }
        store.set(name, value);
        return true;
    }

    /** Removes the variable; false when it was not set. */
    public boolean unset(SampleContext ctx) {
        VarStore store = ctx.vars(scope);
        return store != null && store.unset(name);
    }

    private boolean conditionsHold(VarStore store, Sample value, int c) {
        boolean exists = store.exists(name);
        if ((c & IF_EXISTS) != 0 && !exists || (c & IF_NOT_EXISTS) != 0 && exists) {
            return false;
        }
        boolean empty = value.isEmpty();
        if ((c & IF_EMPTY) != 0 && !empty || (c & IF_NOT_EMPTY) != 0 && empty) {
            return false;
        }
        if ((c & (IF_SET | IF_NOT_SET | IF_GT | IF_LT)) == 0) {
            return true;
        }
        Sample current = value.scratch();
        boolean set = store.get(name, current);
        if ((c & IF_SET) != 0 && !set || (c & IF_NOT_SET) != 0 && set) {
            return false;
        }
        // ifgt/iflt compare the variable with the input, and only between two integers
        if (set && current.type() == SampleType.SINT && value.type() == SampleType.SINT) {
            if ((c & IF_GT) != 0 && !(current.sint() > value.sint())) {
                return false;
            }
            if ((c & IF_LT) != 0 && !(current.sint() < value.sint())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return scope.prefix() + "." + name;
    }
}
