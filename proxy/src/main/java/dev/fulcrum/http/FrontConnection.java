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
import java.util.concurrent.TimeUnit;

/**
 * A client connection of an HTTP frontend. It reads request heads (with HAProxy's
 * limits and its raw 400/408 answers), hands each request to an
 * {@link HttpStream}, pumps the request body to it with back-pressure, writes what
 * the stream sends back, and keeps the connection alive between requests
 * (pipelined requests wait in the input buffer until the previous response ends).
 */
final class FrontConnection extends ChannelInboundHandlerAdapter {

    private static final long NONE = -1;
    /** Input kept while a stream can't take it (pipelined requests, early body bytes). */
    private static final int INPUT_HIGH_WATER = 64 * 1024;

    private final Frontend fe;
    private final HttpRuntime rt;
    private final BindInfo bind;
    /** Waiting for the PROXY header ({@code accept-proxy}, {@code expect-proxy}); {@code null} otherwise. */
    private ProxyHeaderHandler proxyHandler;
    /** The PROXY header received, or {@code null} ({@code fc_rcvd_proxy}, {@code fc_pp_*}, {@code send-proxy}). */
    private ProxyHeader proxyHeader;
    private boolean expectProxy;
    private ChannelHandlerContext ctx;
    private Channel ch;
    private InetSocketAddress remote;
    private InetSocketAddress local;

    private ByteBuf in;
    private int scanFrom;
    private final H1BodyFramer reqFramer = new H1BodyFramer();
    private final H1Head reqInfo = new H1Head();
    private HttpStream stream;
    private StreamContext context;
    private BackConnection preferred;
    private boolean bodyPending;
    private boolean tunnel;
    private boolean tunnelInputClosed;
    private boolean closing;
    private BackConnection owned;
    /** A stream that goes on after its client closed (see {@link HttpStream#onClientClosed}). */
    private HttpStream orphan;

    private boolean firstRequest = true;
    private long tAccept;
    private long acceptEpochMillis;
    private long tIdleStart;
    private long tRequestStart = NONE;
    private long requestEpochMillis;

    private ScheduledFuture<?> timer;

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
        rt.connectionRate.hit();
        fe.connectionOpened();
        if (fe.rules().hasConnectionRules() && fe.rules().connection(context()) == Verdict.REJECT) {
            reset();
            return;
        }
        ctx.fireChannelActive();
        if (bind.acceptProxy() || expectProxy) {
            // the PROXY header comes first; the session starts once it is read (haproxy's handshake)
            proxyHandler = new ProxyHeaderHandler(new ProxyHeaderHandler.Outcome() {
                @Override
                public void received(ProxyHeader header) {
                    proxyHeaderReceived(header);
                }

                @Override
                public void failed(ProxyError error, InetSocketAddress source) {
                    if (source != null) {
                        remote = source;
                    }
                    proxyHeaderFailed(error);
                }
            });
            ch.pipeline().addBefore(ctx.name(), "proxy-header", proxyHandler);
            armIdleTimer();
            return;
        }
        sessionStart();
    }

    /** tcp-request session rules, the "Connect from" log, the wait for the first request. */
    private void sessionStart() {
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
        armIdleTimer();
    }

    /** tcp-request connection/session reject: no response, no log line, and a reset as HAProxy sends. */
    private void reset() {
        ch.config().setOption(io.netty.channel.ChannelOption.SO_LINGER, 0);
        closing = true; // not a client gone before its request: nothing to log
        cancelTimer();
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

    private void proxyHeaderReceived(ProxyHeader header) {
        proxyHandler = null;
        proxyHeader = header;
        // as haproxy, the session (its accept date and timers) starts once the handshake is over
        tAccept = tIdleStart = System.nanoTime();
        acceptEpochMillis = System.currentTimeMillis();
        if (header.hasAddresses()) {
            remote = header.source();
            local = header.destination();
            if (context != null) {
                context.addressesChanged();
            }
        }
        sessionStart();
    }

    private void proxyHeaderFailed(ProxyError error) {
        proxyHandler = null;
        rt.hooks.connectionError(fe, remote, bind.name(), acceptEpochMillis, error.message());
        if (error == ProxyError.TIMEOUT) {
            closing = true; // haproxy just closes a connection that stayed silent...
            ch.close();
        } else {
            reset(); // ...and resets one that sent something else
        }
    }

    private static InetSocketAddress inet(SocketAddress a) {
        return a instanceof InetSocketAddress i ? i : null;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelTimer();
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
        } else if ((tRequestStart != NONE || firstRequest) && !closing && !probe()) {
            // the client went away in the middle of a request head, or before its first request
            // (haproxy logs both as CR--; option dontlognull drops the empty one), and counts it
            // as an invalid request answered 400
            fe.counters().requests.increment();
            fe.counters().requestErrors.increment();
            fe.counters().countResponse(400);
            badRequestRecord(400, Termination.CLIENT, Termination.PHASE_REQUEST, 0,
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
        if (evt instanceof ChannelInputShutdownEvent && tunnel) {
            tunnelInputClosed = true;
            HttpStream s = stream;
            if (s != null) {
                ResponseRelay.tunnelClientClosed(s);
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
        while (!closing && in != null && in.isReadable()) {
            HttpStream s = stream;
            if (s == null) {
                if (!readHead()) {
                    return;
                }
                continue;
            }
            if (bodyPending) {
                pumpRequestBody(s);
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

    /** Tries to read a request head; returns whether a stream was started. */
    private boolean readHead() {
        if (tRequestStart == NONE) {
            while (in.isReadable() && (in.getByte(in.readerIndex()) == '\r' || in.getByte(in.readerIndex()) == '\n')) {
                in.skipBytes(1); // empty lines before a request are ignored
            }
            if (!in.isReadable()) {
                return false;
            }
            tRequestStart = System.nanoTime();
            requestEpochMillis = System.currentTimeMillis();
            scanFrom = in.readerIndex();
            armIdleTimer();
        }
        int end = H1Parser.findHeadEnd(in, scanFrom);
        if (end < 0) {
            if (in.readableBytes() > rt.headLimits.rawBytes()) {
                rawError(400, Termination.PROXY, Termination.PHASE_REQUEST);
            } else {
                scanFrom = Math.max(in.readerIndex(), in.writerIndex() - 3);
            }
            return false;
        }
        int len = end - in.readerIndex();
        if (len > rt.headLimits.rawBytes()) {
            rawError(400, Termination.PROXY, Termination.PHASE_REQUEST);
            return false;
        }
        byte[] scratch = LoopContext.current().scratch(len);
        in.getBytes(in.readerIndex(), scratch, 0, len);
        HttpRequestHead head;
        try {
            head = H1Parser.parseRequest(scratch, len, reqInfo);
        } catch (H1ParseError e) {
            rawError(e.status(), Termination.PROXY, Termination.PHASE_REQUEST);
            return false;
        }
        if (!rt.headLimits.accepts(HtxSize.head(head.method(), head.uri(), head.version(), head.headers()),
                head.headers().size())) {
            rawError(400, Termination.PROXY, Termination.PHASE_REQUEST);
            return false;
        }
        in.skipBytes(len);
        scanFrom = in.readerIndex();
        cancelTimer();
        H1Head info = copyOf(reqInfo);
        HttpStream s = new HttpStream(this, head, info, firstRequest, tAccept, firstRequest ? tAccept : tIdleStart,
                tRequestStart, acceptEpochMillis, requestEpochMillis);
        stream = s;
        tRequestStart = NONE;
        reqFramer.start(info.framing, info.contentLength);
        bodyPending = !reqFramer.done();
        if (!bodyPending) {
            RequestForwarding.requestBodyComplete(s);
        }
        s.start();
        return stream == s || stream == null && !closing;
    }

    private static H1Head copyOf(H1Head h) {
        H1Head c = new H1Head();
        c.framing = h.framing;
        c.contentLength = h.contentLength;
        c.connectionClose = h.connectionClose;
        c.connectionKeepAlive = h.connectionKeepAlive;
        c.connectionUpgrade = h.connectionUpgrade;
        c.ambiguousLength = h.ambiguousLength;
        c.http11 = h.http11;
        c.wireLength = h.wireLength;
        return c;
    }

    /** Sends the stream the request body bytes at hand, as far as the server takes them. */
    void pumpRequestBody(HttpStream s) {
        if (s != stream || !bodyPending) {
            return;
        }
        if (!RequestForwarding.canTakeRequestData(s)) {
            if (RequestBodyWait.bufferingBody(s)) {
                RequestBodyWait.bodyArrived(s); // may go on with the request, and pump the body from there
                return;
            }
            if (in != null && in.readableBytes() > INPUT_HIGH_WATER) {
                ch.config().setAutoRead(false);
            }
            s.waitingForRequestBody();
            return;
        }
        try {
            while (in != null && in.isReadable() && !reqFramer.done()) {
                int n = reqFramer.scan(in, 400);
                if (n == 0) {
                    break;
                }
                RequestForwarding.forwardRequestData(s, in.readRetainedSlice(n));
                if (!RequestForwarding.serverWritable(s)) {
                    ch.config().setAutoRead(false);
                    RequestForwarding.flushToServer(s);
                    return;
                }
            }
        } catch (H1ParseError e) {
            StreamEnd.failMalformedBody(s, 400);
            return;
        }
        if (reqFramer.done()) {
            bodyPending = false;
            RequestForwarding.requestBodyComplete(s);
        } else {
            s.waitingForRequestBody();
        }
        RequestForwarding.flushToServer(s);
        ch.config().setAutoRead(true);
    }

    /**
     * The raw request body bytes received and not forwarded yet (from the reader
     * index, possibly followed by a pipelined request), for a stream that looks at
     * its body before forwarding it; {@code null} when there are none.
     */
    ByteBuf pendingBody(HttpStream s) {
        return s == stream && bodyPending ? in : null;
    }

    /**
     * Before answering a request locally (a rule's deny, return, redirect): drops
     * the request body when all of it has already arrived, so that the connection
     * can stay open as HAProxy keeps it. Returns whether the body is now consumed.
     */
    boolean discardBufferedBody(HttpStream s) {
        if (s != stream || !bodyPending) {
            return !bodyPending;
        }
        try {
            while (in != null && in.isReadable() && !reqFramer.done()) {
                int n = reqFramer.scan(in, 400);
                if (n == 0) {
                    break;
                }
                in.skipBytes(n);
            }
        } catch (H1ParseError e) {
            return false;
        }
        if (reqFramer.done()) {
            bodyPending = false;
            return true;
        }
        return false;
    }

    // ------------------------------------------------------------------ end of a stream

    void streamEnded(HttpStream s, boolean close) {
        if (s == orphan) {
            orphan = null;
            if (context != null) {
                context.stickSessionEnded();
            }
            rt.actconn.decrementAndGet();
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
                closeDrainingInput();
            } else {
                closeAfterFlush();
            }
            return;
        }
        firstRequest = false;
        tIdleStart = System.nanoTime();
        tRequestStart = NONE;
        armIdleTimer();
        ch.config().setAutoRead(true);
        if (in != null && in.isReadable()) {
            loop().execute(this::process); // next pipelined request, after the current call unwinds
        }
    }

    void startTunnel(HttpStream s) {
        tunnel = true;
        cancelTimer();
        if (in != null && in.isReadable()) {
            ResponseRelay.forwardTunnelData(s, in.readRetainedSlice(in.readableBytes()));
        }
        ch.config().setAutoRead(true);
    }

    boolean tunnelInputClosed() {
        return tunnelInputClosed;
    }

    void shutdownTunnelOutput() {
        closeAfterFlush();
    }

    private void closeAfterFlush() {
        closing = true;
        cancelTimer();
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    /**
     * Closes while the client is still sending a request body nobody will read
     * (a rule answered first). Closing at once would make the kernel reset the
     * connection, and a reset can destroy the response before the client reads
     * it; so, as HAProxy does, the output is shut after the response and what the
     * client still sends is read and dropped until it closes, or until the client
     * timeout.
     */
    private void closeDrainingInput() {
        closing = true; // channelRead drops what arrives from now on
        cancelTimer();
        if (in != null) {
            in.skipBytes(in.readableBytes());
        }
        if (!(ch instanceof io.netty.channel.socket.DuplexChannel d)) {
            closeAfterFlush();
            return;
        }
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(done -> {
            if (!done.isSuccess() || !ch.isActive()) {
                ch.close();
                return;
            }
            d.shutdownOutput();
            ch.config().setAutoRead(true);
            long linger = fe.timeoutClient > 0 ? fe.timeoutClient : 5000;
            ch.eventLoop().schedule(() -> {
                ch.close();
            }, linger, TimeUnit.MILLISECONDS);
        });
    }

    // ------------------------------------------------------------------ early errors and idle timeouts

    /** Answers an error before any stream exists, exactly as HAProxy does, and closes. */
    private void rawError(int status, char cause, char phase) {
        ErrorPages.Page page = ErrorPages.get(status);
        byte[] bytes = page.raw();
        fe.counters().requests.increment();
        fe.counters().requestErrors.increment();
        fe.counters().countResponse(status);
        badRequestRecord(status, cause, phase, 0, in != null ? in.readableBytes() : 0);
        tRequestStart = NONE;
        ctx.write(Unpooled.wrappedBuffer(bytes), ctx.voidPromise());
        closeAfterFlush();
    }

    private void badRequestRecord(int status, char cause, char phase, long bytesOut, long bytesIn) {
        long requestId = rt.nextRequestId(); // counted as a request whether or not anybody logs it
        if (context != null) {
            context.stickBadRequest(); // haproxy counts a request and an error, even for an empty connection
        }
        if (rt.observers.isEmpty()) {
            return;
        }
        rt.publish(connectionRecord(status, String.valueOf(cause) + phase + "--", bytesOut, bytesIn, "<BADREQ>",
                requestId));
    }

    /**
     * The {@code %} variables as they stand now for rules that run before any
     * stream exists ({@code tcp-request connection|session} rules' formats).
     */
    LogVariables variables() {
        return rt.hooks.variables(fe, connectionRecord(-1, "----", 0, 0, null, 0));
    }

    /** What is known of the connection itself, when no stream (or a failed one) is there to say more. */
    private StreamRecord connectionRecord(int status, String termination, long bytesOut, long bytesIn,
                                          String requestLine, long requestId) {
        long now = System.nanoTime();
        long start = firstRequest ? tAccept : tIdleStart;
        long ta = TimeUnit.NANOSECONDS.toMillis(now - (tRequestStart != NONE ? tRequestStart : start));
        long tt = TimeUnit.NANOSECONDS.toMillis(now - start);
        return new StreamRecord(remote, local, fe.name(), fe.name(), "<NOSRV>", acceptEpochMillis,
                tRequestStart != NONE ? requestEpochMillis : acceptEpochMillis, 0, -1, -1, -1, -1, -1, ta, tt,
                status, bytesOut, bytesIn, termination, rt.actconn(),
                fe.counters().current.get(), 0, 0, 0, false, 0, 0, requestLine, null, null, null, null, null, null,
                requestId, null);
    }

    /** Arms the timer for the wait before a request (or for the rest of its head). */
    private void armIdleTimer() {
        long timeout;
        long from;
        if (proxyHandler != null) {
            timeout = fe.timeoutClient; // the handshake is bounded by the client timeout, as haproxy's embryonic sessions
            from = tAccept;
        } else if (tRequestStart != NONE) {
            timeout = fe.timeoutHttpRequest > 0 ? fe.timeoutHttpRequest : fe.timeoutClient;
            from = firstRequest ? tAccept : tRequestStart;
        } else if (firstRequest) {
            timeout = fe.timeoutHttpRequest > 0 ? fe.timeoutHttpRequest : fe.timeoutClient;
            from = tAccept;
        } else {
            timeout = fe.timeoutHttpKeepAlive > 0 ? fe.timeoutHttpKeepAlive
                    : fe.timeoutHttpRequest > 0 ? fe.timeoutHttpRequest : fe.timeoutClient;
            from = tIdleStart;
        }
        cancelTimer();
        if (timeout <= 0) {
            return;
        }
        long delay = from + TimeUnit.MILLISECONDS.toNanos(timeout) - System.nanoTime();
        timer = loop().schedule(this::idleTimeout, Math.max(0, delay), TimeUnit.NANOSECONDS);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void idleTimeout() {
        timer = null;
        if (stream != null || closing) {
            return;
        }
        if (proxyHandler != null) {
            proxyHeaderFailed(ProxyError.TIMEOUT);
            return;
        }
        if (tRequestStart == NONE && !firstRequest) {
            closeAfterFlush(); // an idle keep-alive connection just goes away, unlogged
            return;
        }
        if (probe()) {
            closeAfterFlush(); // a browser's pre-connect: no 408, no log line, no error
            return;
        }
        rawError(408, Termination.CLIENT_TIMEOUT, Termination.PHASE_REQUEST);
    }

    /** Under {@code option http-ignore-probes}: whether this connection never sent a byte. */
    private boolean probe() {
        return fe.ignoreProbes && firstRequest && tRequestStart == NONE && (in == null || !in.isReadable());
    }
}
