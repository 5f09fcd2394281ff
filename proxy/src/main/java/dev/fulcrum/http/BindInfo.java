package dev.fulcrum.http;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a client connection needs to know of the listener that accepted it.
 *
 * @param name        the listener as haproxy names it in connection error logs: its
 *                    {@code name}, else its numeric id
 * @param acceptProxy {@code accept-proxy}: connections start with a PROXY header
 * @param connections the listener's established connections ({@code dst_conn}),
 *                    counted by the connections themselves
 */
public record BindInfo(String name, boolean acceptProxy, AtomicInteger connections) {

    public BindInfo(String name, boolean acceptProxy) {
        this(name, acceptProxy, new AtomicInteger());
    }
}
