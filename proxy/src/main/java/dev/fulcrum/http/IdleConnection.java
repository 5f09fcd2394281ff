package dev.fulcrum.http;

import dev.fulcrum.proxyprotocol.ProxyError;
import io.netty.buffer.Unpooled;

import java.util.concurrent.TimeUnit;

/**
 * A client connection while no stream runs on it: the timer bounding the wait
 * for a request (the PROXY handshake, the first request, the keep-alive wait, the
 * rest of a head), and what HAProxy does when it strikes or a head is bad: its
 * raw 400/408 answers, the request and error counters, and the log record of a
 * connection that has no stream to say more.
 *
 * <p>A step of {@link FrontConnection}, stateless: the timer and the timeline
 * live in the connection.
 */
final class IdleConnection {

    private IdleConnection() {
    }

    /** Answers an error before any stream exists, exactly as HAProxy does, and closes. */
    static void rawError(FrontConnection fc, int status, char cause, char phase) {
        ErrorPages.Page page = ErrorPages.get(status);
        byte[] bytes = page.raw();
        fc.fe.counters().requests.increment();
        fc.fe.counters().requestErrors.increment();
        fc.fe.counters().countResponse(status);
        badRequestRecord(fc, status, cause, phase, 0, fc.in != null ? fc.in.readableBytes() : 0);
        fc.tRequestStart = FrontConnection.NONE;
        fc.ctx.write(Unpooled.wrappedBuffer(bytes), fc.ctx.voidPromise());
        fc.closeAfterFlush();
    }

    static void badRequestRecord(FrontConnection fc, int status, char cause, char phase, long bytesOut,
                                 long bytesIn) {
        long requestId = fc.rt.nextRequestId(); // counted as a request whether or not anybody logs it
        if (fc.context != null) {
            fc.context.stickBadRequest(); // haproxy counts a request and an error, even for an empty connection
        }
        if (fc.rt.observers.isEmpty()) {
            return;
        }
        fc.rt.publish(connectionRecord(fc, status, String.valueOf(cause) + phase + "--", bytesOut, bytesIn, "<BADREQ>",
                requestId));
    }

    /** What is known of the connection itself, when no stream (or a failed one) is there to say more. */
    static StreamRecord connectionRecord(FrontConnection fc, int status, String termination, long bytesOut,
                                         long bytesIn, String requestLine, long requestId) {
        long now = System.nanoTime();
        long start = fc.firstRequest ? fc.tAccept : fc.tIdleStart;
        boolean inRequest = fc.tRequestStart != FrontConnection.NONE;
        long ta = TimeUnit.NANOSECONDS.toMillis(now - (inRequest ? fc.tRequestStart : start));
        long tt = TimeUnit.NANOSECONDS.toMillis(now - start);
        // haproxy's Ti is the wait before the head began (0 when none did)
        long ti = inRequest ? TimeUnit.NANOSECONDS.toMillis(fc.tRequestStart - start) : 0;
        return new StreamRecord(fc.remote, fc.local, fc.fe.name(), fc.fe.name(), "<NOSRV>", fc.acceptEpochMillis,
                inRequest ? fc.requestEpochMillis : fc.acceptEpochMillis, 0, ti, -1, -1, -1, -1, ta, tt,
                status, bytesOut, bytesIn, termination, fc.rt.actconn(),
                fc.fe.counters().current.get(), 0, 0, 0, false, 0, 0, requestLine, null, null, null, null, null, null,
                requestId, fc.context()); // samples in log formats still see the connection and its frontend
    }

    /** Arms the timer for the wait before a request (or for the rest of its head). */
    static void armIdleTimer(FrontConnection fc) {
        long timeout;
        long from;
        if (fc.proxyHandler != null) {
            timeout = fc.fe.timeoutClient; // the handshake is bounded by the client timeout, as haproxy's embryonic sessions
            from = fc.tAccept;
        } else if (fc.tRequestStart != FrontConnection.NONE) {
            timeout = fc.fe.timeoutHttpRequest > 0 ? fc.fe.timeoutHttpRequest : fc.fe.timeoutClient;
            from = fc.firstRequest ? fc.tAccept : fc.tRequestStart;
        } else if (fc.firstRequest) {
            timeout = fc.fe.timeoutHttpRequest > 0 ? fc.fe.timeoutHttpRequest : fc.fe.timeoutClient;
            from = fc.tAccept;
        } else {
            timeout = fc.fe.timeoutHttpKeepAlive > 0 ? fc.fe.timeoutHttpKeepAlive
                    : fc.fe.timeoutHttpRequest > 0 ? fc.fe.timeoutHttpRequest : fc.fe.timeoutClient;
            from = fc.tIdleStart;
        }
        cancelTimer(fc);
        if (timeout <= 0) {
            return;
        }
        long delay = from + TimeUnit.MILLISECONDS.toNanos(timeout) - System.nanoTime();
        fc.timer = fc.loop().schedule(() -> idleTimeout(fc), Math.max(0, delay), TimeUnit.NANOSECONDS);
    }

    static void cancelTimer(FrontConnection fc) {
        if (fc.timer != null) {
            fc.timer.cancel(false);
            fc.timer = null;
        }
    }

    static void idleTimeout(FrontConnection fc) {
        fc.timer = null;
        if (fc.stream != null || fc.closing) {
            return;
        }
        if (fc.proxyHandler != null) {
            ProxyHandshake.failed(fc, ProxyError.TIMEOUT);
            return;
        }
        if (fc.tRequestStart == FrontConnection.NONE && !fc.firstRequest) {
            fc.closeAfterFlush(); // an idle keep-alive connection just goes away, unlogged
            return;
        }
        if (probe(fc)) {
            fc.closeAfterFlush(); // a browser's pre-connect: no 408, no log line, no error
            return;
        }
        rawError(fc, 408, Termination.CLIENT_TIMEOUT, Termination.PHASE_REQUEST);
    }

    /** Under {@code option http-ignore-probes}: whether this connection never sent a byte. */
    static boolean probe(FrontConnection fc) {
        return fc.fe.ignoreProbes && fc.firstRequest && fc.tRequestStart == FrontConnection.NONE
                && (fc.in == null || !fc.in.isReadable());
    }

    /**
     * The client sent all it will send and no request is being served: a request
     * head left unfinished (or none at all on a new connection) gets haproxy's 400,
     * logged {@code CR--}; a connection between requests just closes.
     */
    static void inputEnded(FrontConnection fc) {
        if ((fc.tRequestStart != FrontConnection.NONE || fc.firstRequest) && !probe(fc)) {
            rawError(fc, 400, Termination.CLIENT, Termination.PHASE_REQUEST);
        } else {
            fc.closeAfterFlush();
        }
    }
}
