package dev.fulcrum.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable set of {@link Setting} values. Unset keys read as their default.
 */
public final class Settings {

    public static final Settings EMPTY = new Settings(Map.of());

    private final Map<Setting<?>, Object> values;

    private Settings(Map<Setting<?>, Object> values) {
        this.values = values;
    }

    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> key) {
        Object v = values.get(key);
        return v != null ? (T) v : key.defaultValue();
    }

    /** Whether the key was set explicitly (in this section or inherited). */
    public boolean isSet(Setting<?> key) {
        return values.containsKey(key);
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.values.putAll(values);
        return b;
    }

    /** A builder holding the inherited settings of this instance only. */
    public Builder inheritedBuilder() {
        Builder b = new Builder();
        values.forEach((k, v) -> {
            if (k.inherited()) {
                b.values.put(k, v);
            }
        });
        return b;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String toString() {
        return values.toString();
    }

    /** Mutable, single-threaded builder used while a section is parsed. */
    public static final class Builder {
        private final Map<Setting<?>, Object> values = new IdentityHashMap<>();

        public <T> Builder set(Setting<T> key, T value) {
            if (value == null) {
                values.remove(key);
            } else {
                values.put(key, value);
            }
            return this;
        }

        /** Restores the built-in default (HAProxy's {@code default option ...}). */
        public Builder reset(Setting<?> key) {
            values.remove(key);
            return this;
        }

        public <T> T get(Setting<T> key) {
            @SuppressWarnings("unchecked")
            T v = (T) values.get(key);
            return v != null ? v : key.defaultValue();
        }

        public boolean isSet(Setting<?> key) {
            return values.containsKey(key);
        }

        /** Appends to a list setting. */
        public <E> Builder add(Setting<List<E>> key, E element) {
            List<E> current = get(key);
            List<E> next = new ArrayList<>(current.size() + 1);
            next.addAll(current);
            next.add(element);
            values.put(key, Collections.unmodifiableList(next));
            return this;
        }

        public Settings build() {
            return values.isEmpty() ? EMPTY : new Settings(Collections.unmodifiableMap(new IdentityHashMap<>(values)));
        }
    }
}
