package dev.fulcrum.testing;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A real HTTP/1.1 server on 127.0.0.1 (Netty's own codec), used as a backend in
 * integration tests. By default it answers 200 with its name as the body and in
 * an {@code X-Server} header; a handler can be set to answer differently, and
 * request bodies are counted, not kept, so huge uploads are fine.
 */
public final class TestBackend implements AutoCloseable {

    /** What the backend does with a request whose body has been fully received. */
    @FunctionalInterface
    public interface Behavior {
        /** Answer on {@code ctx}; {@code bodyBytes} is the size of the request body. */
        void respond(TestBackend backend, ChannelHandlerContext ctx, HttpRequest request, long bodyBytes);
    }

    private static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());

    private final String name;
    private final Channel server;
    private volatile Behavior behavior = TestBackend::answerName;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong bodyBytes = new AtomicLong();
    private final List<HttpRequest> seen = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Channel> channels = new ConcurrentLinkedQueue<>();

    private TestBackend(String name, int port) throws InterruptedException {
        this.name = name;
        ServerBootstrap b = new ServerBootstrap().group(GROUP).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.incrementAndGet();
                        open.incrementAndGet();
                        channels.add(ch);
                        ch.closeFuture().addListener(f -> open.decrementAndGet());
                        ch.pipeline().addLast(new HttpServerCodec(8192, 65536, 65536),
                                new io.netty.handler.codec.http.HttpServerExpectContinueHandler(), new Handler());
                    }
                });
        this.server = b.bind(new InetSocketAddress("127.0.0.1", port)).sync().channel();
    }

    /** Starts a backend on an ephemeral port. */
    public static TestBackend start(String name) throws InterruptedException {
        return new TestBackend(name, 0);
    }

    public String name() {
        return name;
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** {@code 127.0.0.1:port}, for configurations. */
    public String address() {
        return "127.0.0.1:" + port();
    }

    public TestBackend behavior(Behavior b) {
        this.behavior = b;
        return this;
    }

    /**
     * Answers as soon as a request head arrives, before its body (servers that
     * refuse uploads early do this); the body is then read and discarded.
     */
    public TestBackend answerOnHead(HttpResponseStatus status, String text) {
        this.onHead = (ctx, req) -> respond(ctx, req, status, text);
        this.behavior = (b, ctx, req, body) -> { };
        return this;
    }

    private volatile java.util.function.BiConsumer<ChannelHandlerContext, HttpRequest> onHead;

    /** TCP connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    /** Connections currently open. */
    public int openConnections() {
        return open.get();
    }

    public int requests() {
        return requests.get();
    }

    public long bodyBytes() {
        return bodyBytes.get();
    }

    /** The request heads received, in order. */
    public List<HttpRequest> seen() {
        return seen;
    }

    /** Closes every accepted connection (a server restart, seen from the proxy). */
    public void dropConnections() {
        channels.forEach(Channel::close);
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        channels.forEach(Channel::close);
    }

    // ---- ready-made behaviours

    public static void answerName(TestBackend b, ChannelHandlerContext ctx, HttpRequest req, long body) {
        respond(ctx, req, HttpResponseStatus.OK, b.name);
    }

    /** Answers with a status and a text body, honouring keep-alive. */
    public static void respond(ChannelHandlerContext ctx, HttpRequest req, HttpResponseStatus status, String text) {
        ByteBuf content = Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
        res.headers().set(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
        res.headers().set("X-Server", ((TestBackend.Handler) ctx.handler()).owner().name);
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        if (!keepAlive) {
            res.headers().set(HttpHeaderNames.CONNECTION, "close");
        }
        var f = ctx.writeAndFlush(res);
        if (!keepAlive) {
            f.addListener(x -> ctx.close());
        }
    }

    /** A behaviour that waits before answering (on the backend's event loop, without blocking it). */
    public static Behavior delayed(long millis) {
        return (b, ctx, req, body) -> ctx.executor().schedule(() -> answerName(b, ctx, req, body), millis,
                TimeUnit.MILLISECONDS);
    }

    /** A behaviour that answers with {@code f(path)} as the body. */
    public static Behavior byPath(Function<String, String> f) {
        return (b, ctx, req, body) -> respond(ctx, req, HttpResponseStatus.OK, f.apply(req.uri()));
    }

    final class Handler extends SimpleChannelInboundHandler<HttpObject> {
        private HttpRequest current;
        private long body;

        TestBackend owner() {
            return TestBackend.this;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            if (msg instanceof HttpRequest r) {
                current = r;
                body = 0;
                seen.add(r);
                requests.incrementAndGet();
                var h = onHead;
                if (h != null) {
                    h.accept(ctx, r);
                }
            }
            if (msg instanceof HttpContent c) {
                body += c.content().readableBytes();
                bodyBytes.addAndGet(c.content().readableBytes());
            }
            if (msg instanceof LastHttpContent) {
                behavior.respond(TestBackend.this, ctx, current, body);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
