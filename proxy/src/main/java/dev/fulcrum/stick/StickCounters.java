package dev.fulcrum.stick;

/**
 * The stick counters of one client connection: HAProxy's {@code sc0}..{@code sc2}
 * of the session (filled by {@code tcp-request connection|session track-sc*})
 * and of the current stream (filled by {@code tcp-request content} and
 * {@code http-request|http-response track-sc*}). A counter of the stream hides
 * the session's counter of the same number, as in HAProxy's fetches.
 *
 * <p>The data path reports events here ({@link #requestStarted}, {@link #httpError},
 * {@link #streamEnded}...) and each is added to every tracked entry whose table
 * stores the matching data. Used on the connection's event loop only; created
 * on first use, so connections that track nothing pay nothing.
 */
public final class StickCounters {

    /** HAProxy 2.6's number of stick counters ({@code tune.stick-counters}, MAX_SESS_STKCTR). */
    public static final int SLOTS = 3;

    private final StickEntry[] session = new StickEntry[SLOTS];
    private final StickEntry[] stream = new StickEntry[SLOTS];
    /** Keys of stick store rules waiting for the server's answer (HAProxy keeps at most 8). */
    private String[] storeNames;
    private StickTable[] storeTables;
    private StickKey[] storeKeys;
    private int stores;

    /** The most keys one request stores, as in HAProxy. */
    static final int MAX_STORES = 8;

    /** The entry counter {@code slot} tracks: the stream's, else the session's; {@code null} if none. */
    public StickEntry tracked(int slot) {
        if (slot < 0 || slot >= SLOTS) {
            return null;
        }
        StickEntry e = stream[slot];
        return e != null ? e : session[slot];
    }

    /** Whether counter {@code slot} already tracks something at this level (only the first track-sc applies). */
    public boolean busy(int slot, boolean sessionLevel) {
        return (sessionLevel ? session : stream)[slot] != null;
    }

    /**
     * Starts tracking {@code key} of {@code table} with counter {@code slot}; does
     * nothing when the counter already tracks an entry or the table is full.
     * Returns the entry tracked, or {@code null}.
     */
    public StickEntry track(int slot, boolean sessionLevel, StickTable table, StickKey key) {
        StickEntry[] level = sessionLevel ? session : stream;
        if (level[slot] != null) {
            return null;
        }
        StickEntry e = table.acquire(key);
        if (e == null) {
            return null;
        }
        e.tracked(table.now());
        level[slot] = e;
        return e;
    }

    /** A session was accepted by the layer 4 rules: counts it on the session's counters. */
    public void sessionStarted() {
        for (StickEntry e : session) {
            if (e != null) {
                e.count(DataType.SESS_CNT, DataType.SESS_RATE, 1, e.table().now());
            }
        }
    }

    /** A request arrived: counts it on every counter tracked so far. */
    public void requestStarted() {
        add(DataType.HTTP_REQ_CNT, DataType.HTTP_REQ_RATE, 1);
    }

    /** The client caused an error (a 4xx from the server, a denied or invalid request). */
    public void httpError() {
        add(DataType.HTTP_ERR_CNT, DataType.HTTP_ERR_RATE, 1);
    }

    /** The server failed (a 5xx other than 501 and 505, an invalid or missing response). */
    public void httpFailure() {
        add(DataType.HTTP_FAIL_CNT, DataType.HTTP_FAIL_RATE, 1);
    }

    /** Counts the events {@code http-request|http-response track-sc*} adds to an entry it starts tracking. */
    public static void countTrackedRequest(StickEntry e, int status) {
        long now = e.table().now();
        e.count(DataType.HTTP_REQ_CNT, DataType.HTTP_REQ_RATE, 1, now);
        if (status >= 400 && status < 500) {
            e.count(DataType.HTTP_ERR_CNT, DataType.HTTP_ERR_RATE, 1, now);
        } else if (status >= 500 && status < 600 && status != 501 && status != 505) {
            e.count(DataType.HTTP_FAIL_CNT, DataType.HTTP_FAIL_RATE, 1, now);
        }
    }

    /** The status a server answered: 4xx are client errors, 5xx (but 501 and 505) server failures. */
    public void responseStatus(int status) {
        if (status >= 400 && status < 500) {
            httpError();
        } else if (status >= 500 && status < 600 && status != 501 && status != 505) {
            httpFailure();
        }
    }

    /**
     * The stream ended: its bytes go to every counter, then the stream's counters
     * stop tracking (one connection fewer in {@code conn_cur}).
     */
    public void streamEnded(long bytesIn, long bytesOut) {
        if (bytesIn > 0) {
            add(DataType.BYTES_IN_CNT, DataType.BYTES_IN_RATE, bytesIn);
        }
        if (bytesOut > 0) {
            add(DataType.BYTES_OUT_CNT, DataType.BYTES_OUT_RATE, bytesOut);
        }
        release(stream);
        storeKept(-1); // kept keys of a request no server answered are dropped
    }

    /** The connection closed: the session's counters stop tracking. */
    public void sessionEnded() {
        release(stream);
        release(session);
    }

    // ---- stick store rules ---------------------------------------------------------------

    /** Whether a store rule of table {@code name} already kept a key for this request (only the first applies). */
    boolean storing(String name) {
        for (int i = 0; i < stores; i++) {
            if (storeNames[i].equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** Keeps {@code key} to store once a server answers; beyond eight keys, nothing is kept. */
    void keepForStore(String name, StickTable table, StickKey key) {
        if (storeNames == null) {
            storeNames = new String[MAX_STORES];
            storeTables = new StickTable[MAX_STORES];
            storeKeys = new StickKey[MAX_STORES];
        }
        if (stores < MAX_STORES) {
            storeNames[stores] = name;
            storeTables[stores] = table;
            storeKeys[stores++] = key;
        }
    }

    /** Stores the kept keys with server id {@code serverId} (none when negative), then forgets them. */
    void storeKept(int serverId) {
        for (int i = 0; i < stores; i++) {
            if (serverId > 0) {
                StickTable t = storeTables[i];
                StickEntry e = t.acquire(storeKeys[i]);
                if (e != null) {
                    e.setServerId(serverId, t.now());
                    t.release(e);
                }
            }
            storeNames[i] = null;
            storeTables[i] = null;
            storeKeys[i] = null;
        }
        stores = 0;
    }

    private void add(DataType cnt, DataType rate, long n) {
        for (int i = 0; i < SLOTS; i++) {
            StickEntry e = tracked(i);
            if (e != null) {
                e.count(cnt, rate, n, e.table().now());
            }
        }
    }

    private static void release(StickEntry[] level) {
        for (int i = 0; i < SLOTS; i++) {
            StickEntry e = level[i];
            if (e != null) {
                level[i] = null;
                e.untracked();
            }
        }
    }
}
