package dev.fulcrum.testing;

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
public final class TcpTable {

    public static final String ESTABLISHED = "01";
    public static final String FIN_WAIT2 = "05";
    public static final String CLOSE_WAIT = "08";

    /** One socket: its ports, state, and the pending kernel timer (2 = keep-alive) in 1/100 s. */
    public record Socket(int localPort, int remotePort, String state, int timer, long ticks) {

        /**
         * The keep-alive timer as "keepalive Ns", rounded up to 10 s so the seconds
         * spent reaching this point do not matter, or what other timer runs.
         */
        public String keepAlive() {
            return timer == 2 ? "keepalive " + (ticks + 999) / 1000 * 10 + "s" : "timer " + timer;
        }
    }

    private TcpTable() {
    }

    public static List<Socket> read() {
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
    public static Optional<Socket> find(int localPort, int remotePort) {
        return read().stream().filter(s -> s.localPort == localPort && s.remotePort == remotePort).findFirst();
    }

    /**
     * Whether a process may still hold a connection accepted on one of
     * {@code listeningPorts}: a socket there is established, or half-closed by
     * its peer (CLOSE_WAIT), or half-closed by the process (FIN_WAIT1/2, which a
     * shutdown leaves while the descriptor stays open). TIME_WAIT, LAST_ACK and
     * CLOSING come only after the process closed it.
     */
    public static boolean connectionsOn(java.util.Collection<Integer> listeningPorts) {
        return read().stream().anyMatch(s -> listeningPorts.contains(s.localPort) && HELD.contains(s.state));
    }

    private static final java.util.Set<String> HELD = java.util.Set.of(ESTABLISHED, "03", "04", FIN_WAIT2, CLOSE_WAIT);

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
