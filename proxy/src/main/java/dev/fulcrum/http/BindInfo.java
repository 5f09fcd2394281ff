package dev.fulcrum.http;

/**
 * What a client connection needs to know of the listener that accepted it.
 *
 * @param name        the listener as haproxy names it in connection error logs: its
 *                    {@code name}, else its numeric id
 * @param acceptProxy {@code accept-proxy}: connections start with a PROXY header
 */
public record BindInfo(String name, boolean acceptProxy) {
}
