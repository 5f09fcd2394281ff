package dev.fulcrum.tcp;

import dev.fulcrum.config.ProxyConfig;
import io.netty.channel.Channel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioChannelOption;
import jdk.net.ExtendedSocketOptions;

/**
 * The socket options one side of a proxy puts on its connections, compiled once
 * per frontend (client side) or backend (server side).
 *
 * @param keepAlive whether TCP keep-alive probes are sent (SO_KEEPALIVE)
 * @param count     TCP_KEEPCNT, or 0 for the system's value
 * @param idle      TCP_KEEPIDLE in seconds, or 0 for the system's value
 * @param interval  TCP_KEEPINTVL in seconds, or 0 for the system's value
 * @param noLinger  whether the proxy's own closes reset the connection (SO_LINGER 0)
 */
public record SocketOptions(boolean keepAlive, int count, int idle, int interval, boolean noLinger) {

    /** What the operating system does by default: nothing to set. */
    public static final SocketOptions NONE = new SocketOptions(false, 0, 0, 0, false);

    /** The options of a frontend's client connections. */
    public static SocketOptions client(ProxyConfig p) {
        return new SocketOptions(p.get(TcpSettings.CLIENT_KEEPALIVE), p.get(TcpSettings.CLIENT_KEEPALIVE_COUNT),
                p.get(TcpSettings.CLIENT_KEEPALIVE_IDLE), p.get(TcpSettings.CLIENT_KEEPALIVE_INTERVAL),
                p.get(TcpSettings.NOLINGER));
    }

    /** The options of a backend's server connections. */
    public static SocketOptions server(ProxyConfig p) {
        return new SocketOptions(p.get(TcpSettings.SERVER_KEEPALIVE), p.get(TcpSettings.SERVER_KEEPALIVE_COUNT),
                p.get(TcpSettings.SERVER_KEEPALIVE_IDLE), p.get(TcpSettings.SERVER_KEEPALIVE_INTERVAL),
                p.get(TcpSettings.NOLINGER));
    }

    /** Whether there is anything to do on a new connection. */
    public boolean any() {
        return keepAlive || noLinger;
    }

    /**
     * Sets the options on a new connection, before it carries data. As in haproxy,
     * the probe tuning only applies when keep-alive is on; {@code option nolinger}
     * puts a handler first in the pipeline, so it must run when the pipeline is
     * being set up.
     */
    public void apply(Channel ch) {
        if (keepAlive) {
            ChannelConfig c = ch.config();
            c.setOption(ChannelOption.SO_KEEPALIVE, true);
            boolean epoll = ch instanceof EpollSocketChannel;
            if (count > 0) {
                c.setOption(epoll ? EpollChannelOption.TCP_KEEPCNT : NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPCOUNT),
                        count);
            }
            if (idle > 0) {
                c.setOption(epoll ? EpollChannelOption.TCP_KEEPIDLE : NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPIDLE),
                        idle);
            }
            if (interval > 0) {
                c.setOption(epoll ? EpollChannelOption.TCP_KEEPINTVL
                        : NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPINTERVAL), interval);
            }
        }
        if (noLinger) {
            ch.pipeline().addFirst(AbortiveClose.INSTANCE);
        }
    }

    /**
     * Turns the proxy's own closes into resets. Closes that Netty makes itself
     * after reading the peer's end of stream do not pass through the pipeline, so
     * a connection the peer closed first still ends with a FIN, as haproxy's
     * "linger risk" is cleared when it reads a shutdown.
     */
    @ChannelHandler.Sharable
    static final class AbortiveClose extends ChannelOutboundHandlerAdapter {

        static final AbortiveClose INSTANCE = new AbortiveClose();

        @Override
        public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
            if (ctx.channel().isActive()) {
                ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
            }
            ctx.close(promise);
        }
    }
}
