package dev.fulcrum.map;

import static java.util.Objects.requireNonNull;

/**
 * One line of a pattern reference: an ACL pattern, or a map key with its value.
 *
 * @param id         a unique, stable identifier ({@code #<ref>} in {@code del map})
 * @param version    the version the entry belongs to (visible when it is the current one)
 * @param key        the pattern or key, as written
 * @param value      the map value, or {@code null} for a one-column (ACL) reference
 * @param line       the line it was read from in its file, or 0 when added at run time
 */
public record PatternEntry(long id, long version, String key, String value, int line) {

    public PatternEntry {
        requireNonNull(key, "key");
    }

    PatternEntry withValue(String v) {
        return new PatternEntry(id, version, key, v, line);
    }
}
