/**
 * Maps and pattern files: {@link dev.fulcrum.map.PatternRef pattern references}
 * shared by ACLs ({@code -f}) and map converters, editable at run time with
 * atomic visibility, the lookup structures of each
 * {@link dev.fulcrum.map.MatchMethod matching method}, and the {@code map_*}
 * converters.
 */
package dev.fulcrum.map;
