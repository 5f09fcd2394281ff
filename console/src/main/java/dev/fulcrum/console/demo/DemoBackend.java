package dev.fulcrum.console.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import static java.util.Objects.requireNonNull;

/**
 * A tiny HTTP server standing in for one server of the demo configuration: it
 * answers every request with {@code 200} and its name ({@code backend/server}, as
 * HAProxy's logs write it), so a response shows which server the engine picked.
 */
final class DemoBackend implements AutoCloseable {

    private final String name;
    private final HttpServer server;

    private DemoBackend(String name, HttpServer server) {
        this.name = name;
        this.server = server;
    }

    /** Starts listening on {@code address}; fails if the address is taken. */
    static DemoBackend start(String name, InetSocketAddress address) throws IOException {
        requireNonNull(name, "name");
        requireNonNull(address, "address");
        if (!address.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("address: %s (expected: a loopback address)".formatted(address));
        }
        byte[] body = (name + "\n").getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(address, 64);
        server.createContext("/", exchange -> answer(exchange, body));
        // The server's own dispatcher thread runs the handler: the answer is a
        // constant, so there is nothing to offload.
        server.start();
        return new DemoBackend(name, server);
    }

    private static void answer(HttpExchange exchange, byte[] body) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            in.transferTo(OutputStream.nullOutputStream());
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            if (exchange.getRequestMethod().equals("HEAD")) {
                exchange.sendResponseHeaders(200, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        }
    }

    String name() {
        return name;
    }

    /** Where it listens (the actual port when it was started on port 0). */
    InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
