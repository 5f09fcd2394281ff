package dev.fulcrum.log;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A raw HTTP server for tests whose answer depends on the request path, to
 * produce the server-side events of termination states: {@code /bad} answers an
 * invalid response head, {@code /cut} closes in the middle of a body,
 * {@code .../slow/<ms>} waits before answering, {@code .../close} closes without
 * answering, {@code .../stall} stops for 2 s in the middle of a body; anything else answers
 * {@code 200} with a two-byte body. Keep-alive is honoured.
 */
final class ScriptedServer implements AutoCloseable {

    private final ServerSocket socket;
    private final Thread acceptor;
    /** The path of each request head received, in order: what a test waits for before its next step. */
    private final java.util.List<String> paths = new java.util.concurrent.CopyOnWriteArrayList<>();

    ScriptedServer() throws IOException {
        socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        acceptor = Thread.ofPlatform().daemon().name("scripted-server").start(this::accept);
    }

    String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    /** How many request heads for {@code path} arrived so far. */
    int received(String path) {
        return (int) paths.stream().filter(path::equals).count();
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                String path = head.split(" ", 3)[1];
                paths.add(path);
                int cl = contentLength(head);
                in.readNBytes(cl);
                if (path.startsWith("/bad")) {
                    out.write("HTTP/1.1 200 OK\r\nthis is not a header\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    return;
                }
                if (path.contains("/close")) {
                    return; // no answer at all
                }
                if (path.contains("/stall")) {
                    out.write("HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\nhello".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    Thread.sleep(2000);
                    return;
                }
                if (path.startsWith("/cut")) {
                    out.write("HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\nhello".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    Thread.sleep(50);
                    return;
                }
                int slow = path.indexOf("/slow/");
                if (slow >= 0) {
                    Thread.sleep(Long.parseLong(path.substring(slow + 6).replaceAll("[^0-9].*", "")));
                }
                out.write("HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            // the peer went away: nothing to answer
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        int last = 0;
        while ((c = in.read()) >= 0) {
            b.write(c);
            last = last << 8 | c;
            if (last == 0x0d0a0d0a) {
                return b.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
                return Integer.parseInt(line.substring(colon + 1).trim());
            }
        }
        return 0;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
