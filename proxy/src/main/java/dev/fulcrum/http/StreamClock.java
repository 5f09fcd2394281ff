package dev.fulcrum.http;

import io.netty.channel.EventLoop;

import java.util.concurrent.TimeUnit;

/**
 * The deadlines of one HTTP stream, with HAProxy's timeouts: {@code timeout
 * queue} while queued, {@code timeout connect} while connecting, {@code timeout
 * server} (or {@code tunnel}) while the server owes data, {@code timeout client}
 * (or {@code tunnel}) while the client does. Activity on a side pushes its
 * deadline back for free; one {@link LazyTimer} fires at the earliest deadline,
 * re-checks them all and tells the stream which one passed.
 *
 * <p>Runs on the stream's event loop only.
 */
final class StreamClock {

    private static final long NEVER = Long.MAX_VALUE;

    private final HttpStream stream;
    private final LazyTimer timer;
    private long queueDeadline = NEVER;
    private long connectDeadline = NEVER;
    private long lastServerActivity;
    private long lastClientActivity;
    private boolean waitingForServer;
    private boolean waitingForClient;

    StreamClock(HttpStream stream, EventLoop loop, long lastClientActivity) {
        this.stream = stream;
        this.timer = new LazyTimer(loop, this::fire);
        this.lastClientActivity = lastClientActivity;
    }

    /** The stream entered a queue at {@code start}; {@code timeoutMillis} 0 waits for ever. */
    void queued(long start, long timeoutMillis) {
        queueDeadline = timeoutMillis > 0 ? start + TimeUnit.MILLISECONDS.toNanos(timeoutMillis) : NEVER;
        if (queueDeadline != NEVER) {
            timer.arm(queueDeadline);
        }
    }

    /** The stream left its queue with a server slot. */
    void dequeued() {
        queueDeadline = NEVER;
    }

    /** A connection attempt started at {@code start}; {@code timeoutMillis} 0 waits for ever. */
    void connecting(long start, long timeoutMillis) {
        if (timeoutMillis > 0) {
            connectDeadline = start + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            timer.arm(connectDeadline);
        }
    }

    /** The connection attempt ended, one way or the other. */
    void connectDone() {
        connectDeadline = NEVER;
    }

    /** The request went out: the server owes a response from now on. */
    void awaitServer() {
        lastServerActivity = System.nanoTime();
        waitingForServer = true;
        armServer();
    }

    /** The server delivered the whole response. */
    void serverDone() {
        waitingForServer = false;
    }

    void serverActivity() {
        lastServerActivity = System.nanoTime();
    }

    /** The client owes data (request body) or must take data (a full output buffer) from now on. */
    void awaitClient() {
        waitingForClient = true;
        lastClientActivity = System.nanoTime();
        armClient();
    }

    /** Like {@link #awaitClient()}, counting from the client's last activity rather than now. */
    void keepAwaitingClient() {
        waitingForClient = true;
        armClient();
    }

    void clientDone() {
        waitingForClient = false;
    }

    void clientActivity() {
        lastClientActivity = System.nanoTime();
    }

    void cancel() {
        timer.cancel();
    }

    private void armServer() {
        long t = stream.serverTimeout();
        if (t > 0) {
            timer.arm(lastServerActivity + TimeUnit.MILLISECONDS.toNanos(t));
        }
    }

    private void armClient() {
        long t = stream.clientTimeout();
        if (t > 0) {
            timer.arm(lastClientActivity + TimeUnit.MILLISECONDS.toNanos(t));
        }
    }

    private void fire() {
        if (stream.isFinished()) {
            return;
        }
        long now = System.nanoTime();
        if (stream.isQueued() && now >= queueDeadline) {
            stream.queueExpired();
            return;
        }
        if (connectDeadline != NEVER && now >= connectDeadline) {
            connectDeadline = NEVER;
            stream.connectExpired();
            return;
        }
        long next = NEVER;
        if (stream.isQueued()) {
            next = Math.min(next, queueDeadline);
        }
        next = Math.min(next, connectDeadline);
        long serverTimeout = waitingForServer && stream.requestSent() ? stream.serverTimeout() : 0;
        if (serverTimeout > 0) {
            long d = lastServerActivity + TimeUnit.MILLISECONDS.toNanos(serverTimeout);
            if (now >= d) {
                stream.serverExpired();
                return;
            }
            next = Math.min(next, d);
        }
        long clientTimeout = waitingForClient ? stream.clientTimeout() : 0;
        if (clientTimeout > 0) {
            long d = lastClientActivity + TimeUnit.MILLISECONDS.toNanos(clientTimeout);
            if (now >= d) {
                stream.clientExpired();
                return;
            }
            next = Math.min(next, d);
        }
        if (next != NEVER) {
            timer.arm(next);
        }
    }
}
