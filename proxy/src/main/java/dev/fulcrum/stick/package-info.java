/**
 * Stick tables and stick counters (configuration.txt 4.2 "stick-table", 7.3.3
 * {@code sc_*}/{@code src_*}, 7.3.1 {@code table_*}): bounded concurrent tables
 * of per-key counters ({@link dev.fulcrum.stick.StickTable}), the per-connection
 * trackers that rules fill with {@code track-sc*} ({@link dev.fulcrum.stick.StickCounters}),
 * and the fetches and converters that read them.
 *
 * <p>Threading: a table is shared by every event loop. Lookups go through a
 * concurrent map; each entry guards its own counters with its monitor, so two
 * loops only ever contend on the same key. Eviction and expiry never hold more
 * than one entry's lock at a time.
 */
package dev.fulcrum.stick;
