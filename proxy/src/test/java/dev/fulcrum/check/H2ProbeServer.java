package dev.fulcrum.check;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.ReferenceCountUtil;

import java.io.File;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback HTTP/2 server for h2 health checks: h2c with prior knowledge, or
 * h2 over TLS with ALPN (the test certificate). Each request gets the
 * configured status, headers and body; the server keeps what it was asked
 * (method, path, scheme, authority, headers, body).
 */
final class H2ProbeServer implements AutoCloseable {

    /** One request as the server saw it: pseudo-headers and headers by name, and the body. */
    record Request(Map<String, String> headers, String body) {
    }

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel channel;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String body = "ok";
    private volatile Map<String, String> extraHeaders = Map.of();

    private H2ProbeServer(SslContext tls) throws InterruptedException {
        channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (tls != null) {
                            ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast(Http2FrameCodecBuilder.forServer().build(), new Responder());
                    }
                }).bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
    }

    /** h2c with prior knowledge. */
    static H2ProbeServer cleartext() throws InterruptedException {
        return new H2ProbeServer(null);
    }

    /** h2 over TLS, the test server certificate, ALPN offering {@code protocols}. */
    static H2ProbeServer tls(String... protocols) throws Exception {
        SslContext ctx = SslContextBuilder.forServer(new File(TestTls.path("server.pem")),
                        new File(TestTls.path("server.key"))).sslProvider(SslProvider.JDK)
                .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, protocols))
                .build();
        return new H2ProbeServer(ctx);
    }

    int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    List<Request> requests() {
        return requests;
    }

    /** Answers {@code status} with {@code body} (and {@code headers}) from now on. */
    H2ProbeServer answer(int status, String body, Map<String, String> headers) {
        this.status = status;
        this.body = body;
        this.extraHeaders = Map.copyOf(headers);
        return this;
    }

    @Override
    public void close() throws InterruptedException {
        channel.close().sync();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).sync();
    }

    private final class Responder extends ChannelInboundHandlerAdapter {
        private final Map<Http2FrameStream, Map<String, String>> heads = new ConcurrentHashMap<>();
        private final Map<Http2FrameStream, StringBuilder> bodies = new ConcurrentHashMap<>();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof Http2HeadersFrame f) {
                    Map<String, String> h = new java.util.LinkedHashMap<>();
                    for (Map.Entry<CharSequence, CharSequence> e : f.headers()) {
                        h.put(e.getKey().toString(), e.getValue().toString());
                    }
                    heads.put(f.stream(), h);
                    bodies.put(f.stream(), new StringBuilder());
                    if (f.isEndStream()) {
                        respond(ctx, f.stream());
                    }
                } else if (msg instanceof Http2DataFrame f) {
                    bodies.get(f.stream()).append(f.content().toString(StandardCharsets.ISO_8859_1));
                    if (f.isEndStream()) {
                        respond(ctx, f.stream());
                    }
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        private void respond(ChannelHandlerContext ctx, Http2FrameStream stream) {
            requests.add(new Request(heads.remove(stream), bodies.remove(stream).toString()));
            Http2Headers h = new DefaultHttp2Headers().status(Integer.toString(status));
            extraHeaders.forEach(h::add);
            byte[] b = body.getBytes(StandardCharsets.ISO_8859_1);
            ctx.write(new DefaultHttp2HeadersFrame(h, b.length == 0).stream(stream));
            if (b.length > 0) {
                ByteBuf content = Unpooled.wrappedBuffer(b);
                ctx.write(new DefaultHttp2DataFrame(content, true).stream(stream));
            }
            ctx.flush();
        }
    }
}
