package dev.fulcrum.sample;

import dev.fulcrum.testing.Haproxy;
import dev.fulcrum.testing.Ports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs the real haproxy (see {@link Haproxy}) on a loopback port behind a
 * fixed preamble for the sample differential tests, and sends it raw HTTP/1.1
 * requests so that both sides see exactly the same bytes.
 */
public final class HaproxyProcess implements AutoCloseable {

    private final Haproxy haproxy;
    private final int port;
    private final Path dir;

    private HaproxyProcess(Haproxy haproxy, int port, Path dir) {
        this.haproxy = haproxy;
        this.port = port;
        this.dir = dir;
    }

    public static boolean available() {
        return Haproxy.available();
    }

    /** A free loopback port (see {@link Ports#free()}). */
    public static int freePort() {
        return Ports.free();
    }

    /** Starts haproxy with {@code body} after a global/defaults preamble; {@code %PORT%} is replaced. */
    public static HaproxyProcess start(String body, int port) throws IOException, InterruptedException {
        String text = """
                global
                  log stderr local0
                defaults
                  mode http
                  timeout client 5s
                  timeout server 5s
                  timeout connect 5s
                """ + body.replace("%PORT%", Integer.toString(port));
        Path dir = Files.createTempDirectory("fulcrum-diff");
        try {
            Haproxy.Result check = Haproxy.check(dir, text);
            if (check.status() != 0) {
                throw new IllegalStateException("haproxy rejected the test configuration:\n" + check.output());
            }
            return new HaproxyProcess(Haproxy.start(text, port), port, dir);
        } catch (IOException | InterruptedException | RuntimeException e) {
            delete(dir);
            throw e;
        }
    }

    public int port() {
        return port;
    }

    /** Sends {@code request} (a complete HTTP/1.1 message) and returns the response body. */
    public byte[] exchange(String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            byte[] r = all.toByteArray();
            String head = new String(r, StandardCharsets.ISO_8859_1);
            int end = head.indexOf("\r\n\r\n");
            if (end < 0) {
                throw new IOException("no response head: " + head);
            }
            byte[] body = new byte[r.length - end - 4];
            System.arraycopy(r, end + 4, body, 0, body.length);
            return body;
        }
    }

    /**
     * A GET request for {@code uri} with {@code headers} (name, value pairs) and
     * {@code x-t: <marker>}, which the test configuration uses to pick a rule.
     */
    public static String request(String uri, String[][] headers, int marker) {
        StringBuilder b = new StringBuilder("GET " + uri + " HTTP/1.1\r\n");
        for (String[] h : headers) {
            b.append(h[0]).append(": ").append(h[1]).append("\r\n");
        }
        return b.append("x-t: ").append(marker).append("\r\nConnection: close\r\n\r\n").toString();
    }

    /**
     * The request of {@link #request} as Fulcrum's data path presents it to
     * fetches: haproxy consumes the Connection header while parsing.
     */
    public static dev.fulcrum.http.HttpRequestHead head(String uri, String[][] headers, int marker) {
        dev.fulcrum.http.HttpHeaders h = new dev.fulcrum.http.HttpHeaders();
        for (String[] kv : headers) {
            h.add(kv[0], kv[1]);
        }
        h.add("x-t", Integer.toString(marker));
        return new dev.fulcrum.http.HttpRequestHead("GET", uri, "HTTP/1.1", h);
    }

    @Override
    public void close() throws IOException {
        try {
            haproxy.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            delete(dir);
        }
    }

    private static void delete(Path dir) throws IOException {
        Files.deleteIfExists(dir.resolve("t.cfg"));
        Files.deleteIfExists(dir);
    }
}
