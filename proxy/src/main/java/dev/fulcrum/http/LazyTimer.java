package dev.fulcrum.http;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;

/**
 * One timer per stream or connection, on its event loop. Arming it later than
 * it is already armed costs nothing: activity pushes deadlines back on every
 * read, so the callback re-checks the real deadlines and re-arms itself, and the
 * scheduler sees one task per period rather than one per read.
 */
final class LazyTimer {

    private final EventLoop loop;
    private final Runnable task;
    private ScheduledFuture<?> scheduled;
    private long at = Long.MAX_VALUE;

    LazyTimer(EventLoop loop, Runnable task) {
        this.loop = loop;
        this.task = task;
    }

    /** Makes sure the task runs no later than {@code deadlineNanos} (System.nanoTime). */
    void arm(long deadlineNanos) {
        if (scheduled != null && deadlineNanos >= at) {
            return;
        }
        if (scheduled != null) {
            scheduled.cancel(false);
        }
        at = deadlineNanos;
        scheduled = loop.schedule(this::fire, Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    void cancel() {
        if (scheduled != null) {
            scheduled.cancel(false);
            scheduled = null;
        }
        at = Long.MAX_VALUE;
    }

    private void fire() {
        scheduled = null;
        at = Long.MAX_VALUE;
        task.run();
    }
}
