package dev.fulcrum.http;

import dev.fulcrum.backend.Backend;
import dev.fulcrum.backend.HttpReuse;
import dev.fulcrum.config.ServerConfig;
import dev.fulcrum.proxyprotocol.ProxyHeader;
import dev.fulcrum.proxyprotocol.ProxyHeaderEncoder;
import dev.fulcrum.proxyprotocol.ProxyProtocolSettings;
import dev.fulcrum.server.Server;
import io.netty.bootstrap.Bootstrap;
import dev.fulcrum.tcp.SocketOptions;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;

import java.net.SocketAddress;

/**
 * Where a stream's server connection comes from and where it goes after the
 * exchange: a fresh connect on the stream's own event loop, or an idle
 * connection of that loop's pool ({@link ServerConnectionPool}), or the client's
 * private one under {@code http-reuse never}.
 */
final class ServerConnections {

    private ServerConnections() {
    }

    /**
     * An idle connection to {@code srv}: the client's private one ({@code
     * http-reuse never}), else the one that carried its previous request if still
     * idle, else any idle one of this loop; {@code null} when there is none.
     * haproxy 2.6 does the same with the default {@code safe}: a connection that
     * completed an exchange is "safe" and may carry another session's first request.
     */
    static BackConnection reusable(FrontConnection front, Backend be, Server srv) {
        BackConnection owned = front.ownedConnection();
        if (owned != null) {
            front.ownedConnection(null);
            if (owned.server() == srv && owned.isOpen()) {
                return owned;
            }
            owned.close();
        }
        if (be.reuse == HttpReuse.NEVER || proxyVersion(srv) > 0) {
            return null;
        }
        ServerConnectionPool pool = LoopContext.current().pool(srv);
        BackConnection preferred = front.preferred();
        if (preferred != null && preferred.server() == srv && pool.take(preferred)) {
            return preferred;
        }
        return pool.take();
    }

    /** The PROXY protocol version {@code srv} wants first on its connections ({@code send-proxy[-v2]}), or 0. */
    static int proxyVersion(Server srv) {
        ServerConfig c = srv.config();
        return c.get(ProxyProtocolSettings.SEND_PROXY_V2) ? 2 : c.get(ProxyProtocolSettings.SEND_PROXY) ? 1 : 0;
    }

    /**
     * Writes the PROXY header a fresh connection to a {@code send-proxy[-v2]}
     * server starts with: the client's address as the stream sees it (after a
     * received PROXY header or {@code set-src}) and the address it connected to.
     */
    static void sendProxyHeader(BackConnection c, int version, StreamContext ctx, FrontConnection front,
                                String uniqueId) {
        ProxyHeader received = front.proxyHeader();
        c.write(ProxyHeaderEncoder.encode(front.alloc(), version, ctx.clientAddress(), front.localAddress(),
                c.server().config().get(ProxyProtocolSettings.V2_OPTIONS),
                received == null ? null : received.authority(), uniqueId), false);
    }

    /** Starts connecting {@code c} to {@code address} on {@code loop}, with the backend's socket options. */
    static ChannelFuture connect(EventLoop loop, HttpRuntime rt, Backend be, BackConnection c, SocketAddress address) {
        SocketOptions options = be.serverSocket;
        return new Bootstrap().group(loop).channelFactory(rt.clientChannelFactory::get)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.AUTO_READ, true)
                .handler(!options.any() ? c : new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        options.apply(ch); // before connecting, as haproxy sets them
                        ch.pipeline().addLast(c);
                    }
                })
                .connect(address);
    }

    /**
     * Detaches {@code c} from its finished exchange, then keeps it for the next
     * request when {@code keep}: as the client's private connection under {@code
     * http-reuse never}, else in the loop's idle pool (remembered as the client's
     * preferred one); otherwise closes it.
     */
    static void release(FrontConnection front, Backend be, BackConnection c, boolean keep) {
        c.detach();
        if (!keep) {
            c.close();
            return;
        }
        if (be.reuse == HttpReuse.NEVER || proxyVersion(c.server()) > 0) {
            // a connection that began with this client's PROXY header can only carry this client's requests
            BackConnection previous = front.ownedConnection();
            if (previous != null && previous != c) {
                previous.close();
            }
            front.ownedConnection(c);
        } else if (LoopContext.current().pool(c.server()).offer(c)) {
            c.parkedFor(front);
        }
    }
}
