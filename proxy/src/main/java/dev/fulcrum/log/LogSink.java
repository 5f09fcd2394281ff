package dev.fulcrum.log;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.LongAdder;

/**
 * Where encoded log messages go: a UDP syslog server, a UNIX datagram socket or
 * a file descriptor. {@link #send} never blocks: a message the destination
 * cannot take right now is dropped and counted, as HAProxy does.
 */
abstract class LogSink implements AutoCloseable {

    private final LongAdder dropped = new LongAdder();
    private final String description;

    LogSink(String description) {
        this.description = description;
    }

    /**
     * Sends the message between the buffer's position and limit (a direct
     * buffer). Called from any thread, event loops included.
     */
    final void send(ByteBuffer message) {
        if (!trySend(message)) {
            dropped.increment();
        }
    }

    /** Sends without blocking; returns false when the message was dropped. */
    abstract boolean trySend(ByteBuffer message);

    /** Whether messages to this sink are truncated to the target's {@code len} (datagrams are; streams not). */
    boolean truncates() {
        return true;
    }

    /** Messages dropped so far. */
    long dropped() {
        return dropped.sum();
    }

    @Override
    public abstract void close();

    @Override
    public String toString() {
        return description;
    }
}
