package dev.fulcrum.stick;

/**
 * One key of a table and its stored data. The entry's monitor guards its data,
 * its reference count (the stick counters that track it) and its liveness; that
 * lock is only ever held for a few array operations, so loops that hit the same
 * key wait nanoseconds and loops that hit different keys never meet.
 *
 * <p>Every update is also a "touch": the entry's expiry restarts from now, as
 * HAProxy's {@code stktable_touch_local()} does on each tracked update.
 */
public final class StickEntry {

    /** What reads return for a data type the table does not store. */
    public static final long NOT_STORED = Long.MIN_VALUE;

    private static final long UINT_MASK = 0xffff_ffffL;

    private final StickTable table;
    private final StickKey key;
    private final long[] data;
    // guarded by this
    private int refs;
    private long touched;
    /** Removed from the table (expired, evicted, cleared): acquirers must not revive it. */
    private boolean dead;

    StickEntry(StickTable table, StickKey key, long now) {
        this.table = table;
        this.key = key;
        this.data = table.layout.newData();
        this.touched = now;
    }

    public StickTable table() {
        return table;
    }

    public StickKey key() {
        return key;
    }

    // ---- life cycle (used by StickTable) ---------------------------------------

    /** Takes a reference unless the entry is dead; a stale unreferenced entry dies instead. */
    synchronized boolean ref(long now) {
        if (dead) {
            return false;
        }
        if (refs == 0 && expired(now)) {
            dead = true;
            return false;
        }
        refs++;
        return true;
    }

    synchronized void unref() {
        if (refs > 0) {
            refs--;
        }
    }

    /** Marks the entry dead if nobody references it and {@code force} or it expired; returns whether it did. */
    synchronized boolean kill(long now, boolean force) {
        if (dead || refs > 0 || !force && !expired(now)) {
            return false;
        }
        dead = true;
        return true;
    }

    synchronized boolean isLive(long now) {
        return !dead && (refs > 0 || !expired(now));
    }

    private boolean expired(long now) {
        long exp = table.spec().expireMs();
        return exp > 0 && now - touched >= exp;
    }

    /** When the entry was last updated (table clock). */
    synchronized long touched() {
        return touched;
    }

    /** A stick match used the entry: its expiry starts again. */
    public synchronized void refresh() {
        touch(table.now());
    }

    private void touch(long now) {
        touched = now;
    }

    // ---- tracking ---------------------------------------------------------------

    /**
     * A stick counter starts tracking this entry (a reference was taken): counts a
     * connection ({@code conn_cnt}, {@code conn_cur}, {@code conn_rate}), as
     * HAProxy's {@code stream_track_stkctr()} does for every track-sc rule.
     */
    synchronized void tracked(long now) {
        incUint(DataType.CONN_CNT, 0, 1);
        incUint(DataType.CONN_CUR, 0, 1);
        addRate(DataType.CONN_RATE, 0, now, 1);
        touch(now);
    }

    /** A stick counter stops tracking this entry: one connection fewer, one reference fewer. */
    synchronized void untracked() {
        int s = table.layout.slot(DataType.CONN_CUR, 0);
        if (s >= 0 && data[s] > 0) {
            data[s]--;
        }
        if (refs > 0) {
            refs--;
        }
    }

    /** The number of stick counters tracking the entry ({@code trackers}). */
    public synchronized int refs() {
        return refs;
    }

    // ---- counters -----------------------------------------------------------------

    /** Adds {@code n} to a counter and its rate ({@code http_req_cnt} and {@code http_req_rate}...). */
    synchronized void count(DataType cnt, DataType rate, long n, long now) {
        incUint(cnt, 0, n);
        addRate(rate, 0, now, n);
        touch(now);
    }

    /**
     * Increments general purpose counter {@code idx} and its rate, the legacy
     * {@code gpc0}/{@code gpc1} falling back on the {@code gpc} array as HAProxy
     * does ({@code legacy}; the {@code gpc(idx)} keywords only use the arrays).
     * Returns the new value (the rate's current count when only the rate is
     * stored), or 0 when neither is stored.
     */
    synchronized long incGpc(int idx, boolean legacy, long now) {
        int c = legacy ? gpcSlot(idx) : table.layout.slot(DataType.GPC, idx);
        int r = legacy ? gpcRateSlot(idx) : table.layout.slot(DataType.GPC_RATE, idx);
        long v = 0;
        if (r >= 0) {
            v = FreqCounter.add(data, r, period(legacy ? gpcRateType(idx) : DataType.GPC_RATE), now, 1);
        }
        if (c >= 0) {
            v = data[c] = (data[c] + 1) & UINT_MASK;
        }
        if (c >= 0 || r >= 0) {
            touch(now);
        }
        return v;
    }

    /** {@code sc-inc-gpc0}, {@code sc-inc-gpc(idx,sc)}: increments counter {@code idx} and its rate now. */
    public void incrementGpc(int idx, boolean legacy) {
        incGpc(idx, legacy, table.now());
    }

    /** {@code sc-set-gpt0}, {@code sc-set-gpt(idx,sc)}: sets tag {@code idx} now, when stored. */
    public void setTag(int idx, boolean legacy, long value) {
        setGpt(idx, legacy, value, table.now());
    }

    /** Clears general purpose counter {@code idx}; returns its previous value, or {@link #NOT_STORED}. */
    synchronized long clearGpc(int idx, boolean legacy, long now) {
        int c = legacy ? gpcSlot(idx) : table.layout.slot(DataType.GPC, idx);
        if (c < 0) {
            return NOT_STORED;
        }
        long v = data[c];
        data[c] = 0;
        touch(now);
        return v;
    }

    /** Sets general purpose tag {@code idx} ({@code legacy}: gpt0, else gpt[0]); returns false when not stored. */
    synchronized boolean setGpt(int idx, boolean legacy, long value, long now) {
        int s = legacy && table.layout.stores(DataType.GPT0) ? table.layout.slot(DataType.GPT0, 0)
                : table.layout.slot(DataType.GPT, idx);
        if (s < 0) {
            return false;
        }
        data[s] = value & UINT_MASK;
        touch(now);
        return true;
    }

    /** Increments a plain counter ({@code src_updt_conn_cnt}); returns the new value or {@link #NOT_STORED}. */
    synchronized long increment(DataType t, long now) {
        int s = table.layout.slot(t, 0);
        if (s < 0) {
            return NOT_STORED;
        }
        incUint(t, 0, 1);
        touch(now);
        return data[s];
    }

    /** Sets {@code server_id} (stick store rules); false when not stored. */
    synchronized boolean setServerId(int id, long now) {
        int s = table.layout.slot(DataType.SERVER_ID, 0);
        if (s < 0) {
            return false;
        }
        data[s] = id;
        touch(now);
        return true;
    }

    /** Overwrites a counter or tag (runtime {@code set table}); false when not stored. */
    synchronized boolean set(DataType t, int idx, long value, long now) {
        int s = table.layout.slot(t, idx);
        if (s < 0 || t.kind() == DataType.Kind.DICT) {
            return false;
        }
        if (t.isRate()) {
            FreqCounter.clear(data, s);
            FreqCounter.add(data, s, period(t), now, value);
        } else {
            data[s] = t.kind() == DataType.Kind.UINT ? value & UINT_MASK : value;
        }
        touch(now);
        return true;
    }

    /**
     * The value of element {@code idx} of {@code t}: a count, or a rate in events
     * per period. {@link #NOT_STORED} when the table does not store it. The legacy
     * {@code gpc0}, {@code gpc1}, their rates and {@code gpt0} read the arrays when
     * the table stores those instead.
     */
    public synchronized long read(DataType t, int idx, long now) {
        int s;
        DataType actual = t;
        switch (t) {
            case GPC0, GPC1 -> {
                s = gpcSlot(t == DataType.GPC0 ? 0 : 1);
                actual = table.layout.stores(t) ? t : DataType.GPC;
            }
            case GPC0_RATE, GPC1_RATE -> {
                int i = t == DataType.GPC0_RATE ? 0 : 1;
                s = gpcRateSlot(i);
                actual = gpcRateType(i);
            }
            case GPT0 -> {
                s = table.layout.stores(DataType.GPT0) ? table.layout.slot(DataType.GPT0, 0)
                        : table.layout.slot(DataType.GPT, 0);
            }
            default -> s = table.layout.slot(t, idx);
        }
        if (s < 0 || t.kind() == DataType.Kind.DICT) {
            return NOT_STORED;
        }
        return actual.isRate() ? FreqCounter.read(data, s, period(actual), now) : data[s];
    }

    private int gpcSlot(int idx) {
        if (idx == 0 && table.layout.stores(DataType.GPC0)) {
            return table.layout.slot(DataType.GPC0, 0);
        }
        if (idx == 1 && table.layout.stores(DataType.GPC1)) {
            return table.layout.slot(DataType.GPC1, 0);
        }
        return table.layout.slot(DataType.GPC, idx);
    }

    private DataType gpcRateType(int idx) {
        if (idx == 0 && table.layout.stores(DataType.GPC0_RATE)) {
            return DataType.GPC0_RATE;
        }
        if (idx == 1 && table.layout.stores(DataType.GPC1_RATE)) {
            return DataType.GPC1_RATE;
        }
        return DataType.GPC_RATE;
    }

    private int gpcRateSlot(int idx) {
        DataType t = gpcRateType(idx);
        return table.layout.slot(t, t == DataType.GPC_RATE ? idx : 0);
    }

    private long period(DataType t) {
        return table.layout.period(t);
    }

    private void incUint(DataType t, int idx, long n) {
        int s = table.layout.slot(t, idx);
        if (s >= 0) {
            data[s] = t.kind() == DataType.Kind.ULL ? data[s] + n : (data[s] + n) & UINT_MASK;
        }
    }

    private void addRate(DataType t, int idx, long now, long n) {
        int s = table.layout.slot(t, idx);
        if (s >= 0) {
            FreqCounter.add(data, s, period(t), now, n);
        }
    }
}
