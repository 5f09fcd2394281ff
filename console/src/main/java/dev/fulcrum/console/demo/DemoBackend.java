package dev.fulcrum.console.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import static java.util.Objects.requireNonNull;

/**
 * A tiny HTTP server standing in for one server of the demo configuration: it
 * answers with its name ({@code backend/server}, as HAProxy's logs write it), so a
 * response shows which server the engine picked, after a service time drawn from
 * its {@link ServiceProfile}. The status is {@code 200}, {@code 404} for paths
 * under {@value #GONE_PREFIX}, and {@code 500} for the profile's share of failures.
 * {@value #HEALTH_PATH}, where the demo's health checks go, answers at once:
 * {@code 200}, or {@code 503} while the server is set unhealthy.
 */
final class DemoBackend implements AutoCloseable {

    /** Paths under this prefix do not exist on any demo server. */
    static final String GONE_PREFIX = "/gone/";
    /** The health check's path, as in demo-haproxy.cfg's {@code option httpchk}. */
    static final String HEALTH_PATH = "/health";

    private final String name;
    private final HttpServer server;
    private final ExecutorService handlers;
    private final AtomicBoolean healthy;

    private DemoBackend(String name, HttpServer server, ExecutorService handlers, AtomicBoolean healthy) {
        this.name = name;
        this.server = server;
        this.handlers = handlers;
        this.healthy = healthy;
    }

    /** Starts a server that answers at once; fails if the address is taken. */
    static DemoBackend start(String name, InetSocketAddress address) throws IOException {
        return start(name, address, ServiceProfile.INSTANT);
    }

    /** Starts listening on {@code address}; fails if the address is taken. */
    static DemoBackend start(String name, InetSocketAddress address, ServiceProfile profile) throws IOException {
        requireNonNull(name, "name");
        requireNonNull(address, "address");
        requireNonNull(profile, "profile");
        if (!address.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("address: %s (expected: a loopback address)".formatted(address));
        }
        byte[] body = (name + "\n").getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(address, 64);
        AtomicBoolean healthy = new AtomicBoolean(true);
        server.createContext("/", exchange -> answer(exchange, body, profile));
        server.createContext(HEALTH_PATH, exchange -> health(exchange, healthy.get()));
        // Handlers sleep through their service time: one virtual thread per
        // exchange, so slow requests never hold up the others.
        ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(handlers);
        server.start();
        return new DemoBackend(name, server, handlers, healthy);
    }

    private static void health(HttpExchange exchange, boolean healthy) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            in.transferTo(OutputStream.nullOutputStream());
            byte[] body = (healthy ? "ok\n" : "deploying\n").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(healthy ? 200 : 503, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    /** Makes {@value #HEALTH_PATH} answer 200 ({@code true}) or 503; other paths are served as before. */
    void healthy(boolean healthy) {
        this.healthy.set(healthy);
    }

    private static void answer(HttpExchange exchange, byte[] body, ServiceProfile profile) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            in.transferTo(OutputStream.nullOutputStream());
            ThreadLocalRandom random = ThreadLocalRandom.current();
            String path = exchange.getRequestURI().getPath();
            long millis = profile.serviceMillis(path, random);
            if (millis > 0) {
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return; // stopping: the exchange is closed without an answer
                }
            }
            int status = path.startsWith(GONE_PREFIX) ? 404
                    : profile.fails(random) ? 500 : 200;
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            if (exchange.getRequestMethod().equals("HEAD")) {
                exchange.sendResponseHeaders(status, -1);
            } else {
                exchange.sendResponseHeaders(status, body.length);
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
        handlers.shutdownNow();
    }
}
