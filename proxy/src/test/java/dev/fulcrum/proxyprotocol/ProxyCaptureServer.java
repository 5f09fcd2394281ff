package dev.fulcrum.proxyprotocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A backend for {@code send-proxy[-v2]} servers and {@code check-send-proxy}
 * checks: on each connection it decodes the PROXY header that comes first,
 * records it, and answers each HTTP request with a description of that header
 * and of the request head, so the client sees what the server received.
 */
final class ProxyCaptureServer implements AutoCloseable {

    private final ServerSocket server;
    /** One entry per connection: the header as described, or what was wrong. */
    final List<String> headers = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    ProxyCaptureServer() throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress("127.0.0.1", 0));
        acceptor = new Thread(this::accept, "proxy-capture");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread t = new Thread(() -> serve(s), "proxy-capture-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            s.setSoTimeout(5000);
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            String header = null;
            int headerEnd = 0;
            while (true) {
                int n = in.read(buf);
                if (n < 0) {
                    if (header == null) {
                        headers.add(got.size() == 0 ? "nothing" : "undecoded: " + got.size() + " bytes");
                    }
                    return;
                }
                got.write(buf, 0, n);
                byte[] all = got.toByteArray();
                if (header == null) {
                    ByteBuf b = Unpooled.wrappedBuffer(all);
                    switch (ProxyHeaderDecoder.decode(b)) {
                        case ProxyHeaderDecoder.NeedMore m -> {
                            continue;
                        }
                        case ProxyHeaderDecoder.Failed f -> {
                            headers.add("bad: " + f.error());
                            return;
                        }
                        case ProxyHeaderDecoder.Decoded d -> {
                            header = describe(d.header(), all, d.length());
                            headerEnd = d.length();
                            headers.add(header);
                        }
                    }
                }
                String rest = new String(all, headerEnd, all.length - headerEnd, StandardCharsets.ISO_8859_1);
                int end = rest.indexOf("\r\n\r\n");
                if (end >= 0) {
                    String body = header + "\n" + rest.substring(0, end).replace("\r\n", "\n") + "\n";
                    byte[] out = body.getBytes(StandardCharsets.ISO_8859_1);
                    s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: " + out.length
                            + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    s.getOutputStream().write(out);
                    s.getOutputStream().flush();
                    return;
                }
            }
        } catch (IOException e) {
            // the peer went away
        }
    }

    private static String describe(ProxyHeader h, byte[] raw, int length) {
        StringBuilder b = new StringBuilder("PROXY v").append(h.version());
        if (h.version() == 2) {
            b.append(raw[12] == 0x20 ? " LOCAL" : " PROXY");
        }
        b.append(" src=").append(h.source()).append(" dst=").append(h.destination());
        if (h.authority() != null) {
            b.append(" authority=").append(h.authority());
        }
        if (h.uniqueId() != null) {
            b.append(" unique-id=").append(h.uniqueId());
        }
        b.append(" length=").append(length);
        if (h.version() == 1) {
            b.append(" line=").append(new String(raw, 0, length - 2, StandardCharsets.ISO_8859_1));
        }
        return b.toString();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
