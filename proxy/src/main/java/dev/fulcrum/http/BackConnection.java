package dev.fulcrum.http;

import dev.fulcrum.server.Server;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * One HTTP/1 connection to a server. It is used by one stream at a time and
 * parked in its event loop's pool between streams. It parses response heads and
 * follows response framing, handing the stream the head and then raw body slices.
 */
final class BackConnection extends ChannelInboundHandlerAdapter {

    private enum State { CONNECTING, IDLE, WAITING_HEAD, BODY, TUNNEL, CLOSED }

    private final Server server;
    private final HeadLimits limits;
    private Channel channel;
    private HttpStream stream;
    private State state = State.CONNECTING;
    private ByteBuf in;
    private int scanFrom;
    private final H1Head info = new H1Head();
    private final H1BodyFramer framer = new H1BodyFramer();
    private boolean headRequest;
    /** The request is a CONNECT: a 2xx answer opens a tunnel, like a 101. */
    private boolean connectRequest;
    /** The request asked for an upgrade ({@code Connection: upgrade}): only then is a 101 valid. */
    private boolean upgradeRequest;
    private int uses;
    private boolean reusable = true;
    /** Whether any byte of a response was received for the current request. */
    private boolean anyResponseByte;
    /** While parked: the client whose last request it carried, which tries it first next time. */
    private FrontConnection lastClient;

    BackConnection(Server server, HeadLimits limits) {
        this.server = server;
        this.limits = limits;
    }

    /** Parked after serving {@code client}, which will prefer it for its next request. */
    void parkedFor(FrontConnection client) {
        lastClient = client;
        client.preferred(this);
    }

    /** No longer parked (taken, closed or purged): its last client stops pointing at it. */
    void leftPool() {
        if (lastClient != null) {
            lastClient.forgetPreferred(this);
            lastClient = null;
        }
    }

    /** Its last client closed: nobody prefers this connection any more. */
    void clientGone(FrontConnection client) {
        if (lastClient == client) {
            lastClient = null;
        }
    }

    Server server() {
        return server;
    }

    Channel channel() {
        return channel;
    }

    boolean isOpen() {
        return channel != null && channel.isActive() && state != State.CLOSED;
    }

    /** How many requests this connection carried, the current one included. */
    int uses() {
        return uses;
    }

    /** Whether the connection may go back to the pool after the current exchange. */
    boolean reusable() {
        return reusable && isOpen() && state == State.IDLE;
    }

    void markNotReusable() {
        reusable = false;
    }

    boolean anyResponseByte() {
        return anyResponseByte;
    }

    /** Starts serving a stream; the request head follows. */
    void attach(HttpStream s, boolean headRequest, boolean connectRequest, boolean upgradeRequest) {
        this.stream = s;
        this.headRequest = headRequest;
        this.connectRequest = connectRequest;
        this.upgradeRequest = upgradeRequest;
        this.uses++;
        this.anyResponseByte = false;
        this.state = State.WAITING_HEAD;
    }

    /** The stream is done with the connection (whatever its state). */
    void detach() {
        this.stream = null;
        if (state != State.CLOSED && state != State.IDLE) {
            reusable = false;
        }
        if (channel != null && !channel.config().isAutoRead()) {
            // paused for a slow client: an idle connection must read again, to see the server close it
            // and so that the next stream gets its response
            channel.config().setAutoRead(true);
        }
    }

    void write(ByteBuf data, boolean flush) {
        if (flush) {
            channel.writeAndFlush(data, channel.voidPromise());
        } else {
            channel.write(data, channel.voidPromise());
        }
    }

    void flush() {
        channel.flush();
    }

    boolean isWritable() {
        return channel.isWritable();
    }

    void setAutoRead(boolean on) {
        channel.config().setAutoRead(on);
    }

    /** Switches to raw byte forwarding in both directions (after a 101 response). */
    void tunnel() {
        state = State.TUNNEL;
        reusable = false;
    }

    void close() {
        state = State.CLOSED;
        if (channel != null) {
            channel.close();
        }
    }

    /** Half-closes toward the server after the client stopped sending (tunnels). */
    void shutdownOutput() {
        if (channel instanceof io.netty.channel.socket.DuplexChannel d) {
            d.shutdownOutput();
        } else {
            channel.close();
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.channel = ctx.channel();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        state = stream != null ? State.WAITING_HEAD : State.IDLE;
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf data = (ByteBuf) msg;
        if (stream == null || state == State.IDLE || state == State.CLOSED) {
            // a server must not talk on an idle connection: this one cannot be trusted any more
            data.release();
            reusable = false;
            close();
            return;
        }
        anyResponseByte = true;
        if (state == State.TUNNEL) {
            ResponseRelay.onServerTunnelData(stream, data);
            return;
        }
        in = cumulate(in, data, ctx);
        try {
            process();
        } catch (H1ParseError e) {
            reusable = false;
            HttpStream s = stream;
            if (s != null) {
                ResponseRelay.onServerError(s, e);
            }
        }
    }

    private void process() throws H1ParseError {
        while (in != null && in.isReadable() && stream != null) {
            if (state == State.WAITING_HEAD) {
                int end = H1Parser.findHeadEnd(in, scanFrom);
                if (end < 0) {
                    if (in.readableBytes() > limits.rawBytes()) {
                        throw new H1ParseError(502, in.readableBytes(), "response head too large");
                    }
                    scanFrom = Math.max(in.readerIndex(), in.writerIndex() - 3);
                    return;
                }
                int len = end - in.readerIndex();
                byte[] scratch = LoopContext.current().scratch(len);
                in.readBytes(scratch, 0, len);
                scanFrom = in.readerIndex();
                HttpResponseHead head = H1Parser.parseResponse(scratch, len, info);
                if (!limits.accepts(HtxSize.head(head.version(), "000", head.reason(), head.headers()),
                        head.headers().size())) {
                    throw new H1ParseError(502, 0, "response head too large");
                }
                int status = head.status();
                if (status < 200 && status != 101) {
                    ResponseRelay.onInterimResponse(stream, head, info);
                    continue;
                }
                if (status == 101 && !(upgradeRequest && info.connectionUpgrade)) {
                    // as haproxy: a switch nobody asked for, or that does not say so, is an invalid response
                    throw new H1ParseError(502, 0, "101 response without an upgrade on both sides");
                }
                if (status == 101 || connectRequest && status >= 200 && status < 300) {
                    ResponseRelay.onResponseHead(stream, head, info, true);
                    tunnel();
                    if (in.isReadable()) {
                        ByteBuf rest = in.readRetainedSlice(in.readableBytes());
                        ResponseRelay.onServerTunnelData(stream, rest);
                    }
                    return;
                }
                boolean noBody = headRequest || status == 204 || status == 304;
                H1Head.Framing framing = noBody ? H1Head.Framing.NONE : info.framing;
                if (framing == H1Head.Framing.CHUNKED && in.isReadable()) {
                    LoopContext.current().checkBufferedChunks(in, 502);
                }
                if (info.connectionClose || !info.http11 && !info.connectionKeepAlive
                        || framing == H1Head.Framing.UNTIL_CLOSE) {
                    reusable = false;
                }
                framer.start(framing, info.contentLength);
                state = State.BODY;
                HttpStream s = stream;
                ResponseRelay.onResponseHead(s, head, info, false);
                if (stream == null || state != State.BODY) {
                    return; // the stream gave up (client gone) or closed us
                }
                if (framer.done()) {
                    finishResponse();
                    continue;
                }
            }
            if (state == State.BODY) {
                int n = framer.scan(in, 502);
                if (n > 0) {
                    ResponseRelay.onResponseData(stream, in.readRetainedSlice(n));
                }
                if (framer.done() && stream != null) {
                    finishResponse();
                    continue;
                }
                return;
            }
            return;
        }
    }

    private void finishResponse() {
        state = State.IDLE;
        if (in != null && in.isReadable()) {
            reusable = false; // bytes after the response: the server is confused
        }
        HttpStream s = stream;
        stream = null;
        ResponseRelay.onResponseComplete(s, this);
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
            ResponseRelay.flushToClient(s);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        State was = state;
        state = State.CLOSED;
        reusable = false;
        if (in != null) {
            in.release();
            in = null;
        }
        HttpStream s = stream;
        stream = null;
        if (s != null) {
            if (was == State.BODY && framer.framing() == H1Head.Framing.UNTIL_CLOSE) {
                ResponseRelay.onResponseComplete(s, this);
            } else {
                ResponseRelay.onServerClosed(s, this, was == State.TUNNEL);
            }
        } else {
            LoopContext.current().pool(server).remove(this);
            leftPool();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        HttpStream s = stream;
        if (s != null) {
            ResponseRelay.onServerWritabilityChanged(s, ctx.channel().isWritable());
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // I/O errors (resets) surface as channelInactive right after; nothing else to do
        ctx.close();
    }

    static ByteBuf cumulate(ByteBuf cumulation, ByteBuf data, ChannelHandlerContext ctx) {
        if (cumulation == null || !cumulation.isReadable()) {
            if (cumulation != null) {
                cumulation.release();
            }
            return data;
        }
        if (cumulation.writableBytes() < data.readableBytes() || cumulation.refCnt() > 1
                || cumulation.isReadOnly()) {
            ByteBuf bigger = ctx.alloc().buffer(cumulation.readableBytes() + data.readableBytes());
            bigger.writeBytes(cumulation);
            cumulation.release();
            cumulation = bigger;
        }
        cumulation.writeBytes(data);
        data.release();
        return cumulation;
    }

    /** Releases the reference kept by a stream that is finished with the connection. */
    static final ChannelFutureListener CLOSE_ON_FAILURE = ChannelFutureListener.CLOSE_ON_FAILURE;
}
