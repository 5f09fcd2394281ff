package dev.fulcrum.queue;

import dev.fulcrum.server.Server;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A request waiting for a connection slot (HAProxy's "pendconn"). It sits in a
 * server's queue (when it must go to that server) or its backend's queue (any
 * server will do). Exactly one of two things happens to it, decided by a CAS:
 * a releasing thread assigns it a server slot, or its own event loop abandons it
 * (queue timeout, client gone).
 */
public abstract class Pending {

    private static final int WAITING = 0;
    private static final int ASSIGNED = 1;
    private static final int ABANDONED = 2;

    private final AtomicInteger state = new AtomicInteger(WAITING);
    /** When it was queued (System.nanoTime), for FIFO order across queues. */
    final long queuedAt = System.nanoTime();
    /** Position in the queue when it was added (for logs: %sq / %bq). */
    int positionAtQueueing;

    /**
     * Called, on the releasing thread, after {@code server}'s slot was reserved for
     * this request. Implementations must hand the work over to their own event loop.
     */
    protected abstract void assigned(Server server);

    /** The server this request must use, or {@code null} if any server of the backend will do. */
    protected abstract Server requiredServer();

    /**
     * Called, on the thread that changed the server's state, after this entry was
     * taken out of the queue of a server that went down, into maintenance or drain
     * ({@code option redispatch}): the request must choose a server again.
     * Implementations must hand the work over to their own event loop.
     */
    protected abstract void redistributed();

    /**
     * Whether the request stays on its server even when that server goes down
     * (a {@code force-persist} condition held when it chose it).
     */
    protected boolean pinned() {
        return false;
    }

    /** Hands over a slot of {@code server} reserved for this request. */
    public final void assignedTo(Server server) {
        assigned(server);
    }

    /** Tries to claim this entry (for a slot, or to redistribute it); false if it was abandoned meanwhile. */
    boolean claim() {
        return state.compareAndSet(WAITING, ASSIGNED);
    }

    /**
     * Gives up waiting (timeout or client abort). Returns false if a slot was
     * assigned concurrently: the caller then owns that slot and must release it.
     */
    public boolean abandon() {
        return state.compareAndSet(WAITING, ABANDONED);
    }

    public boolean isWaiting() {
        return state.get() == WAITING;
    }

    /** Queue length in front of it when it was added. */
    public int positionAtQueueing() {
        return positionAtQueueing;
    }

    public long queuedAt() {
        return queuedAt;
    }
}
