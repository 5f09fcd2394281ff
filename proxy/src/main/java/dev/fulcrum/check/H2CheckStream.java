package dev.fulcrum.check;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2ChannelDuplexHandler;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.util.ReferenceCountUtil;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * Carries an HTTP check's exchange over one HTTP/2 stream, between Netty's
 * HTTP/2 frame codec and the {@link CheckRun}: a {@link CheckRequest} written
 * by the run goes out as HEADERS (and DATA), and the response comes back to the
 * run as the HTTP/1.1 text the expect rules already read (status line, headers,
 * body), its end as {@link #END}, so {@code http-check expect} judges an h2
 * answer exactly as an HTTP/1 one.
 */
final class H2CheckStream extends Http2ChannelDuplexHandler {

    /** Fired to the run when the response stream ended (as a close ends an HTTP/1.0 answer). */
    static final Object END = new Object() {
        @Override
        public String toString() {
            return "h2 check stream end";
        }
    };

    /** Headers an HTTP/2 request must not carry (RFC 9113, 8.2.2); {@code host} becomes {@code :authority}. */
    private static final Set<String> CONNECTION_SPECIFIC = Set.of("connection", "keep-alive", "proxy-connection",
            "transfer-encoding", "upgrade", "host");

    private final String scheme;
    private Http2FrameStream stream;
    private boolean ended;

    /** @param tls the connection speaks TLS ({@code :scheme https}) */
    H2CheckStream(boolean tls) {
        this.scheme = tls ? "https" : "http";
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof CheckRequest r)) {
            ctx.write(msg, promise);
            return;
        }
        stream = newStream();
        byte[] body = r.body().getBytes(StandardCharsets.ISO_8859_1);
        ctx.write(new DefaultHttp2HeadersFrame(headers(r, body.length), body.length == 0).stream(stream),
                body.length == 0 ? promise : ctx.voidPromise());
        if (body.length > 0) {
            ctx.write(new DefaultHttp2DataFrame(ctx.alloc().buffer(body.length).writeBytes(body), true)
                    .stream(stream), promise);
        }
    }

    private Http2Headers headers(CheckRequest r, int bodyLength) {
        Http2Headers h = new DefaultHttp2Headers().method(r.method()).scheme(scheme).path(r.uri());
        for (Map.Entry<String, String> e : r.headerList()) {
            String name = e.getKey().toLowerCase(java.util.Locale.ROOT);
            if (name.equals("host")) {
                h.authority(e.getValue());
            } else if (!CONNECTION_SPECIFIC.contains(name)) {
                h.add(name, e.getValue());
            }
        }
        if (bodyLength > 0) {
            h.set("content-length", Integer.toString(bodyLength));
        }
        return h;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            switch (msg) {
                case Http2HeadersFrame f when f.stream() == stream -> headers(ctx, f);
                case Http2DataFrame f when f.stream() == stream -> {
                    if (f.content().isReadable()) {
                        ctx.fireChannelRead(f.content().retain());
                    }
                    if (f.isEndStream()) {
                        end(ctx);
                    }
                }
                case Http2ResetFrame f when f.stream() == stream -> end(ctx);
                case Http2GoAwayFrame f -> {
                    if (stream == null || stream.id() > f.lastStreamId()) {
                        end(ctx);
                    }
                }
                default -> {
                    // settings, pings and window updates are the codec's business
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void headers(ChannelHandlerContext ctx, Http2HeadersFrame f) {
        CharSequence status = f.headers().status();
        if (status != null) {
            if (status.length() == 3 && status.charAt(0) == '1') {
                return; // an interim answer (100 Continue...): the final one follows
            }
            StringBuilder b = new StringBuilder(128).append("HTTP/1.1 ").append(status).append("\r\n");
            for (Map.Entry<CharSequence, CharSequence> e : f.headers()) {
                if (e.getKey().length() > 0 && e.getKey().charAt(0) != ':') {
                    b.append(e.getKey()).append(": ").append(e.getValue()).append("\r\n");
                }
            }
            b.append("\r\n");
            ByteBuf head = ctx.alloc().buffer(b.length());
            head.writeCharSequence(b, StandardCharsets.ISO_8859_1);
            ctx.fireChannelRead(head);
        }
        if (f.isEndStream()) {
            end(ctx); // no body (or trailers)
        }
    }

    private void end(ChannelHandlerContext ctx) {
        if (!ended) {
            ended = true;
            ctx.fireUserEventTriggered(END);
        }
    }
}
