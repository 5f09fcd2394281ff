package dev.fulcrum.http;

import io.netty.channel.Channel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.epoll.EpollTcpInfo;

/**
 * The kernel's TCP_INFO of a client socket ({@code fc_rtt}, {@code fc_rttvar}).
 * Only the epoll transport exposes it; on NIO (or a non-TCP channel) every value
 * is unknown. One per client connection, reusing its buffer for each read, so a
 * fetch costs one getsockopt and no allocation.
 */
final class FrontTcpInfo {

    private static final FrontTcpInfo NONE = new FrontTcpInfo(null);

    private final EpollSocketChannel channel;
    private final EpollTcpInfo info;

    private FrontTcpInfo(EpollSocketChannel channel) {
        this.channel = channel;
        this.info = channel == null ? null : new EpollTcpInfo();
    }

    static FrontTcpInfo of(Channel ch) {
        return ch instanceof EpollSocketChannel e ? new FrontTcpInfo(e) : NONE;
    }

    /** The smoothed round trip time or its variance in microseconds, or -1 when unknown. */
    long rttMicros(boolean variance) {
        if (channel == null || !channel.isOpen()) {
            return -1;
        }
        try {
            channel.tcpInfo(info);
        } catch (RuntimeException e) {
            return -1; // the socket went away between the check and the call
        }
        return variance ? info.rttvar() : info.rtt();
    }
}
