package dev.fulcrum.log;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.LinuxSocket;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A UNIX datagram socket such as {@code /dev/log}. The JDK has no AF_UNIX
 * datagram channel, so this uses Netty's native socket (Linux epoll transport):
 * a non-blocking socket and one {@code sendto()} per message; a full or absent
 * receiver drops the message.
 */
final class UnixDatagramSink extends LogSink {

    private final byte[] path;
    private final LinuxSocket socket;

    private UnixDatagramSink(String path, LinuxSocket socket) {
        super(path);
        this.path = path.getBytes(StandardCharsets.UTF_8);
        this.socket = socket;
    }

    /** Whether this platform can send to UNIX datagram sockets. */
    static boolean available() {
        return Epoll.isAvailable();
    }

    static UnixDatagramSink open(String path) {
        Epoll.ensureAvailability();
        return new UnixDatagramSink(path, LinuxSocket.newSocketDomainDgram());
    }

    @Override
    boolean trySend(ByteBuffer message) {
        try {
            int n = socket.sendToDomainSocket(message, message.position(), message.limit(), path);
            return n > 0;
        } catch (IOException | RuntimeException e) {
            return false; // no listener (ECONNREFUSED/ENOENT), or its buffer is full
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing to do on shutdown
        }
    }
}
