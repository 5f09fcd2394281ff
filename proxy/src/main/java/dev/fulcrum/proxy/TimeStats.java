package dev.fulcrum.proxy;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The timings of the exchanges a backend or server completed, as HAProxy keeps
 * them for its statistics: for queue, connect, response and total time, an
 * average over about the last {@link #WINDOW} exchanges and the largest value
 * seen. Updated from every event loop without locks.
 *
 * <p>The average is a sliding one: each sample replaces 1/WINDOW of the
 * running sum, so old samples fade instead of being stored. Until WINDOW
 * samples have been seen the window is the sample count, so the first values
 * are the plain mean rather than a figure dragged towards zero.
 */
public final class TimeStats {

    /** Exchanges the averages cover. */
    public static final int WINDOW = 1024;

    /** Which timing. */
    public enum Kind { QUEUE, CONNECT, RESPONSE, TOTAL }

    private final AtomicLong samples = new AtomicLong();
    private final AtomicLong[] sums = {new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong()};
    private final AtomicLong[] maxes = {new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong()};

    /** Records one exchange's timings in milliseconds (a negative one, for a phase that did not happen, as 0). */
    public void record(long queueMs, long connectMs, long responseMs, long totalMs) {
        long n = Math.min(WINDOW, samples.incrementAndGet());
        add(0, n, queueMs);
        add(1, n, connectMs);
        add(2, n, responseMs);
        add(3, n, totalMs);
    }

    private void add(int i, long n, long v) {
        long value = Math.max(0, v);
        sums[i].getAndUpdate(s -> s - s / n + value);
        AtomicLong max = maxes[i];
        long m = max.get();
        while (value > m && !max.compareAndSet(m, value)) {
            m = max.get();
        }
    }

    /** The sliding average in milliseconds, 0 before the first exchange. */
    public long averageMillis(Kind k) {
        long n = Math.min(WINDOW, samples.get());
        return n == 0 ? 0 : (sums[k.ordinal()].get() + n - 1) / n;
    }

    /** The largest value seen, in milliseconds. */
    public long maxMillis(Kind k) {
        return maxes[k.ordinal()].get();
    }
}
