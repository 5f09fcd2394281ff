package dev.fulcrum.config;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A typed key for one setting of a proxy, a server, a bind line or the global
 * section. Each room declares the settings its keywords write (for example the
 * load-balancing room declares {@code balance}); the configuration model only
 * stores them, so rooms can grow without touching a central record.
 *
 * <p>Keys compare by identity: declare each one once, as a constant.
 *
 * @param <T> the value type, which must be immutable
 */
public final class Setting<T> {

    private final String name;
    private final T defaultValue;
    private final boolean inherited;

    private Setting(String name, T defaultValue, boolean inherited) {
        this.name = requireNonNull(name, "name");
        this.defaultValue = defaultValue;
        this.inherited = inherited;
    }

    /** A setting that proxies copy from their defaults section, as most are. */
    public static <T> Setting<T> of(String name, T defaultValue) {
        return new Setting<>(name, defaultValue, true);
    }

    /** A setting that a proxy does not take from its defaults section. */
    public static <T> Setting<T> local(String name, T defaultValue) {
        return new Setting<>(name, defaultValue, false);
    }

    /** A list setting (rules, log targets...), empty by default, not inherited. */
    public static <E> Setting<List<E>> list(String name) {
        return new Setting<>(name, List.of(), false);
    }

    /** A list setting that proxies copy from their defaults section. */
    public static <E> Setting<List<E>> inheritedList(String name) {
        return new Setting<>(name, List.of(), true);
    }

    public String name() {
        return name;
    }

    public T defaultValue() {
        return defaultValue;
    }

    /** Whether a proxy starts with its defaults section's value. */
    public boolean inherited() {
        return inherited;
    }

    @Override
    public String toString() {
        return name;
    }
}
