package dev.fulcrum.log;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A file descriptor: {@code stdout} ({@code fd@1}), {@code stderr}
 * ({@code fd@2}). A terminal or a pipe may block a writer, so event loops only
 * queue a copy of the message (bounded; a full queue drops it) and one daemon
 * thread per descriptor writes them in order, one {@code write()} each, so lines
 * are not interleaved. Messages are not truncated, as in HAProxy.
 */
final class FdSink extends LogSink {

    /** Messages waiting to be written before new ones are dropped. */
    static final int QUEUE = 4096;

    private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(QUEUE);
    private final OutputStream out;
    private final Thread writer;
    private volatile boolean closed;

    /** @throws IOException when {@code fd} is not open for writing */
    FdSink(int fd) throws IOException {
        super("fd@" + fd);
        this.out = switch (fd) {
            case 1 -> new FileOutputStream(FileDescriptor.out);
            case 2 -> new FileOutputStream(FileDescriptor.err);
            // another inherited descriptor (a pipe to a log collector): reopened through /proc
            default -> new FileOutputStream("/proc/self/fd/" + fd, true);
        };
        this.writer = Thread.ofPlatform().daemon().name("fulcrum-log-fd" + fd).unstarted(this::drain);
        writer.start();
    }

    @Override
    boolean trySend(ByteBuffer message) {
        if (closed) {
            return false;
        }
        byte[] copy = new byte[message.remaining()];
        message.get(copy);
        return queue.offer(copy);
    }

    @Override
    boolean truncates() {
        return false;
    }

    private void drain() {
        try {
            while (!closed || !queue.isEmpty()) {
                byte[] m = queue.poll(100, TimeUnit.MILLISECONDS);
                if (m != null) {
                    out.write(m);
                    out.flush();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            closed = true; // the descriptor is gone: drop everything from now on
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(1)); // let queued lines out
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
