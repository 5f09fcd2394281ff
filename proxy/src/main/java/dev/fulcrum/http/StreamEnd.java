package dev.fulcrum.http;

import dev.fulcrum.server.Server;
import io.netty.buffer.ByteBuf;

/**
 * How a stream ends: an error page or a locally produced response, an abort once
 * the response has begun, then the final accounting (byte and time counters,
 * stick counters, the queue slot) and the record handed to the loggers.
 *
 * <p>A step of {@link HttpStream}, stateless: the termination cause and phase
 * are the stream's.
 */
final class StreamEnd {

    private StreamEnd() {
    }

    /** Ends the stream with an error response (nothing was sent to the client yet). */
    static void fail(HttpStream s, int code, char why, char where) {
        if (s.finished) {
            return;
        }
        if (where == Termination.PHASE_HEADERS) {
            s.context().stickFailure(); // no valid response from the server
        }
        ErrorPages.Page page = s.errorPage(code);
        if (page.silent()) {
            s.status = code;
            s.cause = why;
            s.phase = where;
            s.closeClient = true;
            s.fe.counters().countResponse(code);
            if (s.be != null) {
                s.be.counters().countResponse(code);
            }
            releaseServerSide(s, true);
            finish(s, true);
            return;
        }
        if (!page.hasLength()) {
            s.closeClient = true;
        }
        sendLocal(s, page.head(), page.body(), why, where);
    }

    /**
     * Ends the stream on a malformed request body, as HAProxy's H1 layer does: the
     * built-in error page, raw (no errorfile, no http-after-response rules), then
     * the connection closes; only an abort once the response has begun.
     */
    static void failMalformedBody(HttpStream s, int code) {
        if (s.finished) {
            return;
        }
        if (s.responseStarted) {
            abort(s, Termination.PROXY, Termination.PHASE_DATA);
            return;
        }
        byte[] raw = ErrorPages.get(code).raw();
        s.status = code;
        s.cause = Termination.PROXY;
        s.phase = Termination.PHASE_DATA;
        s.closeClient = true;
        s.bytesOut += raw.length;
        s.fe.counters().countResponse(code);
        if (s.be != null) {
            s.be.counters().countResponse(code);
        }
        s.front.write(io.netty.buffer.Unpooled.wrappedBuffer(raw));
        s.front.flush();
        releaseServerSide(s, true);
        finish(s, true);
    }

    /**
     * Ends the stream with a response produced here (an error page, or a rule's
     * deny, return, redirect or auth) instead of a server's; http-after-response
     * rules apply to it as in HAProxy.
     */
    static void sendLocal(HttpStream s, HttpResponseHead head, byte[] body, char why, char where) {
        if (s.finished) {
            return;
        }
        ByteBuf out = localHead(s, head, why, where);
        if (!s.headRequest) {
            out.writeBytes(body);
            s.bytesOut += body.length;
        }
        s.front.write(out);
        s.front.flush();
        releaseServerSide(s, true);
        finish(s, true);
    }

    /**
     * Prepares the head of a response produced here: after-response rules,
     * connection handling and counters; returns it serialized.
     */
    static ByteBuf localHead(HttpStream s, HttpResponseHead head, char why, char where) {
        s.status = head.status();
        s.cause = why;
        s.phase = where;
        s.response = head;
        ResponseRelay.afterResponseRules(s, s.context());
        s.status = head.status();
        // HAProxy keeps the connection when it already holds the whole request body (announced by a length
        // or chunked: it parsed what came with the head), and drops it
        if (!s.requestComplete && !s.headSent && RequestBodyPump.discardBufferedBody(s.front, s)) {
            s.requestComplete = true;
        }
        if (!s.requestComplete || s.be == null && s.clientWantsClose()) {
            s.closeClient = true;
        }
        ResponseRelay.connectionHeader(s, head);
        ByteBuf out = H1Writer.response(s.front.alloc(), head);
        s.bytesOut += HtxSize.response(head);
        s.fe.counters().countResponse(s.status);
        if (s.be != null) {
            s.be.counters().countResponse(s.status);
        }
        return out;
    }

    /**
     * A rule denied the request (deny, tarpit, reject) or, once the response
     * started, the response: HAProxy's denied_req / denied_resp counters.
     */
    static void countDenied(HttpStream s) {
        if (!s.responseStarted) {
            s.fe.counters().deniedRequests.increment();
            if (s.be != null) {
                s.be.counters().deniedRequests.increment();
            }
            return;
        }
        s.fe.counters().deniedResponses.increment();
        if (s.be != null) {
            s.be.counters().deniedResponses.increment();
        }
        Server srv = s.dispatch.server();
        if (srv != null) {
            srv.counters().deniedResponses.increment();
        }
    }

    /** Ends the stream abruptly after part of the response was sent: both sides close. */
    static void abort(HttpStream s, char why, char where) {
        if (s.finished) {
            return;
        }
        s.cause = why;
        s.phase = where;
        s.closeClient = true;
        releaseServerSide(s, true);
        finish(s, true);
    }

    static void releaseServerSide(HttpStream s, boolean closeConnection) {
        BackConnection c = s.conn;
        s.conn = null;
        if (c != null) {
            c.detach();
            if (closeConnection) {
                c.close();
            }
        }
    }

    static void finish(HttpStream s, boolean error) {
        if (s.finished) {
            return;
        }
        s.finished = true;
        s.clock.cancel();
        if (s.body != null) {
            s.body.stopWaiting();
        }
        if (s.applet != null) {
            s.applet.ended();
        }
        recordTimes(s);
        countBytes(s);
        if (s.dispatch.queued()) {
            s.dispatch.leaveQueue();
        }
        if (!error && s.cause == Termination.NONE) {
            s.phase = Termination.NONE;
        }
        if (s.phase == Termination.PHASE_DATA && s.cause == Termination.NONE) {
            s.phase = Termination.NONE;
        }
        publishRecord(s);
        s.context().stickStreamEnded(s.bytesIn, s.bytesOut);
        s.dispatch.release();
        if (s.be != null) {
            s.be.counters().current.decrementAndGet();
        }
        s.front.flush();
        s.front.streamEnded(s, s.closeClient || error && !s.requestComplete);
    }

    /**
     * The timings of an exchange a server answered without error, added to the
     * backend's and server's time statistics (once, at the end of the stream).
     */
    private static void recordTimes(HttpStream s) {
        Server answered = s.dispatch.server();
        if (answered != null && s.applet == null && s.times.responseHead != StreamTimeline.NONE
                && s.cause == Termination.NONE) {
            long now = System.nanoTime();
            long tw = s.times.tw();
            long tc = s.times.tc();
            long tr = s.times.tResponse();
            long tt = s.times.tt(now);
            answered.counters().times.record(tw, tc, tr, tt);
            s.be.counters().times.record(tw, tc, tr, tt);
        }
    }

    /** Under {@code option contstats}: counts the bytes forwarded so far instead of waiting for the end. */
    static void countProgress(HttpStream s) {
        if (s.fe.contStats) {
            countBytes(s);
        }
    }

    /**
     * Adds the stream's bytes not counted yet to its frontend's, backend's and
     * server's counters (HAProxy's bytes in/out).
     */
    private static void countBytes(HttpStream s) {
        long in = s.bytesIn - s.countedIn;
        long out = s.bytesOut - s.countedOut;
        s.countedIn = s.bytesIn;
        s.countedOut = s.bytesOut;
        s.fe.counters().bytesIn.add(in);
        s.fe.counters().bytesOut.add(out);
        if (s.be != null) {
            s.be.counters().bytesIn.add(in);
            s.be.counters().bytesOut.add(out);
        }
        Server srv = s.dispatch.server();
        if (srv != null && s.headSent) {
            srv.counters().bytesIn.add(in);
            srv.counters().bytesOut.add(out);
        }
    }

    private static void publishRecord(HttpStream s) {
        if (s.rt.observers.isEmpty()) {
            return;
        }
        s.rt.publish(record(s, System.nanoTime()));
    }

    /** What is known about the stream at {@code now}. */
    static StreamRecord record(HttpStream s, long now) {
        String backendName = s.be != null ? s.be.name() : s.fe.name();
        StreamTimeline t = s.times;
        Server designated = StreamPersistence.designatedServer(s);
        String serverName = s.applet != null ? s.applet.logName() : designated != null ? designated.name()
                : s.dispatch.logName(t.connectStart != StreamTimeline.NONE);
        String version = s.req.version();
        String term = Termination.state(s.cause, s.phase, StreamPersistence.cookieFlag(s),
                StreamPersistence.setCookieFlag(s));
        ServerDispatch d = s.dispatch;
        return new StreamRecord(s.context().clientAddress(), s.front.localAddress(), s.fe.name(), backendName,
                serverName, t.acceptEpochMillis, t.requestEpochMillis, 0, t.ti(), t.tr(), t.tw(), t.tc(),
                t.tResponse(), t.ta(now), t.tt(now), s.status, s.bytesOut, s.bytesIn,
                term, s.rt.actconn(), s.fe.counters().current.get(), s.be != null ? s.be.counters().current.get() - 1 : 0,
                d.otherServed(), d.retries(), d.redispatched(), d.srvQueuePos(), d.beQueuePos(), null,
                s.requestMethod, s.requestUri, version, s.serverAddr, s.backendSrc, s.uniqueId,
                s.requestId, s.context());
    }
}
