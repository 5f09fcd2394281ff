package dev.fulcrum.check;

import io.netty.channel.Channel;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.function.Supplier;

/**
 * Where and how long a check runs: the configured check address (the server's,
 * or {@code addr}/{@code port}, or the agent's), how channels are made, and
 * HAProxy's timeouts: without {@code timeout check} the whole run (connect and
 * read) has {@code inter}; with it, the connect gets {@code min(timeout connect, inter)}
 * and the reading {@code timeout check}. A TLS handshake belongs to the connect.
 */
record CheckTarget(InetSocketAddress address, Supplier<? extends Channel> channels, long connectTimeout,
                   long checkTimeout, CheckTls tls, String proto) {

    /** @param proto the server's {@code check-proto}, or {@code ""} */
    static CheckTarget of(InetSocketAddress address, Supplier<? extends Channel> channels, long inter,
                          long timeoutConnect, long timeoutCheck, CheckTls tls, String proto) {
        long connect = inter;
        if (timeoutCheck > 0 && timeoutConnect > 0) {
            connect = Math.min(timeoutConnect, inter);
        }
        return new CheckTarget(address, channels, connect, timeoutCheck, tls, proto);
    }

    /** The address a connect rule goes to: its own {@code addr}/{@code port}, else the check's. */
    InetSocketAddress address(CheckRule.Connect c) {
        if (c == null || (c.addr().isEmpty() && c.port() == 0)) {
            return address;
        }
        InetAddress ip = address.getAddress();
        if (!c.addr().isEmpty()) {
            try {
                ip = InetAddress.getByName(c.addr()); // a literal: validated when parsed
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        return new InetSocketAddress(ip, c.port() > 0 ? c.port() : address.getPort());
    }
}
