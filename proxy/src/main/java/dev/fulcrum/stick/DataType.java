package dev.fulcrum.stick;

import java.util.Locale;

/**
 * The data an entry can store ({@code store} of {@code stick-table}), in HAProxy
 * 2.6's internal order, which is the order of {@code show table} output.
 */
public enum DataType {
    SERVER_ID(Kind.SINT),
    GPT0(Kind.UINT),
    GPC0(Kind.UINT),
    GPC0_RATE(Kind.RATE),
    CONN_CNT(Kind.UINT),
    CONN_RATE(Kind.RATE),
    CONN_CUR(Kind.UINT),
    SESS_CNT(Kind.UINT),
    SESS_RATE(Kind.RATE),
    HTTP_REQ_CNT(Kind.UINT),
    HTTP_REQ_RATE(Kind.RATE),
    HTTP_ERR_CNT(Kind.UINT),
    HTTP_ERR_RATE(Kind.RATE),
    BYTES_IN_CNT(Kind.ULL),
    BYTES_IN_RATE(Kind.RATE),
    BYTES_OUT_CNT(Kind.ULL),
    BYTES_OUT_RATE(Kind.RATE),
    GPC1(Kind.UINT),
    GPC1_RATE(Kind.RATE),
    SERVER_KEY(Kind.DICT),
    HTTP_FAIL_CNT(Kind.UINT),
    HTTP_FAIL_RATE(Kind.RATE),
    GPT(Kind.UINT, true),
    GPC(Kind.UINT, true),
    GPC_RATE(Kind.RATE, true);

    /** How a value is stored and printed. */
    public enum Kind {
        /** a signed integer */
        SINT,
        /** a 32-bit unsigned counter (wraps like HAProxy's) */
        UINT,
        /** a 64-bit counter */
        ULL,
        /** a frequency counter over a period: three slots (period start, current, previous) */
        RATE,
        /** a dictionary entry (the server key): kept as the server id's text, not stored in slots */
        DICT
    }

    private final Kind kind;
    private final boolean array;
    private final String keyword;

    DataType(Kind kind) {
        this(kind, false);
    }

    DataType(Kind kind, boolean array) {
        this.kind = kind;
        this.array = array;
        this.keyword = name().toLowerCase(Locale.ROOT);
    }

    /** The name in configurations and {@code show table} ({@code http_req_rate}). */
    public String keyword() {
        return keyword;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether the type is an array ({@code gpc(<nb>)}). */
    public boolean isArray() {
        return array;
    }

    /** Whether the type takes a period argument ({@code conn_rate(<period>)}). */
    public boolean isRate() {
        return kind == Kind.RATE;
    }

    /** Slots of {@code long} one element takes in an entry. */
    int slotsPerElement() {
        return switch (kind) {
            case RATE -> 3;
            case DICT -> 0;
            default -> 1;
        };
    }

    /** The type named {@code keyword}, or {@code null}. */
    public static DataType byKeyword(String keyword) {
        for (DataType t : values()) {
            if (t.keyword.equals(keyword)) {
                return t;
            }
        }
        return null;
    }
}
