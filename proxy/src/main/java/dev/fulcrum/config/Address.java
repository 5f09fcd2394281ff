package dev.fulcrum.config;

import static java.util.Objects.requireNonNull;

/**
 * A socket address in HAProxy's syntax (configuration.txt section 11): an IPv4 or
 * IPv6 host with a port, port range or port offset, a UNIX socket path, a Linux
 * abstract socket name, or an inherited file descriptor.
 */
public sealed interface Address permits Address.Inet, Address.Unix, Address.Abstract, Address.Fd {

    /** How a port was written. */
    enum PortMode {
        /** no port: a server then uses the port the client connected to */
        NONE,
        /** a port or a range {@code low-high} */
        FIXED,
        /** {@code +N} or {@code -N}: relative to the port the client connected to */
        OFFSET
    }

    /** The family forced by a prefix, or guessed from the host. */
    enum Family { ANY, IPV4, IPV6 }

    /**
     * An IP address and port.
     *
     * @param family   {@code ipv4@}/{@code ipv6@}, else guessed from the host
     * @param host     a literal or a name to resolve; empty or {@code *} means any
     * @param portLow  the port, the start of the range, or the offset
     * @param portHigh the end of the range (equals portLow for one port)
     * @param portMode how the port was written
     * @param datagram whether the address is for UDP ({@code udp@}, log targets)
     */
    record Inet(Family family, String host, int portLow, int portHigh, PortMode portMode, boolean datagram)
            implements Address {
        public Inet {
            requireNonNull(family, "family");
            requireNonNull(host, "host");
            requireNonNull(portMode, "portMode");
        }

        public boolean anyHost() {
            return host.isEmpty() || host.equals("*");
        }

        @Override
        public String toString() {
            String h = host.contains(":") ? "[" + host + "]" : host;
            return switch (portMode) {
                case NONE -> h;
                case OFFSET -> h + ":" + (portLow >= 0 ? "+" : "") + portLow;
                case FIXED -> h + ":" + (portLow == portHigh ? Integer.toString(portLow) : portLow + "-" + portHigh);
            };
        }
    }

    /** A UNIX stream (or datagram, for logs) socket path. */
    record Unix(String path) implements Address {
        public Unix {
            requireNonNull(path, "path");
        }

        @Override
        public String toString() {
            return path;
        }
    }

    /** A Linux abstract-namespace socket ({@code abns@name}). */
    record Abstract(String name) implements Address {
        public Abstract {
            requireNonNull(name, "name");
        }

        @Override
        public String toString() {
            return "abns@" + name;
        }
    }

    /** An already-open socket inherited from the parent process ({@code fd@N}). */
    record Fd(int fd) implements Address {
        public Fd {
            if (fd < 0) {
                throw new IllegalArgumentException("fd: " + fd + " (expected: >= 0)");
            }
        }

        @Override
        public String toString() {
            return "fd@" + fd;
        }
    }
}
