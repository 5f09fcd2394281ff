package dev.fulcrum.http;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/**
 * One request answered by a service ({@link HttpService}) instead of a server:
 * the exchange the service sees, and the chunked framing of the body it streams.
 * The body is pulled from the service's producer only while the client's
 * connection is writable, so its size never turns into memory held here.
 */
final class ServiceRun implements ServiceExchange, ServiceExchange.BodySink {

    /**
     * Room kept at the front of each buffer for the chunk-size line: six hex digits
     * (leading zeros are valid chunk sizes) and CRLF, so that no second buffer is
     * needed to frame a chunk.
     */
    private static final int HEADER = 8;
    private static final int MAX_CHUNK = 0xFFFFFF;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final HttpStream stream;
    private final HttpService service;
    private BodyProducer producer;
    private boolean done;
    /** A pump is scheduled on the loop already (the producer yielded while the client could take more). */
    private boolean pumpScheduled;

    private ServiceRun(HttpStream stream, HttpService service) {
        this.stream = stream;
        this.service = service;
    }

    /**
     * Hands the request to the service {@code name}. HAProxy logs an applet's
     * stream with its name as the server, no queue, connect or response wait (0),
     * and {@code LR} as termination state however it ends normally.
     */
    static void start(HttpStream s, String name) {
        s.fe.counters().interceptedRequests.increment();
        HttpService service = s.rt.service(name);
        if (service == null) { // the engine bound no implementation: a bug, answered as HAProxy's internal errors
            StreamEnd.fail(s, 500, Termination.INTERNAL, Termination.PHASE_REQUEST);
            return;
        }
        long now = System.nanoTime();
        s.times.queueEnd = now;
        s.times.connectStart = now;
        s.times.connectEnd = now;
        s.times.responseHead = now;
        s.clock.cancel();
        ServiceRun run = new ServiceRun(s, service);
        s.applet = run;
        service.serve(run);
    }

    String logName() {
        return service.logName();
    }

    // ---- what the service sees

    @Override
    public HttpRequestHead request() {
        return stream.req;
    }

    @Override
    public String path() {
        return Uris.path(stream.req.uri());
    }

    @Override
    public String query() {
        String q = Uris.query(stream.req.uri());
        return q == null ? "" : q;
    }

    @Override
    public void reply(HttpResponseHead head, byte[] body) {
        done = true;
        StreamEnd.sendLocal(stream, head, body, Termination.LOCAL, Termination.PHASE_REQUEST);
    }

    @Override
    public void stream(HttpResponseHead head, BodyProducer producer) {
        head.headers().set("transfer-encoding", "chunked");
        this.producer = producer;
        if (!sendHead(head)) { // HEAD: the head is the whole answer
            done = true;
            end();
            return;
        }
        pump();
    }

    // ---- the body sink

    @Override
    public ByteBuf buffer(int capacity) {
        ByteBuf b = stream.front.alloc().directBuffer(HEADER + Math.min(capacity, MAX_CHUNK) + 2);
        b.writerIndex(HEADER);
        return b;
    }

    @Override
    public void send(ByteBuf chunk) {
        int len = chunk.writerIndex() - HEADER;
        if (len <= 0 || done) {
            chunk.release();
            return;
        }
        if (len > MAX_CHUNK) {
            chunk.release();
            throw new IllegalArgumentException("chunk: " + len + " bytes (expected: at most " + MAX_CHUNK + ")");
        }
        for (int i = 0; i < 6; i++) {
            chunk.setByte(i, HEX[(len >>> (4 * (5 - i))) & 0xF]);
        }
        chunk.setByte(6, '\r').setByte(7, '\n');
        chunk.writeByte('\r').writeByte('\n');
        data(chunk, len);
    }

    @Override
    public boolean writable() {
        return !done && clientWritable();
    }

    // ---- driving the producer

    /** Runs the producer while the client takes data; ends the exchange with the last chunk. */
    private void pump() {
        pumpScheduled = false;
        if (done) {
            return;
        }
        boolean complete;
        try {
            complete = producer.produce(this);
        } catch (RuntimeException e) {
            // a service's bug: end the response short, as a server that closes mid-body
            done = true;
            StreamEnd.abort(stream, Termination.INTERNAL, Termination.PHASE_DATA); // the client learns it from the close
            return;
        }
        if (complete) {
            done = true;
            data(stream.front.alloc().directBuffer(LAST_CHUNK.length).writeBytes(LAST_CHUNK), 0);
            end();
            return;
        }
        stream.front.flush();
        if (clientWritable()) {
            // the producer yielded its turn: let the loop serve others, then go on
            pumpScheduled = true;
            stream.loop.execute(this::pump);
        } else {
            stream.clock.awaitClient(); // the client timeout runs while it does not take the output
        }
    }

    /** Sends the service's response head; returns whether a body follows (not for HEAD requests). */
    private boolean sendHead(HttpResponseHead head) {
        ByteBuf out = StreamEnd.localHead(stream, head, Termination.LOCAL, Termination.PHASE_REQUEST);
        stream.responseStarted = true;
        stream.front.write(out);
        return !stream.headRequest;
    }

    private void data(ByteBuf chunk, int payload) {
        stream.bytesOut += payload;
        stream.front.write(chunk);
    }

    private boolean clientWritable() {
        return !stream.finished && stream.front.isWritable();
    }

    /** The service's answer is complete. */
    private void end() {
        stream.front.flush();
        StreamEnd.finish(stream, true);
    }

    /** The client's connection can take more output. */
    void writable(boolean writable) {
        if (writable && producer != null && !done && !pumpScheduled) {
            pump();
        }
    }

    /** The stream ended before the body (client gone, timeout): the producer lets go of its state. */
    void ended() {
        if (!done) {
            done = true;
            if (producer != null) {
                producer.abandon();
            }
        }
    }
}
