package dev.fulcrum.proxy;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Events per second, measured as HAProxy's frequency counters are: the events
 * of the current second plus those of the previous second weighted by the part
 * of it still inside the one-second window. Updated from any event loop without
 * locks; the rotation at each new second may lose an event that races with it,
 * which the rate can afford.
 */
public final class RateCounter {

    private final AtomicInteger current = new AtomicInteger();
    private volatile int previous;
    private volatile long second;
    /** The highest rate seen at an event, HAProxy's *_max rate figures. */
    private volatile int max;

    /** Counts one event now. */
    public void hit() {
        long now = System.currentTimeMillis();
        rotate(now);
        current.incrementAndGet();
        int r = rateAt(now);
        if (r > max) {
            max = r; // a racing smaller write may win; the next event corrects it
        }
    }

    /** The highest rate measured when an event was counted, since start. */
    public int max() {
        return max;
    }

    /** The rate over the last second. */
    public int rate() {
        return rateAt(System.currentTimeMillis());
    }

    int rateAt(long nowMillis) {
        long s = nowMillis / 1000;
        long last = second;
        if (s > last + 1) {
            return 0; // nothing counted during the last full second
        }
        int cur = current.get();
        int prev = previous;
        if (s == last + 1) { // the counted second is now the previous one
            prev = cur;
            cur = 0;
        }
        long remainingOfPrevious = 1000 - nowMillis % 1000;
        return (int) (cur + (prev * remainingOfPrevious) / 1000);
    }

    void hitAt(long nowMillis) {
        rotate(nowMillis);
        current.incrementAndGet();
    }

    private void rotate(long nowMillis) {
        long s = nowMillis / 1000;
        long last = second;
        if (s == last) {
            return;
        }
        synchronized (this) {
            last = second;
            if (s != last) {
                int cur = current.getAndSet(0);
                previous = s == last + 1 ? cur : 0;
                second = s;
            }
        }
    }
}
