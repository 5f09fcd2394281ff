package dev.fulcrum.runtime;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.util.function.Supplier;

/**
 * The I/O transport: Linux epoll when its native library loads, else NIO. Epoll
 * also gives SO_REUSEPORT (one listening socket per event loop, spread by the
 * kernel) and adoption of inherited listening sockets ({@code fd@}).
 */
final class Transport {

    final boolean epoll;

    private Transport(boolean epoll) {
        this.epoll = epoll;
    }

    static Transport best() {
        return new Transport(Epoll.isAvailable() && !Boolean.getBoolean("fulcrum.nio"));
    }

    EventLoopGroup newGroup(int threads) {
        IoHandlerFactory f = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("fulcrum-loop", false), f);
    }

    Supplier<? extends ServerChannel> serverChannels() {
        return epoll ? EpollServerSocketChannel::new : NioServerSocketChannel::new;
    }

    Supplier<? extends Channel> clientChannels() {
        return epoll ? EpollSocketChannel::new : NioSocketChannel::new;
    }

    /** A server channel around an inherited, already listening socket. */
    ServerChannel adopt(int fd) {
        if (!epoll) {
            throw new IllegalStateException("fd@ listeners need the epoll transport (Linux)");
        }
        return new EpollServerSocketChannel(fd);
    }

    String name() {
        return epoll ? "epoll" : "nio";
    }
}
