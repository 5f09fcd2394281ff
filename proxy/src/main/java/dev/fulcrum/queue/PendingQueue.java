package dev.fulcrum.queue;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A FIFO of requests waiting for a slot. Lock-free; abandoned entries are skipped
 * lazily when they reach the head. {@link #size()} counts entries still waiting
 * closely enough for stats and {@code maxqueue}.
 */
public final class PendingQueue {

    private final ConcurrentLinkedQueue<Pending> entries = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicInteger max = new AtomicInteger();
    private final java.util.concurrent.atomic.LongAdder total = new java.util.concurrent.atomic.LongAdder();

    /** Adds a request; returns its position (number of requests already waiting). */
    public int add(Pending p) {
        int pos = size.getAndIncrement();
        p.positionAtQueueing = pos;
        entries.add(p);
        total.increment();
        max.accumulateAndGet(pos + 1, Math::max);
        return pos;
    }

    /** The oldest entry still waiting, without removing it, or {@code null}. */
    public Pending peek() {
        while (true) {
            Pending p = entries.peek();
            if (p == null || p.isWaiting()) {
                return p;
            }
            if (entries.remove(p)) {
                size.decrementAndGet();
            }
        }
    }

    /** Claims the oldest waiting entry, or returns {@code null} when none is waiting. */
    public Pending claim(Pending expectedHead) {
        if (entries.remove(expectedHead)) {
            size.decrementAndGet();
            return expectedHead.claim() ? expectedHead : null;
        }
        return null;
    }

    /**
     * Takes every waiting entry that is not {@link Pending#pinned pinned} out of
     * this queue and tells each to choose a server again (HAProxy's
     * pendconn_redistribute, when a server goes down with {@code option redispatch});
     * returns how many left.
     */
    public int redistribute() {
        int moved = 0;
        for (Pending p : entries) {
            if (!p.isWaiting() || p.pinned() || !entries.remove(p)) {
                continue;
            }
            size.decrementAndGet();
            if (p.claim()) { // else it was abandoned meanwhile: its owner forgets it
                p.redistributed();
                moved++;
            }
        }
        return moved;
    }

    /** Called by an entry's owner after it {@link Pending#abandon abandoned} it. */
    public void forget(Pending p) {
        if (entries.remove(p)) {
            size.decrementAndGet();
        }
    }

    public int size() {
        return Math.max(0, size.get());
    }

    /** Highest queue length seen (stats {@code qmax}). */
    public int max() {
        return max.get();
    }

    /** Requests ever queued. */
    public long total() {
        return total.sum();
    }
}
