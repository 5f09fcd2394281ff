package dev.fulcrum.http;

import dev.fulcrum.action.Verdict;
import dev.fulcrum.frontend.Frontend;
import dev.fulcrum.proxyprotocol.ProxyError;
import dev.fulcrum.proxyprotocol.ProxyHeader;
import dev.fulcrum.proxyprotocol.ProxyHeaderHandler;
import dev.fulcrum.logformat.LogVariables;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.concurrent.ScheduledFuture;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * A client connection of an HTTP frontend. It reads request heads (with HAProxy's
 * limits and its raw 400/408 answers), hands each request to an
 * {@link HttpStream}, pumps the request body to it with back-pressure, writes what
 * the stream sends back, and keeps the connection alive between requests
 * (pipelined requests wait in the input buffer until the previous response ends).
 */
final class FrontConnection extends ChannelInboundHandlerAdapter {

    static final long NONE = -1;
    /** Input kept while a stream can't take it (pipelined requests, early body bytes). */
    static final int INPUT_HIGH_WATER = 64 * 1024;

    final Frontend fe;
    final HttpRuntime rt;
    final BindInfo bind;
    /** Waiting for the PROXY header ({@code accept-proxy}, {@code expect-proxy}); {@code null} otherwise. */
    ProxyHeaderHandler proxyHandler;
    /** The PROXY header received, or {@code null} ({@code fc_rcvd_proxy}, {@code fc_pp_*}, {@code send-proxy}). */
    ProxyHeader proxyHeader;
    boolean expectProxy;
    ChannelHandlerContext ctx;
    Channel ch;
    InetSocketAddress remote;
    InetSocketAddress local;

    ByteBuf in;
    int scanFrom;
    final H1BodyFramer reqFramer = new H1BodyFramer();
    final H1Head reqInfo = new H1Head();
    HttpStream stream;
    StreamContext context;
    BackConnection preferred;
    boolean bodyPending;
    boolean tunnel;
    boolean tunnelInputClosed;
    /** The client half-closed: requests already received are served, then the connection closes. */
    private boolean inputClosed;
    boolean closing;
    BackConnection owned;
    /** A stream that goes on after its client closed (see {@link HttpStream#onClientClosed}). */
    HttpStream orphan;

    boolean firstRequest = true;
    long tAccept;
    long acceptEpochMillis;
    long tIdleStart;
    long tRequestStart = NONE;
    long requestEpochMillis;

    ScheduledFuture<?> timer;

    FrontConnection(Frontend fe, HttpRuntime rt, BindInfo bind) {
        this.fe = fe;
        this.rt = rt;
        this.bind = bind;
    }

    Frontend frontend() {
        return fe;
    }

    HttpRuntime runtime() {
        return rt;
    }

    EventLoop loop() {
        return ch.eventLoop();
    }

    ByteBufAllocator alloc() {
        return ctx.alloc();
    }

    InetSocketAddress clientAddress() {
        return remote;
    }

    InetSocketAddress localAddress() {
        return local;
    }

    /** The sample context of this connection's streams, created on first use. */
    StreamContext context() {
        StreamContext c = context;
        if (c == null) {
            c = context = new StreamContext(this);
        }
        return c;
    }

    /** The pooled connection that carried this client's last request, or {@code null}. */
    BackConnection preferred() {
        return preferred;
    }

    void preferred(BackConnection c) {
        preferred = c;
    }

    void forgetPreferred(BackConnection c) {
        if (preferred == c) {
            preferred = null;
        }
    }

    /** The connection private to this client ({@code http-reuse never}), or {@code null}. */
    BackConnection ownedConnection() {
        return owned;
    }

    void ownedConnection(BackConnection c) {
        owned = c;
    }

    boolean isWritable() {
        return ch.isWritable();
    }

    void write(ByteBuf data) {
        ctx.write(data, ctx.voidPromise());
    }

    void flush() {
        ctx.flush();
    }

    // ------------------------------------------------------------------ lifecycle

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.ch = ctx.channel();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        tAccept = tIdleStart = System.nanoTime();
        acceptEpochMillis = System.currentTimeMillis();
        remote = inet(ch.remoteAddress());
        local = inet(ch.localAddress());
        rt.actconn.incrementAndGet();
        bind.connections().incrementAndGet();
        rt.connectionRate.hit();
        fe.connectionOpened();
        if (fe.rules().hasConnectionRules() && fe.rules().connection(context()) == Verdict.REJECT) {
            reset();
            return;
        }
        ctx.fireChannelActive();
        if (bind.acceptProxy() || expectProxy) {
            // the PROXY header comes first; the session starts once it is read (haproxy's handshake)
            ProxyHandshake.start(this);
            IdleConnection.armIdleTimer(this);
            return;
        }
        sessionStart();
    }

    /** tcp-request session rules, the "Connect from" log, the wait for the first request. */
    void sessionStart() {
        if (fe.rules().hasSessionRules() && fe.rules().session(context()) == Verdict.REJECT) {
            if (proxyHeader != null) {
                // rejected at the end of a handshake: haproxy logs the embryonic session, with no error
                rt.hooks.connectionError(fe, remote, bind.name(), acceptEpochMillis, "Success");
            }
            reset();
            return;
        }
        if (context != null) {
            context.stickSessionStarted();
        }
        rt.hooks.accepted(fe, remote, local); // a rejected connection is not logged
        IdleConnection.armIdleTimer(this);
    }

    /** tcp-request connection/session reject: no response, no log line, and a reset as HAProxy sends. */
    void reset() {
        ch.config().setOption(io.netty.channel.ChannelOption.SO_LINGER, 0);
        closing = true; // not a client gone before its request: nothing to log
        IdleConnection.cancelTimer(this);
        ch.close();
    }

    /** {@code tcp-request connection expect-proxy layer4}: this connection starts with a PROXY header. */
    void expectProxyHeader() {
        expectProxy = true;
    }

    /** The PROXY header received on this connection, or {@code null}. */
    ProxyHeader proxyHeader() {
        return proxyHeader;
    }

    private static InetSocketAddress inet(SocketAddress a) {
        return a instanceof InetSocketAddress i ? i : null;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        IdleConnection.cancelTimer(this);
        if (proxyHandler != null && !closing) {
            closing = true; // gone during the handshake: haproxy logs why, not a request
            rt.hooks.connectionError(fe, remote, bind.name(), acceptEpochMillis, ProxyError.EMPTY.message());
        }
        HttpStream s = stream;
        stream = null;
        boolean streamGoesOn = false;
        if (s != null) {
            streamGoesOn = s.onClientClosed();
            if (streamGoesOn) {
                orphan = s; // still counted as a connection until it ends, as haproxy counts it
            }
        } else if ((tRequestStart != NONE || firstRequest) && !closing && !IdleConnection.probe(this)) {
            // the client went away in the middle of a request head, or before its first request
            // (haproxy logs both as CR--; option dontlognull drops the empty one), and counts it
            // as an invalid request answered 400
            fe.counters().requests.increment();
            fe.counters().requestErrors.increment();
            fe.counters().countResponse(400);
            IdleConnection.badRequestRecord(this, 400, Termination.CLIENT, Termination.PHASE_REQUEST, 0,
                    in != null ? in.readableBytes() : 0);
        }
        if (owned != null) {
            owned.close(); // private to this client: nobody else may use it
            owned = null;
        }
        if (preferred != null) {
            preferred.clientGone(this); // it stays pooled for other clients
            preferred = null;
        }
        if (in != null) {
            in.release();
            in = null;
        }
        if (context != null && !streamGoesOn) {
            context.stickSessionEnded();
        }
        if (!streamGoesOn) {
            rt.actconn.decrementAndGet();
            bind.connections().decrementAndGet();
            fe.connectionClosed();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf data = (ByteBuf) msg;
        if (closing) {
            data.release();
            return;
        }
        if (tunnel) {
            if (stream != null) {
                ResponseRelay.forwardTunnelData(stream, data);
            } else {
                data.release();
            }
            return;
        }
        in = BackConnection.cumulate(in, data, ctx);
        process();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (in != null && !in.isReadable()) {
            in.release();
            in = null;
            scanFrom = 0;
        }
        HttpStream s = stream;
        if (s != null) {
            RequestForwarding.flushToServer(s);
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            HttpStream s = stream;
            if (tunnel) {
                tunnelInputClosed = true;
                if (s != null) {
                    ResponseRelay.tunnelClientClosed(s);
                }
            } else if (closing) {
                ctx.close(); // already on its way out (draining an unread body): the client is done too
            } else {
                inputClosed = true;
                if (s == null) {
                    IdleConnection.inputEnded(this);
                } else if (bodyPending ? in == null || !in.isReadable() : !s.onClientHalfClosed()) {
                    // in the middle of a request body: as if the client had gone (a body already
                    // received in full is still forwarded, and the pump decides once it is read)
                    ctx.close();
                }
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        HttpStream s = stream;
        if (s != null) {
            ResponseRelay.onClientWritabilityChanged(s, ch.isWritable());
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close(); // resets and the like; channelInactive does the accounting
    }

    // ------------------------------------------------------------------ input

    private void process() {
        processInput();
        if (inputClosed && stream == null && !closing && !tunnel) {
            IdleConnection.inputEnded(this);
        }
    }

    private void processInput() {
        while (!closing && in != null && in.isReadable()) {
            HttpStream s = stream;
            if (s == null) {
                if (!RequestHeadReader.read(this)) {
                    return;
                }
                continue;
            }
            if (bodyPending) {
                RequestBodyPump.pumpRequestBody(this, s);
                if (bodyPending) {
                    // a stream waiting for its body keeps reading: the wait ends at a buffer's worth
                    if (in != null && in.readableBytes() > INPUT_HIGH_WATER && !RequestBodyWait.bufferingBody(s)) {
                        ch.config().setAutoRead(false);
                    }
                    return;
                }
                continue;
            }
            // a pipelined request waits for the current response to end
            if (in.readableBytes() > INPUT_HIGH_WATER) {
                ch.config().setAutoRead(false);
            }
            return;
        }
    }

    // ------------------------------------------------------------------ end of a stream

    void streamEnded(HttpStream s, boolean close) {
        if (s == orphan) {
            orphan = null;
            if (context != null) {
                context.stickSessionEnded();
            }
            rt.actconn.decrementAndGet();
            bind.connections().decrementAndGet();
            fe.connectionClosed();
            return;
        }
        if (s != stream) {
            return;
        }
        stream = null;
        if (context != null) {
            context.unbind();
        }
        boolean unread = bodyPending;
        if (bodyPending || tunnel) {
            close = true; // unread request body: the next request's start can't be found
        }
        bodyPending = false;
        if (close || rt.stopping()) {
            if (unread) {
                RequestBodyPump.closeDrainingInput(this);
            } else {
                closeAfterFlush();
            }
            return;
        }
        firstRequest = false;
        tIdleStart = System.nanoTime();
        tRequestStart = NONE;
        IdleConnection.armIdleTimer(this);
        ch.config().setAutoRead(true);
        if (in != null && in.isReadable() || inputClosed) {
            loop().execute(this::process); // next pipelined request, after the current call unwinds
        }
    }

    void startTunnel(HttpStream s) {
        tunnel = true;
        IdleConnection.cancelTimer(this);
        if (in != null && in.isReadable()) {
            ResponseRelay.forwardTunnelData(s, in.readRetainedSlice(in.readableBytes()));
        }
        ch.config().setAutoRead(true);
    }

    /** Whether the client half-closed its side of a non-tunnel connection. */
    boolean inputClosed() {
        return inputClosed;
    }

    boolean tunnelInputClosed() {
        return tunnelInputClosed;
    }

    void shutdownTunnelOutput() {
        closeAfterFlush();
    }

    void closeAfterFlush() {
        closing = true;
        IdleConnection.cancelTimer(this);
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    // ------------------------------------------------------------------ before any stream (see IdleConnection)

    /**
     * The {@code %} variables as they stand now for rules that run before any
     * stream exists ({@code tcp-request connection|session} rules' formats).
     */
    LogVariables variables() {
        return rt.hooks.variables(fe, IdleConnection.connectionRecord(this, -1, "----", 0, 0, null, 0));
    }
}
