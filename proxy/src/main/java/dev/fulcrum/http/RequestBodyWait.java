package dev.fulcrum.http;


/**
 * The request body held back for rules before it is forwarded: {@code option
 * http-buffer-request} and {@code http-request wait-for-body}, the 100-continue
 * answered on the client's behalf, the wait's timeout (408, {@code cR}), and the
 * body that {@code req.body} fetches read.
 *
 * <p>A step of {@link HttpStream}, as HAProxy's analysers are functions of a
 * stream: stateless, so that no object is made per request for it; the body and
 * where processing resumes live in the stream.
 */
final class RequestBodyWait {

    private RequestBodyWait() {
    }

    /** {@code option http-buffer-request}: whether the body is there; if not, waits (at most {@code timeout}) then goes on at {@code then}. */
    static boolean bufferBody(HttpStream s, long timeout, HttpStream.Stage then) {
        if (waitForBody(s, timeout, 0)) {
            return true;
        }
        awaitBody(s, then);
        return false;
    }

    /**
     * Whether the request body is there as far as asked (see
     * {@link dev.fulcrum.action.HttpTxn#waitForBody}). The first time, an
     * {@code Expect: 100-continue} is answered here, as HAProxy does, so the
     * client sends the body the rules wait for.
     */
    static boolean waitForBody(HttpStream s, long timeMillis, long atLeast) {
        RequestBodyBuffer b = bodyBuffer(s);
        if (b == null) {
            return true;
        }
        String expect = s.reqInfo.http11 ? s.req.headers().get("expect") : null;
        if (expect != null && expect.equalsIgnoreCase("100-continue")) {
            s.req.headers().remove("expect");
            HttpResponseHead head = new HttpResponseHead(H1Parser.HTTP_1_1, 100, "Continue", new HttpHeaders(0));
            s.bytesOut += HtxSize.response(head);
            s.front.write(H1Writer.response(s.front.alloc(), head));
            s.front.flush();
        }
        if (b.satisfies(atLeast)) {
            return true;
        }
        b.terms(timeMillis, atLeast);
        return false;
    }

    /** The body buffer, brought up to date with the input; {@code null} without a body or once it is being forwarded. */
    private static RequestBodyBuffer bodyBuffer(HttpStream s) {
        if (s.headSent || !s.reqInfo.hasBody() || "CONNECT".equals(s.req.method())) {
            return s.body;
        }
        if (s.body == null) {
            s.body = new RequestBodyBuffer(s.reqInfo, HtxSize.bodyRoom(s.req, s.rt.headLimits.rawBytes(),
                    s.reqInfo.framing == H1Head.Framing.CHUNKED));
        }
        s.body.absorb(RequestBodyPump.pendingBody(s.front, s));
        return s.body;
    }

    static void awaitBody(HttpStream s, HttpStream.Stage then) {
        s.resumeAt = then;
        s.body.await(s.loop, () -> bodyWaitExpired(s)); // only while a wait is armed, not per request
        s.clock.awaitClient(); // the client timeout applies between the body's packets
    }

    /** Whether the stream holds its processing until more of the body arrives. */
    static boolean bufferingBody(HttpStream s) {
        return s.body != null && s.body.waiting() && !s.finished;
    }

    /** More body bytes arrived while waiting for them: goes on once the wait is over. */
    static void bodyArrived(HttpStream s) {
        s.clock.clientActivity();
        bodyBuffer(s);
        if (s.body.waitOver()) {
            s.body.stopWaiting();
            s.clock.clientDone();
            s.times.headEnd = System.nanoTime(); // haproxy's TR covers the wait
            HttpStream.Stage then = s.resumeAt;
            s.resumeAt = null;
            if (then == HttpStream.Stage.FRONTEND_RULES) {
                s.frontendRules();
            } else {
                s.backendRules();
            }
        }
    }

    /** The wait's time (or the client timeout) ran out: 408, logged as cR with no TR, as haproxy 2.6. */
    static void bodyWaitExpired(HttpStream s) {
        if (s.finished || s.body == null || !s.body.waiting()) {
            return;
        }
        s.body.stopWaiting();
        s.times.headEnd = StreamTimeline.NONE;
        s.fe.counters().requestErrors.increment();
        for (String[] h : s.errorPage(408).headers()) {
            if (h[0].equalsIgnoreCase("connection")) {
                s.bytesOut += h[0].length() + h[1].length(); // haproxy counts the page's own Connection field here
            }
        }
        StreamEnd.fail(s, 408, Termination.CLIENT_TIMEOUT, Termination.PHASE_REQUEST);
    }

    /** {@code req.body}: the body held so far, or {@code null}. */
    static java.nio.ByteBuffer requestBody(HttpStream s) {
        RequestBodyBuffer b = bodyBuffer(s);
        return b == null ? null : b.view();
    }

    /** {@code req.body_size}, or -1 when no body was looked at. */
    static long requestBodySize(HttpStream s) {
        RequestBodyBuffer b = bodyBuffer(s);
        return b == null ? -1 : b.advertisedSize();
    }
}
