package dev.fulcrum.http;

import dev.fulcrum.queue.Pending;
import dev.fulcrum.queue.PendingQueue;
import dev.fulcrum.server.Server;

/**
 * A stream's place in a server's or a backend's queue (HAProxy's pendconn),
 * created only when the stream has to wait for a connection slot: a stream
 * served at once never allocates one.
 */
final class QueueTicket extends Pending {

    private final ServerDispatch dispatch;
    private final PendingQueue queue;
    private final Server required;
    private final boolean pinned;

    /**
     * @param required the server the stream must use (its queue is {@code queue}),
     *                 or {@code null} when any server of the backend will do
     * @param pinned   a {@code force-persist} condition holds: the stream stays in
     *                 {@code required}'s queue even when that server goes down
     */
    QueueTicket(ServerDispatch dispatch, PendingQueue queue, Server required, boolean pinned) {
        this.dispatch = dispatch;
        this.queue = queue;
        this.required = required;
        this.pinned = pinned;
    }

    PendingQueue queue() {
        return queue;
    }

    @Override
    protected Server requiredServer() {
        return required;
    }

    @Override
    protected boolean pinned() {
        return pinned;
    }

    /** On the thread that took the server down: the stream chooses again on its own event loop. */
    @Override
    protected void redistributed() {
        dispatch.redistributed();
    }

    /** On the releasing thread: the stream takes the slot over on its own event loop. */
    @Override
    protected void assigned(Server server) {
        dispatch.slotAssigned(server);
    }
}
