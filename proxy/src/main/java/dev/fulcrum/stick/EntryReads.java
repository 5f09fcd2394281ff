package dev.fulcrum.stick;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the {@code sc_*}, {@code src_*} and {@code table_*} keywords read from an
 * entry, by the name part they share ({@code conn_cnt}, {@code kbytes_in}...).
 * Each returns {@link StickEntry#NOT_STORED} when the table lacks the data, which
 * makes the fetch or converter fail as in HAProxy.
 */
final class EntryReads {

    /** Reads one value of an entry; {@code idx} is the array index of {@code gpc(idx)}-style keywords. */
    @FunctionalInterface
    interface Read {
        long read(StickEntry e, int idx, long now);
    }

    /** The plain reads, without the indexed ({@code get_gpc}) and modifying ({@code inc_gpc0}) ones. */
    static final Map<String, Read> PLAIN = plain();

    /** The reads of the indexed array keywords ({@code get_gpc(idx,...)}). */
    static final Map<String, Read> INDEXED = Map.of(
            "get_gpc", (e, i, now) -> e.read(DataType.GPC, i, now),
            "get_gpt", (e, i, now) -> e.read(DataType.GPT, i, now),
            "gpc_rate", (e, i, now) -> e.read(DataType.GPC_RATE, i, now));

    private EntryReads() {
    }

    private static Map<String, Read> plain() {
        Map<String, Read> m = new LinkedHashMap<>();
        for (DataType t : new DataType[]{DataType.CONN_CNT, DataType.CONN_CUR, DataType.CONN_RATE, DataType.SESS_CNT,
                DataType.SESS_RATE, DataType.HTTP_REQ_CNT, DataType.HTTP_REQ_RATE, DataType.HTTP_ERR_CNT,
                DataType.HTTP_ERR_RATE, DataType.HTTP_FAIL_CNT, DataType.HTTP_FAIL_RATE, DataType.BYTES_IN_RATE,
                DataType.BYTES_OUT_RATE, DataType.GPC0_RATE, DataType.GPC1_RATE}) {
            m.put(t.keyword(), (e, i, now) -> e.read(t, 0, now));
        }
        m.put("get_gpc0", (e, i, now) -> e.read(DataType.GPC0, 0, now));
        m.put("get_gpc1", (e, i, now) -> e.read(DataType.GPC1, 0, now));
        m.put("get_gpt0", (e, i, now) -> e.read(DataType.GPT0, 0, now));
        m.put("kbytes_in", (e, i, now) -> kilo(e.read(DataType.BYTES_IN_CNT, 0, now)));
        m.put("kbytes_out", (e, i, now) -> kilo(e.read(DataType.BYTES_OUT_CNT, 0, now)));
        return m;
    }

    private static long kilo(long bytes) {
        return bytes == StickEntry.NOT_STORED ? bytes : bytes >>> 10;
    }
}
