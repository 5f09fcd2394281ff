package dev.fulcrum.stick;

import dev.fulcrum.config.SourceLocation;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A parsed {@code stick-table} line: the table is named after its proxy.
 *
 * @param name     the proxy's name, which is the table's name
 * @param keyType  the key type
 * @param keyLen   key length in bytes for string and binary tables, else the type's fixed size
 * @param size     the most entries the table holds
 * @param expireMs how long an unreferenced entry lives after its last update; 0 for never
 * @param nopurge  when full, refuse new entries instead of evicting the oldest ones
 * @param stored   the stored data types, in declaration order, with their arguments
 * @param location where the table was declared
 */
public record TableSpec(String name, KeyType keyType, int keyLen, long size, long expireMs, boolean nopurge,
                        Map<DataType, Stored> stored, SourceLocation location) {

    /**
     * One stored data type.
     *
     * @param type     the type
     * @param elements the array length ({@code gpc(<nb>)}), 1 for other types
     * @param period   the period of a rate in milliseconds, 0 for other types
     */
    public record Stored(DataType type, int elements, long period) {
    }

    public TableSpec {
        requireNonNull(name, "name");
        requireNonNull(keyType, "keyType");
        stored = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(stored));
        requireNonNull(location, "location");
    }

    /** Whether the table stores {@code type}. */
    public boolean stores(DataType type) {
        return stored.containsKey(type);
    }
}
