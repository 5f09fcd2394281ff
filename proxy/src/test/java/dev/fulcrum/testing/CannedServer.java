package dev.fulcrum.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A server that answers each connection's first request with canned bytes
 * chosen by the last segment of the request path, written at once, then closes
 * the connection a moment later: for feeding a proxy responses no real server
 * library would produce (bad framing, odd status lines, unrequested upgrades).
 * Unknown paths get a 404 with an empty body.
 */
public final class CannedServer implements AutoCloseable {

    private final ServerSocket socket;
    private final Map<String, byte[]> answers;

    public CannedServer(Map<String, String> answers) throws IOException {
        this.answers = answers.entrySet().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
                Map.Entry::getKey, e -> e.getValue().getBytes(StandardCharsets.ISO_8859_1)));
        socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread.ofPlatform().daemon().name("canned-server").start(this::accept);
    }

    public String address() {
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

    private void serve(Socket s) {
        try (s) {
            String head = readHead(s.getInputStream());
            if (head == null) {
                return;
            }
            String path = head.split(" ", 3)[1];
            String key = path.substring(path.lastIndexOf('/') + 1);
            byte[] answer = answers.getOrDefault(key,
                    "HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().write(answer);
            s.getOutputStream().flush();
            Thread.sleep(200); // let the proxy read it all before the close
        } catch (IOException | InterruptedException | RuntimeException e) {
            // the peer went away
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int last = 0;
        for (int c; (c = in.read()) >= 0; ) {
            b.write(c);
            last = last << 8 | c;
            if (last == 0x0d0a0d0a) {
                return b.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
