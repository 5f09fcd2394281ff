package dev.fulcrum.map;

import dev.fulcrum.config.SourceLocation;
import dev.fulcrum.sample.SampleType;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static java.util.Objects.requireNonNull;

/**
 * A pattern reference, as HAProxy calls it: the entries of one pattern file (or
 * of the inline patterns of one {@code acl} line), shared by every ACL and map
 * converter that names it. The runtime API edits it ({@code add map},
 * {@code del map}, {@code set map}, {@code clear map}, and the versioned
 * {@code prepare map}/{@code commit map} for atomic replacement).
 *
 * <p>Threading: edits are serialized on this object and may come from any thread
 * (the CLI); each edit compiles a new index for every {@link PatternMatcher} of
 * the reference and publishes them with a volatile write, so lookups on event
 * loops never block and never see a half-applied edit. An edit costs a rebuild
 * of the indexes (linear in the number of entries): for bulk changes, prepare a
 * version, add to it, and commit it once. Entries whose value one of the users
 * cannot read (a map_int given {@code abc}) are refused as a whole.
 *
 * <p>Versions are unsigned 32-bit numbers that wrap, compared as HAProxy does.
 */
public final class PatternRef {

    private static final long MASK = 0xffffffffL;

    private final int id;
    private final String file;
    private final boolean twoColumns;
    private final String description;
    private final List<String> usages = new ArrayList<>();
    private final List<PatternMatcher> matchers = new ArrayList<>();
    private List<PatternEntry> all = List.of();
    private volatile List<PatternEntry> visible = List.of();
    private long currentVersion;
    private long nextVersion;
    private long nextId = 1;

    PatternRef(int id, String file, boolean twoColumns, String description) {
        this.id = id;
        this.file = requireNonNull(file, "file");
        this.twoColumns = twoColumns;
        this.description = requireNonNull(description, "description");
    }

    /** The unique id ({@code #<id>} in the runtime API). */
    public int id() {
        return id;
    }

    /** The file the entries were loaded from, or {@code ""} for inline ACL patterns. */
    public String file() {
        return file;
    }

    /** Whether entries have a value ({@code key value} lines of a map file). */
    public boolean twoColumns() {
        return twoColumns;
    }

    /** HAProxy's description for {@code show map}/{@code show acl}. */
    public synchronized String description() {
        if (file.isEmpty()) {
            return description;
        }
        return description + (usages.isEmpty() ? "" : " used by " + String.join(", by ", usages));
    }

    public synchronized long currentVersion() {
        return currentVersion;
    }

    public synchronized long nextVersion() {
        return nextVersion;
    }

    /** Every entry of every version ({@code entry_cnt}). */
    public synchronized int entryCount() {
        return all.size();
    }

    /** The entries being matched against, in order. Lock-free. */
    public List<PatternEntry> entries() {
        return visible;
    }

    /** The entries of {@code version}, in order. */
    public synchronized List<PatternEntry> entries(long version) {
        long v = version & MASK;
        return all.stream().filter(e -> e.version() == v).toList();
    }

    // ---- configuration time ---------------------------------------------------------

    synchronized void addUsage(String what, SourceLocation where) {
        usages.add(what + " at file '" + where.file() + "' line " + where.line());
    }

    /** Appends entries read from a file or an {@code acl} line (configuration time, before any matcher). */
    synchronized void load(List<String[]> keysAndValues, List<Integer> lines) {
        List<PatternEntry> next = new ArrayList<>(all);
        for (int i = 0; i < keysAndValues.size(); i++) {
            String[] kv = keysAndValues.get(i);
            next.add(new PatternEntry(nextId++, currentVersion, kv[0], twoColumns ? kv[1] : null, lines.get(i)));
        }
        replace(next);
    }

    /**
     * A matcher of this reference for {@code method}.
     *
     * @param valueType the output type of a map converter, or {@code null} for an ACL
     * @throws IllegalArgumentException when an entry does not parse for this method or type
     */
    public synchronized PatternMatcher matcher(MatchMethod method, boolean ignoreCase, boolean noDns,
                                               SampleType valueType) {
        PatternMatcher m = new PatternMatcher(this, method, ignoreCase, noDns, valueType);
        m.publish(m.compile(visible));
        matchers.add(m);
        return m;
    }

    // ---- runtime edits ---------------------------------------------------------

    /** Adds an entry to the current version. */
    public PatternEntry add(String key, String value) {
        synchronized (this) {
            return add(currentVersion, key, value);
        }
    }

    /** Adds an entry to {@code version}; it is matched once that version is the current one. */
    public synchronized PatternEntry add(long version, String key, String value) {
        requireNonNull(key, "key");
        if (twoColumns) {
            requireNonNull(value, "value");
        }
        PatternEntry e = new PatternEntry(nextId++, version & MASK, key, twoColumns ? value : null, 0);
        List<PatternEntry> next = new ArrayList<>(all.size() + 1);
        next.addAll(all);
        next.add(e);
        replace(next);
        return e;
    }

    /** Removes the current version's entries whose key is {@code key}; returns how many. */
    public synchronized int delete(String key) {
        return removeIf(e -> e.version() == currentVersion && e.key().equals(key));
    }

    /** Removes the entry with this id; false when there is none. */
    public synchronized boolean deleteById(long entryId) {
        return removeIf(e -> e.id() == entryId) > 0;
    }

    /** Sets the value of the current version's entries whose key is {@code key}; returns how many. */
    public synchronized int set(String key, String value) {
        return update(e -> e.version() == currentVersion && e.key().equals(key), value);
    }

    /** Sets the value of the entry with this id; false when there is none. */
    public synchronized boolean setById(long entryId, String value) {
        return update(e -> e.id() == entryId, value) > 0;
    }

    /**
     * Sets the value of the current version's entries whose key is {@code key}, or
     * adds the entry when there is none ({@code set-map} rule action): one edit,
     * so a concurrent reader never sees the key missing in between.
     */
    public synchronized void setOrAdd(String key, String value) {
        if (set(key, value) == 0) {
            add(currentVersion, key, value);
        }
    }

    /**
     * Adds {@code key} to the current version unless an entry already has it
     * ({@code add-acl} rule action); a two-column reference gets an empty value.
     * The lookup is linear, as HAProxy documents.
     */
    public synchronized void addIfAbsent(String key) {
        for (PatternEntry e : all) {
            if (e.version() == currentVersion && e.key().equals(key)) {
                return;
            }
        }
        add(currentVersion, key, twoColumns ? "" : null);
    }

    /** Removes every entry of the current version. */
    public synchronized void clear() {
        clear(currentVersion);
    }

    /** Removes every entry of {@code version}. */
    public synchronized void clear(long version) {
        long v = version & MASK;
        removeIf(e -> e.version() == v);
    }

    /** Allocates a new version to fill before committing it ({@code prepare map}). */
    public synchronized long prepare() {
        nextVersion = (nextVersion + 1) & MASK;
        return nextVersion;
    }

    /**
     * Makes {@code version} the current one and drops older versions
     * ({@code commit map}): all its entries become visible at once.
     *
     * @throws IllegalArgumentException unless curr_ver &lt; version &lt;= next_ver
     */
    public synchronized void commit(long version) {
        long v = version & MASK;
        long ahead = (v - currentVersion) & MASK;
        if (ahead == 0 || ahead > ((nextVersion - currentVersion) & MASK)) {
            throw new IllegalArgumentException("version " + v + " is not between curr_ver+1 (" + ((currentVersion + 1)
                    & MASK) + ") and next_ver (" + nextVersion + ")");
        }
        long span = (nextVersion - v) & MASK;
        List<PatternEntry> next = new ArrayList<>(all.size());
        for (PatternEntry e : all) {
            if (((e.version() - v) & MASK) <= span) {
                next.add(e);
            }
        }
        long previous = currentVersion;
        currentVersion = v;
        try {
            replace(next);
        } catch (IllegalArgumentException e) {
            currentVersion = previous;
            throw e;
        }
    }

    private int removeIf(Predicate<PatternEntry> p) {
        List<PatternEntry> next = new ArrayList<>(all.size());
        for (PatternEntry e : all) {
            if (!p.test(e)) {
                next.add(e);
            }
        }
        int removed = all.size() - next.size();
        if (removed > 0) {
            replace(next);
        }
        return removed;
    }

    private int update(Predicate<PatternEntry> p, String value) {
        requireNonNull(value, "value");
        List<PatternEntry> next = new ArrayList<>(all.size());
        String v = twoColumns ? value : null;
        int n = 0;
        boolean changed = false;
        for (PatternEntry e : all) {
            if (p.test(e)) {
                n++;
                // the set-map rule action rewrites the same value on every request: leave the indexes alone then
                changed |= !java.util.Objects.equals(e.value(), v);
                next.add(java.util.Objects.equals(e.value(), v) ? e : e.withValue(v));
            } else {
                next.add(e);
            }
        }
        if (changed) {
            replace(next);
        }
        return n;
    }

    /** Compiles every matcher for the new current entries, then publishes everything. */
    private void replace(List<PatternEntry> next) {
        List<PatternEntry> current = new ArrayList<>();
        for (PatternEntry e : next) {
            if (e.version() == currentVersion) {
                current.add(e);
            }
        }
        List<PatternEntry> newVisible = List.copyOf(current);
        if (!newVisible.equals(visible)) {
            List<PatternIndex> built = new ArrayList<>(matchers.size());
            for (PatternMatcher m : matchers) {
                built.add(m.compile(newVisible)); // may throw: nothing has changed yet
            }
            for (int i = 0; i < matchers.size(); i++) {
                matchers.get(i).publish(built.get(i));
            }
        }
        all = List.copyOf(next);
        visible = newVisible;
    }

    @Override
    public String toString() {
        return "#" + id + " (" + file + ")";
    }
}
