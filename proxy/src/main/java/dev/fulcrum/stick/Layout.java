package dev.fulcrum.stick;

/**
 * Where each stored data type lives in an entry's {@code long[]}: computed once
 * per table so that reading a counter is an array index.
 */
final class Layout {

    private final int[] offset = new int[DataType.values().length];
    private final int[] elements = new int[DataType.values().length];
    private final long[] period = new long[DataType.values().length];
    private final int slots;

    Layout(TableSpec spec) {
        java.util.Arrays.fill(offset, -1);
        int next = 0;
        for (DataType t : DataType.values()) { // HAProxy's order, also the order show table prints
            TableSpec.Stored s = spec.stored().get(t);
            if (s == null) {
                continue;
            }
            offset[t.ordinal()] = next;
            elements[t.ordinal()] = s.elements();
            period[t.ordinal()] = Math.max(1, s.period()); // a 0 period would divide by zero
            next += s.elements() * t.slotsPerElement();
        }
        slots = next;
    }

    /** The slot of element {@code idx} of {@code t}, or -1 when not stored (or out of the array). */
    int slot(DataType t, int idx) {
        int o = offset[t.ordinal()];
        if (o < 0 || idx < 0 || idx >= elements[t.ordinal()]) {
            return -1;
        }
        return o + idx * t.slotsPerElement();
    }

    boolean stores(DataType t) {
        return offset[t.ordinal()] >= 0;
    }

    int elements(DataType t) {
        return elements[t.ordinal()];
    }

    long period(DataType t) {
        return period[t.ordinal()];
    }

    /** A fresh data array: counters at 0, rates never started. */
    long[] newData() {
        long[] d = new long[slots];
        for (DataType t : DataType.values()) {
            if (t.isRate() && stores(t)) {
                for (int i = 0; i < elements(t); i++) {
                    FreqCounter.clear(d, slot(t, i));
                }
            }
        }
        return d;
    }
}
