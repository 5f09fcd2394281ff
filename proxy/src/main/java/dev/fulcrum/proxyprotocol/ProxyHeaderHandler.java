package dev.fulcrum.proxyprotocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Put in front of a client connection's handler when a PROXY header is expected
 * ({@code accept-proxy}, {@code tcp-request connection expect-proxy layer4}): it
 * takes the first bytes the client sends, reports the header they start with,
 * passes what follows on and leaves the pipeline. As haproxy 2.6, which peeks
 * at the socket once, the whole header must come in the first read: a header
 * cut in two is "truncated". Bytes beyond the header are never looked at here.
 */
public final class ProxyHeaderHandler extends ChannelInboundHandlerAdapter {

    /** What the connection does with the outcome. */
    public interface Outcome {
        /** The header arrived; called before the bytes after it are passed on. */
        void received(ProxyHeader header);

        /**
         * The bytes received are no PROXY header: the connection is to be closed.
         * {@code source} is the client address the header gave before it went
         * wrong (what haproxy logs then), or {@code null}.
         */
        void failed(ProxyError error, java.net.InetSocketAddress source);
    }

    private final Outcome outcome;
    private ByteBuf held;
    private boolean done;

    public ProxyHeaderHandler(Outcome outcome) {
        this.outcome = outcome;
    }


    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf data = (ByteBuf) msg;
        if (done) {
            data.release();
            return;
        }
        if (held == null) {
            held = data;
        } else { // one read delivered in several buffers
            ByteBuf both = ctx.alloc().buffer(held.readableBytes() + data.readableBytes());
            both.writeBytes(held).writeBytes(data);
            held.release();
            data.release();
            held = both;
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (done || held == null) {
            ctx.fireChannelReadComplete();
            return;
        }
        switch (ProxyHeaderDecoder.decode(held)) {
            case ProxyHeaderDecoder.NeedMore m -> {
                done = true;
                release();
                outcome.failed(ProxyError.TRUNCATED, null);
            }
            case ProxyHeaderDecoder.Failed f -> {
                done = true;
                release();
                outcome.failed(f.error(), f.source());
            }
            case ProxyHeaderDecoder.Decoded d -> {
                done = true;
                held.skipBytes(d.length());
                ByteBuf rest = held;
                held = null;
                outcome.received(d.header());
                ctx.pipeline().remove(this);
                if (rest.isReadable() && ctx.channel().isActive()) {
                    ctx.fireChannelRead(rest);
                } else {
                    rest.release();
                }
                ctx.fireChannelReadComplete();
            }
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        release();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        ctx.fireChannelInactive(); // the connection reports the reason, asking partial() first
        release();
    }

    private void release() {
        if (held != null) {
            held.release();
            held = null;
        }
    }
}
