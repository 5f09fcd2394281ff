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

    ServiceRun(HttpStream stream, HttpService service) {
        this.stream = stream;
        this.service = service;
    }

    void start() {
        service.serve(this);
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
        stream.serviceReply(head, body);
    }

    @Override
    public void stream(HttpResponseHead head, BodyProducer producer) {
        head.headers().set("transfer-encoding", "chunked");
        this.producer = producer;
        if (!stream.serviceHead(head)) { // HEAD: the head is the whole answer
            done = true;
            stream.serviceEnd();
            return;
        }
        pump();
    }

    // ---- the body sink

    @Override
    public ByteBuf buffer(int capacity) {
        ByteBuf b = stream.alloc().directBuffer(HEADER + Math.min(capacity, MAX_CHUNK) + 2);
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
        stream.serviceData(chunk, len);
    }

    @Override
    public boolean writable() {
        return !done && stream.clientWritable();
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
            stream.serviceFailed();
            return;
        }
        if (complete) {
            done = true;
            stream.serviceData(stream.alloc().directBuffer(LAST_CHUNK.length).writeBytes(LAST_CHUNK), 0);
            stream.serviceEnd();
            return;
        }
        stream.serviceFlush();
        if (stream.clientWritable()) {
            // the producer yielded its turn: let the loop serve others, then go on
            pumpScheduled = true;
            stream.loopExecute(this::pump);
        } else {
            stream.serviceBlocked();
        }
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
