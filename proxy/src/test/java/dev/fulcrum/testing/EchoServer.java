package dev.fulcrum.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP backend that answers each request with what it received: the request
 * line, the header fields (names lower-cased, sorted), the body's length and
 * SHA-256, and the body itself when it is short. Tests use it to check that a
 * request reached the server unchanged.
 */
public final class EchoServer implements AutoCloseable {

    /** Bodies up to this size are echoed whole; longer ones by length and digest only. */
    public static final int ECHO_LIMIT = 256;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);

    private EchoServer(HttpServer server) {
        this.server = server;
        server.setExecutor(executor);
        server.createContext("/", this::answer);
        server.start();
    }

    public static EchoServer start() throws IOException {
        return new EchoServer(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64));
    }

    /** {@code 127.0.0.1:port}, for configurations. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private void answer(HttpExchange x) throws IOException {
        byte[] body;
        try (InputStream in = x.getRequestBody()) {
            body = in.readAllBytes();
        }
        StringBuilder s = new StringBuilder();
        s.append(x.getRequestMethod()).append(' ').append(x.getRequestURI()).append(' ').append(x.getProtocol())
                .append('\n');
        Map<String, List<String>> headers = new TreeMap<>();
        x.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v));
        headers.forEach((k, v) -> v.forEach(value -> s.append(k).append(": ").append(value).append('\n')));
        s.append("body-length: ").append(body.length).append('\n');
        s.append("body-sha256: ").append(sha256(body)).append('\n');
        if (body.length <= ECHO_LIMIT) {
            s.append(new String(body, StandardCharsets.ISO_8859_1)).append('\n');
        }
        byte[] out = s.toString().getBytes(StandardCharsets.ISO_8859_1);
        x.getResponseHeaders().set("Content-Type", "text/plain");
        x.sendResponseHeaders(200, out.length);
        try (OutputStream o = x.getResponseBody()) {
            o.write(out);
        }
    }

    /** The hex SHA-256 of some bytes, as the server reports a body's. */
    public static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
