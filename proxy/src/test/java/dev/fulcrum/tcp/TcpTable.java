package dev.fulcrum.tcp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The kernel's view of TCP sockets ({@code /proc/net/tcp}, and {@code tcp6} where
 * Java and Netty open dual-stack sockets even for 127.0.0.1): what a socket
 * option really did, whichever process owns the socket, so haproxy's sockets and
 * Fulcrum's are observed the same way.
 */
final class TcpTable {

    static final String ESTABLISHED = "01";
    static final String FIN_WAIT2 = "05";
    static final String CLOSE_WAIT = "08";

    /** One socket: its ports, state, and the pending kernel timer (2 = keep-alive) in 1/100 s. */
    record Socket(int localPort, int remotePort, String state, int timer, long ticks) {

        /**
         * The keep-alive timer as "keepalive Ns", rounded up to 10 s so the seconds
         * spent reaching this point do not matter, or what other timer runs.
         */
        String keepAlive() {
            return timer == 2 ? "keepalive " + (ticks + 999) / 1000 * 10 + "s" : "timer " + timer;
        }
    }

    private TcpTable() {
    }

    static List<Socket> read() {
        try {
            List<Socket> all = new ArrayList<>();
            for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
                Path p = Path.of(table);
                if (Files.isReadable(p)) {
                    Files.readAllLines(p).stream().skip(1).map(TcpTable::parse).forEach(all::add);
                }
            }
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The socket with these ports, if the kernel still has it. */
    static Optional<Socket> find(int localPort, int remotePort) {
        return read().stream().filter(s -> s.localPort == localPort && s.remotePort == remotePort).findFirst();
    }

    private static Socket parse(String line) {
        String[] f = line.trim().split("\\s+");
        String[] timer = f[5].split(":");
        return new Socket(port(f[1]), port(f[2]), f[3], Integer.parseInt(timer[0], 16),
                Long.parseLong(timer[1], 16));
    }

    private static int port(String address) {
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1), 16);
    }
}
