package dev.fulcrum.stick;

import dev.fulcrum.sample.Sample;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import static java.util.Objects.requireNonNull;

/**
 * A running stick table: at most {@code size} entries, shared by every event loop.
 *
 * <p>Lookups and inserts go through a {@link ConcurrentHashMap}; an entry's data
 * is guarded by the entry alone (see {@link StickEntry}), so there is no table
 * lock on the request path. When an insert finds the table full, one thread at a
 * time evicts a batch of the least recently updated unreferenced entries (about
 * 1/256 of the table, as HAProxy's {@code stktable_trash_oldest()} does), which
 * keeps the cost of a full table at a few hundred entry visits per insert; with
 * {@code nopurge} the insert fails instead. Expired entries disappear from
 * lookups at once and from memory at the next {@link #purgeExpired()} sweep.
 *
 * <p>Iteration ({@link #forEach}), {@link #remove} and {@link #clear} are what a
 * runtime API needs for {@code show table}, {@code clear table} and
 * {@code set table}.
 */
public final class StickTable {

    /** Inserts a thread may add beyond {@code size} while another thread is evicting. */
    private static final int SLACK = 64;

    private final TableSpec spec;
    final Layout layout;
    private final LongSupplier clock;
    private final ConcurrentHashMap<StickKey, StickEntry> entries;
    /** Entries in the map; changed only by whoever inserts or removes one. */
    private final AtomicLong count = new AtomicLong();
    private final AtomicBoolean evicting = new AtomicBoolean();

    /** A table on the monotonic clock. */
    public StickTable(TableSpec spec) {
        this(spec, () -> System.nanoTime() / 1_000_000);
    }

    /** A table on {@code clockMillis} (tests drive time by hand). */
    public StickTable(TableSpec spec, LongSupplier clockMillis) {
        this.spec = requireNonNull(spec, "spec");
        this.layout = new Layout(spec);
        this.clock = requireNonNull(clockMillis, "clockMillis");
        this.entries = new ConcurrentHashMap<>((int) Math.min(spec.size(), 1024));
    }

    public TableSpec spec() {
        return spec;
    }

    public String name() {
        return spec.name();
    }

    /** The table's clock, in milliseconds. */
    public long now() {
        return clock.getAsLong();
    }

    /** The key for sample {@code s} (cast in place), or {@code null} when it cannot be one. */
    public StickKey key(Sample s) {
        return spec.keyType().key(s, spec.keyLen());
    }

    /** Entries currently held ({@code table_cnt}), expired ones not swept yet included. */
    public long used() {
        return Math.max(0, count.get());
    }

    /** Free places ({@code table_avl}). */
    public long available() {
        return Math.max(0, spec.size() - used());
    }

    /** The live entry for {@code key}, without taking a reference or touching it; {@code null} if none. */
    public StickEntry lookup(StickKey key) {
        StickEntry e = entries.get(key);
        return e != null && e.isLive(now()) ? e : null;
    }

    /**
     * The entry for {@code key}, created when missing, with a reference taken
     * (release it with {@link StickEntry#untracked()} or {@link #release}).
     * {@code null} when the table is full and nothing can be evicted.
     */
    public StickEntry acquire(StickKey key) {
        long now = now();
        while (true) {
            StickEntry e = entries.get(key);
            if (e == null) {
                if (!reserve()) {
                    return null;
                }
                StickEntry fresh = new StickEntry(this, key, now);
                fresh.ref(now);
                e = entries.putIfAbsent(key, fresh);
                if (e == null) {
                    return fresh;
                }
                count.decrementAndGet(); // lost the race: use the winner's entry
            }
            if (e.ref(now)) {
                return e;
            }
            // dead (or just found stale): drop it and try again
            if (entries.remove(key, e)) {
                count.decrementAndGet();
            }
        }
    }

    /** Drops a reference taken by {@link #acquire} without counting anything. */
    public void release(StickEntry e) {
        e.unref();
    }

    /** Counts one more entry, evicting old ones when full; false when there is no room. */
    private boolean reserve() {
        long n = count.incrementAndGet();
        if (n <= spec.size()) {
            return true;
        }
        if (!spec.nopurge()) {
            if (evicting.compareAndSet(false, true)) {
                try {
                    evictOldest((int) Math.min(Integer.MAX_VALUE, (spec.size() >> 8) + 1 + (n - spec.size())));
                } finally {
                    evicting.set(false);
                }
                if (count.get() <= spec.size()) {
                    return true;
                }
            } else if (n <= spec.size() + SLACK) {
                return true; // the other thread's batch makes room for this one too
            }
        }
        count.decrementAndGet();
        return false;
    }

    /** Removes every expired unreferenced entry, then the {@code batch} least recently updated unreferenced ones. */
    private void evictOldest(int batch) {
        long now = now();
        PriorityQueue<StickEntry> oldest = new PriorityQueue<>(batch + 1,
                (a, b) -> Long.compare(b.touched(), a.touched()));
        for (StickEntry e : entries.values()) {
            if (e.kill(now, false)) {
                drop(e);
                continue;
            }
            if (e.refs() > 0) {
                continue;
            }
            oldest.add(e);
            if (oldest.size() > batch) {
                oldest.poll(); // the most recent of the candidates stays
            }
        }
        int room = (int) Math.max(0, spec.size() - count.get());
        if (room >= batch) {
            return; // expired entries alone made room
        }
        List<StickEntry> victims = new ArrayList<>(oldest);
        victims.sort((a, b) -> Long.compare(a.touched(), b.touched()));
        for (StickEntry e : victims) {
            if (room >= batch) {
                break;
            }
            if (e.kill(now, true)) {
                drop(e);
                room++;
            }
        }
    }

    private void drop(StickEntry e) {
        if (entries.remove(e.key(), e)) {
            count.decrementAndGet();
        }
    }

    /** Frees the memory of expired unreferenced entries; returns how many went. Run periodically. */
    public int purgeExpired() {
        return spec.expireMs() <= 0 ? 0 : sweep(false);
    }

    /** Kills every unreferenced entry that expired (or every one when {@code all}); returns how many went. */
    private int sweep(boolean all) {
        long now = now();
        int n = 0;
        for (StickEntry e : entries.values()) {
            if (e.kill(now, all)) {
                drop(e);
                n++;
            }
        }
        return n;
    }

    /** Removes the unreferenced entry for {@code key}; false when absent or tracked. */
    public boolean remove(StickKey key) {
        StickEntry e = entries.get(key);
        if (e == null || !e.kill(now(), true)) {
            return false;
        }
        drop(e);
        return true;
    }

    /** Removes every unreferenced entry ({@code clear table}); returns how many went. */
    public int clear() {
        return sweep(true);
    }

    /** Visits the live entries, in no particular order (weakly consistent while traffic runs). */
    public void forEach(Consumer<StickEntry> visitor) {
        long now = now();
        for (StickEntry e : entries.values()) {
            if (e.isLive(now)) {
                visitor.accept(e);
            }
        }
    }

    /** Milliseconds until {@code e} expires (0 when it never does), for {@code show table}'s {@code exp=}. */
    public long expiresIn(StickEntry e) {
        long exp = spec.expireMs();
        return exp <= 0 ? 0 : Math.max(0, e.touched() + exp - now());
    }
}
