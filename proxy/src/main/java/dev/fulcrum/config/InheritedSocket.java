package dev.fulcrum.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks a file descriptor named by {@code bind fd@<N>} while the configuration is
 * parsed, as HAProxy does even under {@code -c}: the descriptor must be open, be a
 * socket, and be a stream socket. Whether it listens is only known when it is
 * adopted. Uses Linux's {@code /proc}; elsewhere nothing is checked here and the
 * engine reports problems when it adopts the socket.
 */
public final class InheritedSocket {

    private static final Path FDS = Path.of("/proc/self/fd");
    private static final List<Path> DATAGRAM_TABLES = List.of(Path.of("/proc/self/net/udp"),
            Path.of("/proc/self/net/udp6"), Path.of("/proc/self/net/raw"), Path.of("/proc/self/net/raw6"));

    private InheritedSocket() {
    }

    /**
     * Returns what is wrong with descriptor {@code fd} in HAProxy's words
     * (e.g. {@code "cannot use file descriptor '7' : Bad file descriptor."}), or
     * {@code null} when it can be used or cannot be checked.
     */
    public static String problem(int fd) {
        if (!Files.isDirectory(FDS)) {
            return null;
        }
        String target;
        try {
            target = Files.readSymbolicLink(FDS.resolve(Integer.toString(fd))).toString();
        } catch (NoSuchFileException e) {
            return "cannot use file descriptor '" + fd + "' : Bad file descriptor.";
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
        if (!target.startsWith("socket:[") || !target.endsWith("]")) {
            return "cannot use file descriptor '" + fd + "' : Socket operation on non-socket.";
        }
        String inode = target.substring("socket:[".length(), target.length() - 1);
        if (isDatagram(inode)) {
            return "socket on file descriptor '" + fd + "' is of the wrong type.";
        }
        return null;
    }

    /** Whether the socket with this inode appears in the kernel's UDP or raw socket tables. */
    private static boolean isDatagram(String inode) {
        for (Path table : DATAGRAM_TABLES) {
            List<String> lines;
            try {
                lines = Files.readAllLines(table, StandardCharsets.US_ASCII);
            } catch (IOException e) {
                continue;
            }
            for (int i = 1; i < lines.size(); i++) {
                // columns: sl local rem st tx:rx tr:when retrnsmt uid timeout inode ...
                String[] cols = lines.get(i).trim().split("\\s+");
                if (cols.length > 9 && cols[9].equals(inode)) {
                    return true;
                }
            }
        }
        return false;
    }
}
