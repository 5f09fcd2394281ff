package dev.fulcrum.stick;

/**
 * HAProxy's sliding-window frequency counter ({@code freq_ctr} with a period),
 * kept in three {@code long} slots of an entry: the start of the current period,
 * the events counted in it, and the events of the previous period. The rate
 * read at time {@code now} is the current count plus the previous period's
 * count weighted by the part of the window that still overlaps it, which is
 * what {@code read_freq_ctr_period()} returns. Callers hold the entry's lock.
 */
final class FreqCounter {

    /** The period start of a counter that never counted anything. */
    static final long UNSET = Long.MIN_VALUE;

    private FreqCounter() {
    }

    static void clear(long[] d, int o) {
        d[o] = UNSET;
        d[o + 1] = 0;
        d[o + 2] = 0;
    }

    /** Adds {@code inc} events at {@code now} (ms); returns the current period's count. */
    static long add(long[] d, int o, long period, long now, long inc) {
        long tick = d[o];
        if (tick != UNSET && now - tick < period) {
            return d[o + 1] += inc;
        }
        // a new period starts: the current one becomes the previous one, unless it is
        // more than one period old, in which case nothing of it remains in the window
        long prev = tick == UNSET ? 0 : d[o + 1];
        tick = tick == UNSET ? now : tick + period;
        if (now - tick >= period) {
            prev = 0;
            tick = now;
        }
        d[o] = tick;
        d[o + 1] = inc;
        d[o + 2] = prev;
        return inc;
    }

    /** The events per period at {@code now}. */
    static long read(long[] d, int o, long period, long now) {
        long tick = d[o];
        if (tick == UNSET) {
            return 0;
        }
        long curr = d[o + 1];
        long past = d[o + 2];
        long remain = tick + period - now;
        if (remain < 0) {
            // past the current period: what was current is now the previous period, if still in the window
            remain += period;
            past = remain >= 0 ? curr : 0;
            curr = 0;
            remain = Math.max(remain, 0);
        }
        return (past * remain + curr * period) / period;
    }

    /** The current period's raw count (what {@code inc_gpc0} returns for a rate-only table). */
    static long current(long[] d, int o) {
        return d[o + 1];
    }
}
