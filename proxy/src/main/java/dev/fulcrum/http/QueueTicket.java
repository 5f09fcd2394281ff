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

    /**
     * @param required the server the stream must use (its queue is {@code queue}),
     *                 or {@code null} when any server of the backend will do
     */
    QueueTicket(ServerDispatch dispatch, PendingQueue queue, Server required) {
        this.dispatch = dispatch;
        this.queue = queue;
        this.required = required;
    }

    PendingQueue queue() {
        return queue;
    }

    @Override
    protected Server requiredServer() {
        return required;
    }

    /** On the releasing thread: the stream takes the slot over on its own event loop. */
    @Override
    protected void assigned(Server server) {
        dispatch.slotAssigned(server);
    }
}
