package dev.fulcrum.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * The request body as rules see it ({@code req.body} and friends), and the wait
 * for it ({@code option http-buffer-request}, {@code http-request wait-for-body}).
 *
 * <p>The raw body stays in the client connection's input buffer, untouched, so
 * it is forwarded to the server byte for byte once the wait ends; this class
 * only looks at it through its own framer and keeps a copy of the payload
 * (chunk data without chunk sizes), at most as much as HAProxy's request buffer
 * would hold ({@link HtxSize#bodyRoom}). A stream that never asks for its body
 * never creates one.
 */
final class RequestBodyBuffer {

    private final H1BodyFramer framer = new H1BodyFramer();
    private final int limit;
    /** The announced length, or -1 for a chunked body. */
    private final long contentLength;
    private byte[] data;
    private int length;
    /** Raw bytes past the input's reader index already looked at. */
    private int scanned;
    private boolean broken;
    private ByteBuffer view;

    // the wait in progress, if any
    private boolean waiting;
    private long atLeast;
    private long timeMillis;
    private ScheduledFuture<?> timer;

    RequestBodyBuffer(H1Head info, int limit) {
        this.limit = limit;
        this.contentLength = info.framing == H1Head.Framing.LENGTH ? info.contentLength : -1;
        framer.start(info.framing, info.contentLength);
    }

    /**
     * Takes the payload of the raw body bytes that arrived since the last call.
     * {@code in} is the client's input buffer, whose reader index is the start of
     * the body as long as nothing was forwarded.
     */
    void absorb(ByteBuf in) {
        if (in == null || broken || framer.done() || length >= limit) {
            return;
        }
        int from = in.readerIndex() + scanned;
        if (from >= in.writerIndex()) {
            return;
        }
        ensureRoom(in.writerIndex() - from);
        try {
            scanned += framer.scan(in, from, 400, data, length, limit - length);
        } catch (H1ParseError e) {
            broken = true; // the forwarding path meets the same error and answers it
            return;
        }
        int now = (int) Math.min(framer.payloadBytes(), limit);
        if (now != length) {
            length = now;
            view = null;
        }
    }

    /** Grows the copy for up to {@code raw} more bytes (a chunked body's size is not known beforehand). */
    private void ensureRoom(int raw) {
        int want = (int) Math.min(limit, (long) length + raw);
        if (contentLength >= 0) {
            want = (int) Math.min(limit, contentLength);
        }
        if (data == null || data.length < want) {
            int size = data == null ? Math.max(want, 256) : Math.max(want, Math.min(limit, data.length * 2));
            byte[] bigger = new byte[Math.min(size, limit)];
            if (data != null) {
                System.arraycopy(data, 0, bigger, 0, length);
            }
            data = bigger;
        }
    }

    /** The payload held so far, for {@code req.body}; valid until the next {@link #absorb}. */
    ByteBuffer view() {
        ByteBuffer v = view;
        if (v == null) {
            v = view = data == null ? ByteBuffer.allocate(0) : ByteBuffer.wrap(data, 0, length);
        }
        return v.duplicate();
    }

    /** {@code req.body_size}: the announced length, or for a chunked body what is held plus the rest of the current chunk. */
    long advertisedSize() {
        return contentLength >= 0 ? contentLength : length + framer.chunkRemaining();
    }

    /**
     * Whether a wait asking for {@code atLeast} bytes (0: the whole body) is
     * over: the whole body is here, or the buffer is full, or that many bytes
     * arrived (or the body is malformed, which the forwarding path reports).
     */
    boolean satisfies(long atLeast) {
        return broken || framer.done() || length >= limit || atLeast > 0 && length >= atLeast;
    }

    /** Whether the whole body was seen. */
    boolean complete() {
        return framer.done();
    }

    /** Remembers the terms of the wait a rule asked for ({@code wait-for-body time <time> at-least <bytes>}). */
    void terms(long timeMillis, long atLeast) {
        this.timeMillis = timeMillis;
        this.atLeast = atLeast;
    }

    /** Starts waiting on the terms given; {@code onTimeout} runs on {@code loop} if time runs out first. */
    void await(EventLoop loop, Runnable onTimeout) {
        waiting = true;
        if (timeMillis > 0) {
            timer = loop.schedule(onTimeout, timeMillis, TimeUnit.MILLISECONDS);
        }
    }

    boolean waiting() {
        return waiting;
    }

    /** Whether the wait in progress is over after the bytes just absorbed. */
    boolean waitOver() {
        return waiting && satisfies(atLeast);
    }

    void stopWaiting() {
        waiting = false;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
