package dev.fulcrum.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A server that answers every request head with a 200 and never closes a
 * connection itself, so the kernel shows how the proxy ended it: a FIN leaves
 * this side in CLOSE_WAIT, a reset removes it.
 */
final class HoldingBackend implements AutoCloseable {

    private static final byte[] RESPONSE = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
            .getBytes(StandardCharsets.ISO_8859_1);

    private final ServerSocket server;
    private final BlockingQueue<Integer> peers = new LinkedBlockingQueue<>();
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    HoldingBackend() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    String address() {
        return "127.0.0.1:" + port();
    }

    /** Forgets the connections accepted so far (other tests' ones). */
    void forgetPeers() {
        peers.clear();
    }

    /** The proxy-side port of the next connection accepted. */
    int nextPeerPort() throws InterruptedException {
        Integer p = peers.poll(5, TimeUnit.SECONDS);
        if (p == null) {
            throw new AssertionError("no connection reached the backend");
        }
        return p;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                held.add(s);
                peers.add(s.getPort());
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void serve(Socket s) {
        try {
            InputStream in = s.getInputStream();
            int matched = 0;
            int b;
            while ((b = in.read()) >= 0) {
                matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
                if (matched == 4) {
                    s.getOutputStream().write(RESPONSE);
                    matched = 0;
                }
            }
        } catch (IOException e) {
            // reset by the proxy: the socket is gone from the kernel's table, which is what tests look at
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : held) {
            s.close();
        }
    }
}
