package dev.fulcrum.http;

import io.netty.buffer.ByteBuf;

/**
 * Follows the framing of one HTTP/1 message body over raw bytes, without copying
 * or re-encoding them: it only tells how many of the bytes at hand belong to the
 * current body, so the caller forwards exactly those and keeps the rest (a
 * pipelined request, or garbage) for later. Chunked bodies are forwarded as
 * received (sizes, extensions and trailers included) once their syntax is checked.
 */
public final class H1BodyFramer {

    private enum State { SIZE, EXTENSION, SIZE_LF, DATA, DATA_CR, DATA_LF, TRAILER_START, TRAILER, TRAILER_LF, LAST_LF, DONE }

    private H1Head.Framing framing = H1Head.Framing.NONE;
    private long remaining;
    private State state = State.DONE;
    private long chunkSize;
    private int sizeDigits;
    private long bodyBytes;

    /** Starts a new body. */
    public void start(H1Head.Framing framing, long contentLength) {
        this.framing = framing;
        this.bodyBytes = 0;
        switch (framing) {
            case NONE -> state = State.DONE;
            case LENGTH -> {
                remaining = contentLength;
                state = contentLength == 0 ? State.DONE : State.DATA;
            }
            case CHUNKED -> {
                state = State.SIZE;
                chunkSize = 0;
                sizeDigits = 0;
            }
            case UNTIL_CLOSE -> state = State.DATA;
        }
    }

    public H1Head.Framing framing() {
        return framing;
    }

    /** Whether the whole body has been seen. */
    public boolean done() {
        return state == State.DONE;
    }

    /** Bytes of payload seen so far (chunk data only, without chunked framing). */
    public long payloadBytes() {
        return bodyBytes;
    }

    /**
     * Scans readable bytes of {@code buf} from its reader index, without moving it.
     *
     * @return how many of them belong to this body (all of them for an
     *         until-close body); the message is complete when {@link #done()}
     * @throws H1ParseError on malformed chunked framing
     */
    public int scan(ByteBuf buf, int errorStatus) throws H1ParseError {
        return scan(buf, buf.readerIndex(), errorStatus, null, 0, Integer.MAX_VALUE);
    }

    /**
     * The payload still owed by the chunk being read (0 between chunks or for
     * other framings): what HAProxy adds to the buffered data for {@code req.body_size}.
     */
    public long chunkRemaining() {
        return framing == H1Head.Framing.CHUNKED && state == State.DATA ? remaining : 0;
    }

    /**
     * Scans the readable bytes of {@code buf} from index {@code start}, copying
     * the payload they carry (chunk data without its framing) into {@code copy}
     * from {@code copyAt}, and stopping once {@code copyMax} payload bytes were
     * taken. Used to look at a body that stays in the input buffer, to be
     * forwarded unchanged later.
     *
     * @return how many raw bytes from {@code start} were scanned
     * @throws H1ParseError on malformed chunked framing
     */
    public int scan(ByteBuf buf, int start, int errorStatus, byte[] copy, int copyAt, int copyMax)
            throws H1ParseError {
        int end = buf.writerIndex();
        long before = bodyBytes;
        if (framing == H1Head.Framing.UNTIL_CLOSE) {
            int n = Math.min(end - start, copyMax);
            copyOut(buf, start, n, copy, copyAt);
            bodyBytes += n;
            return n;
        }
        if (framing == H1Head.Framing.LENGTH) {
            int n = (int) Math.min(Math.min(remaining, end - start), copyMax);
            copyOut(buf, start, n, copy, copyAt);
            remaining -= n;
            bodyBytes += n;
            if (remaining == 0) {
                state = State.DONE;
            }
            return n;
        }
        int i = start;
        while (i < end && state != State.DONE) {
            byte c = buf.getByte(i);
            switch (state) {
                case SIZE -> {
                    int d = Character.digit(c, 16);
                    if (d >= 0) {
                        if (++sizeDigits > 15) {
                            throw new H1ParseError(errorStatus, i, "chunk size too large");
                        }
                        chunkSize = chunkSize << 4 | d;
                        i++;
                    } else if (sizeDigits == 0) {
                        throw new H1ParseError(errorStatus, i, "invalid chunk size");
                    } else if (c == ';' || c == ' ' || c == '\t') {
                        state = State.EXTENSION;
                        i++;
                    } else if (c == '\r') {
                        state = State.SIZE_LF;
                        i++;
                    } else if (c == '\n') {
                        i++;
                        endOfSizeLine();
                    } else {
                        throw new H1ParseError(errorStatus, i, "invalid chunk size");
                    }
                }
                case EXTENSION -> {
                    if (c == '\n') {
                        endOfSizeLine();
                    } else if (c == '\r') {
                        state = State.SIZE_LF;
                    }
                    i++;
                }
                case SIZE_LF -> {
                    if (c != '\n') {
                        throw new H1ParseError(errorStatus, i, "missing LF after chunk size");
                    }
                    i++;
                    endOfSizeLine();
                }
                case DATA -> {
                    int taken = (int) (bodyBytes - before);
                    int n = (int) Math.min(Math.min(remaining, end - i), copyMax - taken);
                    if (n == 0) {
                        return i - start; // copied all that was asked for
                    }
                    copyOut(buf, i, n, copy, copyAt + taken);
                    i += n;
                    remaining -= n;
                    bodyBytes += n;
                    if (remaining == 0) {
                        state = State.DATA_CR;
                    }
                }
                case DATA_CR -> {
                    if (c == '\r') {
                        state = State.DATA_LF;
                    } else if (c == '\n') {
                        newChunk();
                    } else {
                        throw new H1ParseError(errorStatus, i, "missing CRLF after chunk data");
                    }
                    i++;
                }
                case DATA_LF -> {
                    if (c != '\n') {
                        throw new H1ParseError(errorStatus, i, "missing CRLF after chunk data");
                    }
                    i++;
                    newChunk();
                }
                case TRAILER_START -> {
                    if (c == '\r') {
                        state = State.LAST_LF;
                    } else if (c == '\n') {
                        state = State.DONE;
                    } else {
                        state = State.TRAILER;
                    }
                    i++;
                }
                case TRAILER -> {
                    if (c == '\n') {
                        state = State.TRAILER_START;
                    } else if (c == '\r') {
                        state = State.TRAILER_LF;
                    }
                    i++;
                }
                case TRAILER_LF -> {
                    if (c != '\n') {
                        throw new H1ParseError(errorStatus, i, "bare CR in trailers");
                    }
                    state = State.TRAILER_START;
                    i++;
                }
                case LAST_LF -> {
                    if (c != '\n') {
                        throw new H1ParseError(errorStatus, i, "missing final LF");
                    }
                    state = State.DONE;
                    i++;
                }
                case DONE -> {
                    // unreachable: the loop stops
                }
            }
        }
        return i - start;
    }

    private static void copyOut(ByteBuf buf, int from, int n, byte[] copy, int at) {
        if (copy != null && n > 0) {
            buf.getBytes(from, copy, at, n);
        }
    }

    private void endOfSizeLine() {
        if (chunkSize == 0) {
            state = State.TRAILER_START;
        } else {
            remaining = chunkSize;
            state = State.DATA;
        }
    }

    private void newChunk() {
        state = State.SIZE;
        chunkSize = 0;
        sizeDigits = 0;
    }
}
