package dev.fulcrum.http;

import dev.fulcrum.action.Verdict;
import dev.fulcrum.server.Server;
import io.netty.buffer.ByteBuf;

/**
 * The server's answer relayed to the client: interim responses, the head through
 * http-response and http-after-response rules, the body with back-pressure, the
 * end of the exchange (the server connection pooled or closed), a tunnel after an
 * upgrade, and a server that fails or closes early.
 *
 * <p>A step of {@link HttpStream}, stateless: the stream holds what the relay
 * needs between events.
 */
final class ResponseRelay {

    private ResponseRelay() {
    }

    /** An {@code early-hint} rule: one 103 response per rule, as haproxy 2.6 sends them (none to HTTP/1.0 clients). */
    static void earlyHint(HttpStream s, String name, String value) {
        if (!s.reqInfo.http11 || s.responseStarted || s.finished) {
            return;
        }
        HttpHeaders h = new HttpHeaders(1);
        h.add(name, value);
        HttpResponseHead head = new HttpResponseHead(H1Parser.HTTP_1_1, 103, "Early Hints", h);
        s.bytesOut += HtxSize.response(head);
        s.front.write(H1Writer.response(s.front.alloc(), head));
        s.front.flush();
    }

    static void onInterimResponse(HttpStream s, HttpResponseHead head, H1Head info) {
        s.clock.serverActivity();
        ByteBuf out = H1Writer.response(s.front.alloc(), head);
        s.bytesOut += HtxSize.response(head);
        s.front.write(out);
        s.front.flush();
    }

    static void onResponseHead(HttpStream s, HttpResponseHead head, H1Head info, boolean upgrade) {
        long now = System.nanoTime();
        s.clock.serverActivity();
        s.times.responseHead = now;
        s.response = head;
        s.responseStarted = true;
        s.phase = Termination.PHASE_DATA;
        s.status = head.status();
        Server srv = s.dispatch.server();
        srv.counters().countResponse(s.status);
        srv.observed(dev.fulcrum.server.Observation.ofStatus(s.status));
        StreamContext c = s.context();
        c.stickResponse(s.status);
        StreamPersistence.stickResponse(s, c, srv);
        s.fe.rules().captureResponseHeaders(head.headers(), c.captures());
        if (responseRules(s, c)) {
            return; // the proxies count the reply that replaced it, the server its own status
        }
        s.be.counters().countResponse(s.status);
        s.fe.counters().countResponse(s.status);
        StreamPersistence.cookieResponse(s, head, srv);
        afterResponseRules(s, c);
        if (upgrade) {
            s.tunnel = true;
            s.closeClient = false;
        } else {
            if (s.rt.stopping() || s.clientGone) {
                s.closeClient = true; // soft stop or client gone: finish this exchange, then let the client go
            }
            if (!s.headRequest && info.framing == H1Head.Framing.UNTIL_CLOSE && s.status != 204 && s.status != 304) {
                s.closeClient = true; // the client learns the end of the body from the close
            }
            connectionHeader(s, head);
        }
        ByteBuf out = H1Writer.response(s.front.alloc(), head);
        s.bytesOut += HtxSize.response(head);
        s.front.write(out);
        if (s.tunnel) {
            s.front.flush();
            s.front.startTunnel(s);
        }
    }

    /**
     * The http-response rules, the backend's then the frontend's (HAProxy's
     * order). Returns whether they replaced the server's response with their own.
     */
    private static boolean responseRules(HttpStream s, StreamContext c) {
        Verdict v = s.be.rules().response(c);
        if ((v == Verdict.CONTINUE || v == Verdict.STOP) && s.be.config() != s.fe.config()) {
            v = s.fe.rules().response(c);
        }
        if (v == Verdict.CONTINUE || v == Verdict.STOP) {
            return false;
        }
        StreamEnd.releaseServerSide(s, true);
        if (v == Verdict.TARPIT) {
            v = Verdict.REPLY;
        }
        return s.ended(v, c, null);
    }

    /** The http-after-response rules on the response about to be sent: the backend's, then the frontend's. */
    static void afterResponseRules(HttpStream s, StreamContext c) {
        Verdict v = s.be != null ? s.be.rules().afterResponse(c) : Verdict.CONTINUE;
        if ((v == Verdict.CONTINUE || v == Verdict.STOP) && (s.be == null || s.be.config() != s.fe.config())) {
            s.fe.rules().afterResponse(c);
        }
    }

    static void onResponseData(HttpStream s, ByteBuf data) {
        s.clock.serverActivity();
        s.bytesOut += data.readableBytes();
        StreamEnd.countProgress(s);
        s.front.write(data);
        if (!s.clientGone && !s.front.isWritable()) {
            s.conn.setAutoRead(false);
            s.clock.awaitClient();
        }
    }

    static void flushToClient(HttpStream s) {
        s.front.flush();
    }

    static void onClientWritabilityChanged(HttpStream s, boolean writable) {
        s.clock.clientActivity();
        if (s.applet != null) {
            s.applet.writable(writable);
            return;
        }
        if (writable && s.conn != null) {
            s.conn.setAutoRead(true);
            if (s.requestComplete) {
                s.clock.clientDone();
            }
        }
    }

    static void onServerWritabilityChanged(HttpStream s, boolean writable) {
        s.clock.serverActivity();
        if (writable) {
            RequestBodyPump.pumpRequestBody(s.front, s);
        }
    }

    static void onResponseComplete(HttpStream s, BackConnection c) {
        s.clock.serverDone();
        if (!s.requestComplete && !s.finished) {
            // The server answered before the request body ended (an early 200, a 413...):
            // like HAProxy, keep forwarding the rest of the body, then end; a client that
            // stalls meanwhile hits the client timeout (cD).
            s.responseDone = true;
            s.clock.awaitClient();
            return;
        }
        endExchange(s, c);
    }

    static void endExchange(HttpStream s, BackConnection c) {
        if (c == null) {
            StreamEnd.finish(s, false);
            return;
        }
        if (s.conn == c) {
            s.conn = null;
        }
        boolean reusable = c.reusable() && s.mode() == ConnectionMode.KEEP_ALIVE && s.requestComplete;
        ServerConnections.release(s.front, s.be, c, reusable);
        if (!s.requestComplete) {
            s.closeClient = true; // the rest of the request body can't be forwarded anywhere
        }
        StreamEnd.finish(s, false);
    }

    static void onServerError(HttpStream s, H1ParseError e) {
        Server srv = s.dispatch.server();
        srv.counters().responseErrors.increment();
        srv.observed(dev.fulcrum.server.Observation.HTTP_HDRRSP);
        s.be.counters().responseErrors.increment();
        BackConnection c = s.conn;
        s.conn = null;
        if (c != null) {
            c.detach();
            c.close();
        }
        if (!s.responseStarted) {
            StreamEnd.fail(s, 502, Termination.PROXY, Termination.PHASE_HEADERS);
        } else {
            StreamEnd.abort(s, Termination.PROXY, Termination.PHASE_DATA);
        }
    }

    static void onServerClosed(HttpStream s, BackConnection c, boolean wasTunnel) {
        if (s.conn == c) {
            s.conn = null;
        }
        if (s.finished) {
            return;
        }
        if (wasTunnel) {
            s.front.shutdownTunnelOutput();
            if (s.front.tunnelInputClosed()) {
                StreamEnd.finish(s, false);
            }
            return;
        }
        Server srv = s.dispatch.server();
        if (!s.responseStarted) {
            if (!c.anyResponseByte() && c.uses() > 1 && !s.reqInfo.hasBody() && s.dispatch.mayRetry(1)) {
                // a reused idle connection the server closed just as we used it: replay on a fresh one
                srv.counters().retries.increment();
                RequestForwarding.connect(s);
                return;
            }
            srv.counters().serverAborts.increment();
            s.be.counters().serverAborts.increment();
            srv.observed(dev.fulcrum.server.Observation.HTTP_BROKEN_PIPE);
            StreamEnd.fail(s, 502, Termination.SERVER, Termination.PHASE_HEADERS);
        } else {
            srv.counters().serverAborts.increment();
            s.be.counters().serverAborts.increment();
            StreamEnd.abort(s, Termination.SERVER, Termination.PHASE_DATA);
        }
    }

    static void onServerTunnelData(HttpStream s, ByteBuf data) {
        s.clock.serverActivity();
        s.bytesOut += data.readableBytes();
        StreamEnd.countProgress(s);
        s.front.write(data);
        s.front.flush();
    }

    static void forwardTunnelData(HttpStream s, ByteBuf data) {
        s.clock.clientActivity();
        s.bytesIn += data.readableBytes();
        StreamEnd.countProgress(s);
        if (s.conn != null) {
            s.conn.write(data, true);
        } else {
            data.release();
        }
    }

    static void tunnelClientClosed(HttpStream s) {
        if (s.conn != null && s.conn.isOpen()) {
            s.conn.shutdownOutput();
        } else {
            StreamEnd.finish(s, false);
        }
    }

    /**
     * Says in the response whether the client connection stays open, the way
     * HAProxy's H1 output does: {@code close} when closing a 1.1 response,
     * {@code keep-alive} when keeping a 1.0 client or a 1.0 response alive.
     */
    static void connectionHeader(HttpStream s, HttpResponseHead head) {
        boolean response11 = H1Parser.HTTP_1_1.equals(head.version());
        if (s.closeClient) {
            if (response11) {
                head.headers().set("connection", "close");
            }
        } else if (!s.reqInfo.http11 || !response11) {
            head.headers().set("connection", "keep-alive");
        }
    }
}
