package dev.fulcrum.http;

/**
 * Why an HTTP/1 head was refused, with the status HAProxy answers for it: 400 for
 * malformed requests (sent raw, before any stream exists), 422 for a
 * transfer-encoding it cannot process, and 502 for a malformed response.
 */
public final class H1ParseError extends Exception {

    private final int status;
    private final int offset;

    public H1ParseError(int status, int offset, String reason) {
        super(reason, null, false, false);
        this.status = status;
        this.offset = offset;
    }

    /** The status to answer: 400, 422 or 502. */
    public int status() {
        return status;
    }

    /** Offset of the offending byte within the head (for "show errors"). */
    public int offset() {
        return offset;
    }
}
