package dev.fulcrum.config;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Parses HAProxy's address syntax. Messages are those HAProxy gives, without the
 * keyword prefix, so callers can write {@code 'bind' : <message>}.
 */
public final class AddressParser {

    /** What the caller accepts. */
    public enum Use {
        /** {@code bind}: a port or port range is mandatory; lists allowed */
        BIND,
        /** {@code server}: the port is optional and may be an offset */
        SERVER,
        /** {@code log}: UDP by default, port 514 when omitted */
        LOG,
        /** a plain {@code host:port} such as a check {@code addr} */
        CONNECT
    }

    private AddressParser() {
    }

    /** Parses a comma-separated list of bind addresses ({@code :80,:443}). */
    public static List<Address> parseBindList(String text, Function<String, String> env) {
        List<Address> out = new ArrayList<>();
        for (String one : text.split(",", -1)) {
            if (one.isEmpty()) {
                throw new IllegalArgumentException("invalid address: '' in '" + text + "'");
            }
            out.add(parse(one, Use.BIND, env));
        }
        return out;
    }

    /**
     * Parses one address.
     *
     * @param env resolves {@code fd@${NAME}}
     * @throws IllegalArgumentException with HAProxy's wording
     */
    public static Address parse(String text, Use use, Function<String, String> env) {
        String rest = text;
        Address.Family family = Address.Family.ANY;
        boolean datagram = use == Use.LOG;
        int at = rest.indexOf('@');
        if (at > 0 && !rest.startsWith("[")) {
            String prefix = rest.substring(0, at);
            String body = rest.substring(at + 1);
            switch (prefix) {
                case "ipv4", "tcp4", "stream+ipv4" -> family = Address.Family.IPV4;
                case "ipv6", "tcp6", "stream+ipv6" -> family = Address.Family.IPV6;
                case "udp", "udp4", "dgram+ipv4" -> {
                    family = prefix.equals("udp") ? Address.Family.ANY : Address.Family.IPV4;
                    datagram = true;
                }
                case "udp6", "dgram+ipv6" -> {
                    family = Address.Family.IPV6;
                    datagram = true;
                }
                case "tcp" -> datagram = false;
                case "unix", "uxst", "uxdg" -> {
                    return new Address.Unix(body);
                }
                case "abns" -> {
                    return new Address.Abstract(body);
                }
                case "fd" -> {
                    return fd(body, text, env);
                }
                case "sockpair" -> throw new IllegalArgumentException(
                        "'sockpair@' addresses are not supported yet in '" + text + "'");
                case "quic4", "quic6" -> throw new IllegalArgumentException(
                        "QUIC is not supported by Fulcrum in '" + text + "'");
                // HAProxy does not know the prefix, takes it for part of a host name and fails to resolve it
                default -> {
                    int colon = text.lastIndexOf(':');
                    if (colon < at && use == Use.BIND) {
                        throw new IllegalArgumentException("missing port specification in '" + text + "'");
                    }
                    String unknown = colon > at ? text.substring(0, colon) : text;
                    throw new IllegalArgumentException("invalid address: '" + unknown + "' in '" + text + "'");
                }
            }
            rest = body;
        }
        if (family == Address.Family.ANY && rest.startsWith("/")) {
            return new Address.Unix(rest);
        }
        String host;
        String port;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                int colon = rest.lastIndexOf(':');
                throw new IllegalArgumentException("invalid address: '" + (colon > 0 ? rest.substring(0, colon) : rest)
                        + "' in '" + text + "'");
            }
            host = rest.substring(1, close);
            String after = rest.substring(close + 1);
            if (after.isEmpty()) {
                port = null;
            } else if (after.startsWith(":")) {
                port = after.substring(1);
            } else {
                throw new IllegalArgumentException("invalid address: '" + rest + "' in '" + text + "'");
            }
            if (family == Address.Family.ANY) {
                family = Address.Family.IPV6;
            }
        } else {
            int colon = rest.lastIndexOf(':');
            if (colon < 0) {
                host = rest;
                port = null;
            } else {
                host = rest.substring(0, colon);
                port = rest.substring(colon + 1);
            }
            if (host.indexOf(':') >= 0 && family == Address.Family.ANY) {
                family = Address.Family.IPV6;
            }
        }
        if (!isUsableNumericHost(host)) {
            // all digits and dots, so no DNS name: what getaddrinfo() would refuse without asking
            throw new IllegalArgumentException(use == Use.SERVER ? "could not resolve address '" + host + "'."
                    : "invalid address: '" + host + "' in '" + text + "'");
        }
        if (port == null || port.isEmpty()) {
            if (use == Use.BIND) {
                throw new IllegalArgumentException("missing port specification in '" + text + "'");
            }
            if (use == Use.LOG) {
                return new Address.Inet(family, host, 514, 514, Address.PortMode.FIXED, datagram);
            }
            if (use == Use.CONNECT && port != null) {
                throw new IllegalArgumentException("missing port specification in '" + text + "'");
            }
            return new Address.Inet(family, host, 0, 0, Address.PortMode.NONE, datagram);
        }
        if (port.startsWith("+") || port.startsWith("-")) {
            if (use != Use.SERVER) {
                throw new IllegalArgumentException("port offsets are not allowed in '" + text + "'");
            }
            int offset = number(port.substring(1), text, port);
            return new Address.Inet(family, host, port.charAt(0) == '-' ? -offset : offset, 0,
                    Address.PortMode.OFFSET, datagram);
        }
        int dash = port.indexOf('-');
        if (dash > 0) {
            if (use != Use.BIND) {
                throw new IllegalArgumentException("port ranges and offsets are not allowed in '" + text + "'");
            }
            int low = number(port.substring(0, dash), text, port);
            int high = number(port.substring(dash + 1), text, port);
            if (low < 1 || high > 65535 || low > high) {
                throw new IllegalArgumentException("invalid port range '" + port + "'");
            }
            return new Address.Inet(family, host, low, high, Address.PortMode.FIXED, datagram);
        }
        int p = number(port, text, port);
        if (p < (use == Use.BIND ? 1 : 0) || p > 65535) {
            throw new IllegalArgumentException("invalid port '" + port + "'");
        }
        return new Address.Inet(family, host, p, p, Address.PortMode.FIXED, datagram);
    }

    private static Address fd(String body, String text, Function<String, String> env) {
        String value = body;
        if (body.startsWith("${") && body.endsWith("}")) {
            // Accepted unquoted as a convenience; HAProxy only expands it inside double quotes.
            value = env.apply(body.substring(2, body.length() - 1));
            if (value == null) {
                throw new IllegalArgumentException("environment variable '" + body.substring(2, body.length() - 1)
                        + "' is not set in '" + text + "'");
            }
        }
        try {
            int fd = Integer.parseInt(value.trim());
            if (fd < 0) {
                throw new NumberFormatException();
            }
            return new Address.Fd(fd);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("file descriptor '" + value + "' is not a valid integer in '" + text + "'");
        }
    }

    /**
     * False for a host made only of digits and dots that is not an IPv4 address in
     * the forms {@code inet_aton()} accepts: one to four parts, decimal or (with a
     * leading zero) octal, the last part filling the remaining bytes ({@code 127.1},
     * {@code 999}). Anything else is left to name resolution.
     */
    static boolean isUsableNumericHost(String host) {
        if (host.isEmpty()) {
            return true;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return true;
            }
        }
        String[] parts = host.split("\\.", -1);
        if (parts.length > 4) {
            return false;
        }
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 12) {
                return false;
            }
            long value;
            try {
                value = part.length() > 1 && part.charAt(0) == '0' ? Long.parseLong(part, 8) : Long.parseLong(part);
            } catch (NumberFormatException e) {
                return false; // 8 or 9 in an octal part
            }
            int bytes = i < parts.length - 1 ? 1 : 5 - parts.length;
            if (value >= 1L << (8 * bytes)) {
                return false;
            }
        }
        return true;
    }

    private static int number(String digits, String text, String port) {
        if (digits.isEmpty() || digits.length() > 6) {
            throw new IllegalArgumentException("invalid port '" + port + "'");
        }
        for (int i = 0; i < digits.length(); i++) {
            if (!Character.isDigit(digits.charAt(i))) {
                throw new IllegalArgumentException("invalid port '" + port + "'");
            }
        }
        return Integer.parseInt(digits);
    }
}
