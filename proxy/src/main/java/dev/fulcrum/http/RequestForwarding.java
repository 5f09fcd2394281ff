package dev.fulcrum.http;

import dev.fulcrum.server.Server;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;

import java.net.InetSocketAddress;

/**
 * The request's way to its server: connecting (or taking an idle connection),
 * the server's redirect prefix, retries of a failed connect, then the request
 * head and body sent on, with back-pressure from the server connection.
 *
 * <p>A step of {@link HttpStream}, stateless; the connection in use and the
 * timeline live in the stream.
 */
final class RequestForwarding {

    private RequestForwarding() {
    }

    /** Connects to the dispatched server, or takes an idle connection to it, then sends the request. */
    static void connect(HttpStream s) {
        s.phase = Termination.PHASE_CONNECT;
        Server srv = s.dispatch.server();
        HttpResponseHead redirect = s.dispatch.firstAttempt() ? ServerRedirect.of(srv, s.req.method(), s.req.uri()) : null;
        if (redirect != null) {
            s.closeClient = true; // haproxy closes after a server redirect
            StreamEnd.sendLocal(s, redirect, new byte[0], Termination.LOCAL, Termination.PHASE_CONNECT);
            return;
        }
        BackConnection reused = ServerConnections.reusable(s.front, s.be, srv);
        if (reused != null) {
            srv.counters().connectionReuses.increment();
            s.be.counters().connectionReuses.increment();
            s.conn = reused;
            s.times.connectStart = s.times.connectEnd = System.nanoTime();
            sendRequest(s);
            return;
        }
        InetSocketAddress address = srv.address();
        if (address == null) {
            InetSocketAddress dst = s.front.localAddress();
            address = new InetSocketAddress(dst.getAddress(), dst.getPort());
        }
        s.times.connectStart = System.nanoTime();
        srv.counters().connectAttempts.increment();
        s.be.counters().connectAttempts.increment();
        BackConnection c = new BackConnection(srv, s.rt.headLimits);
        s.conn = c;
        s.clock.connecting(s.times.connectStart, s.be.timeoutConnect);
        ChannelFuture f = ServerConnections.connect(s.loop, s.rt, s.be, c, address);
        f.addListener(done -> {
            if (s.conn != c) {
                c.close(); // we moved on (timeout or client gone)
                return;
            }
            s.clock.connectDone();
            if (s.finished) {
                c.close();
                return;
            }
            if (done.isSuccess()) {
                s.times.connectEnd = System.nanoTime();
                srv.observed(dev.fulcrum.server.Observation.L4_OK);
                int pp = ServerConnections.proxyVersion(srv);
                if (pp > 0) {
                    ServerConnections.sendProxyHeader(c, pp, s.context(), s.front, s.uniqueId);
                }
                sendRequest(s);
            } else {
                connectFailed(s, false);
            }
        });
    }

    static void connectFailed(HttpStream s, boolean timeout) {
        Server srv = s.dispatch.server();
        srv.observed(dev.fulcrum.server.Observation.L4_ERR);
        BackConnection c = s.conn;
        s.conn = null;
        if (c != null) {
            c.close();
        }
        srv.counters().connectionErrors.increment();
        if (s.dispatch.retryConnect()) {
            return;
        }
        s.be.counters().connectionErrors.increment();
        StreamEnd.fail(s, 503, timeout ? Termination.SERVER_TIMEOUT : Termination.SERVER, Termination.PHASE_CONNECT);
    }

    private static void sendRequest(HttpStream s) {
        if (!s.be.sendNameHeader.isEmpty()) {
            s.req.headers().set(s.be.sendNameHeader, s.dispatch.server().name());
        }
        s.conn.attach(s, s.headRequest, "CONNECT".equals(s.req.method()), s.reqInfo.connectionUpgrade);
        if (s.conn.channel() != null) {
            s.serverAddr = (InetSocketAddress) s.conn.channel().remoteAddress();
            s.backendSrc = (InetSocketAddress) s.conn.channel().localAddress();
        }
        s.conn.write(H1Writer.request(s.front.alloc(), s.req), false);
        s.headSent = true;
        s.phase = Termination.PHASE_HEADERS;
        s.clock.awaitServer();
        RequestBodyPump.pumpRequestBody(s.front, s);
        s.conn.flush();
    }

    /** Whether body bytes can be sent to the server right now. */
    static boolean canTakeRequestData(HttpStream s) {
        return s.headSent && s.conn != null && s.conn.isOpen() && !s.finished;
    }

    /** Whether the stream still needs the client's request body (it may be draining it after the response). */
    static boolean wantsRequestBody(HttpStream s) {
        return !s.finished && !s.requestComplete;
    }

    static boolean serverWritable(HttpStream s) {
        return s.conn != null && s.conn.isWritable();
    }

    static void forwardRequestData(HttpStream s, ByteBuf data) {
        s.bytesIn += data.readableBytes();
        StreamEnd.countProgress(s);
        s.clock.clientActivity();
        s.conn.write(data, false);
    }

    static void requestBodyComplete(HttpStream s) {
        s.requestComplete = true;
        s.clock.clientDone();
        if (s.conn != null) {
            s.conn.flush();
        }
        if (s.responseDone && !s.finished) {
            ResponseRelay.endExchange(s, s.conn);
        }
    }

    static void flushToServer(HttpStream s) {
        if (s.conn != null) {
            s.conn.flush();
        }
    }

    /** Client sent (part of) the request body while the server could not take it yet. */
    static void clientActivity(HttpStream s) {
        s.clock.clientActivity();
    }
}
