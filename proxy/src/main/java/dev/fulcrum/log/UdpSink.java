package dev.fulcrum.log;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * A UDP syslog server. One non-blocking, unconnected datagram socket per
 * target: a full socket buffer or an ICMP error just drops the message.
 */
final class UdpSink extends LogSink {

    private final InetSocketAddress address;
    private final DatagramChannel channel;

    UdpSink(InetSocketAddress address) throws IOException {
        super("udp@" + address);
        this.address = address;
        this.channel = DatagramChannel.open(address.getAddress() instanceof java.net.Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        channel.configureBlocking(false);
    }

    @Override
    boolean trySend(ByteBuffer message) {
        try {
            return channel.send(message, address) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing to do on shutdown
        }
    }
}
