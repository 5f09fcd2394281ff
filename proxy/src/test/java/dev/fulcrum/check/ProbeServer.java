package dev.fulcrum.check;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback server that health checks and agent checks talk to, which the test
 * turns down (connections refused), up, slow (accepts, never answers) and
 * garbled. It counts the connections it accepted (one per check run) and keeps
 * what each one sent.
 */
final class ProbeServer implements AutoCloseable {

    /** What the server answers, given what the check sent. */
    @FunctionalInterface
    interface Reply {
        byte[] answer(byte[] request);
    }

    private final int port;
    private volatile ServerSocket socket;
    private volatile Reply reply;
    /** Answer without waiting for a request (agents, banners). */
    private volatile boolean speakFirst;
    private volatile boolean silent;
    /** Answer every request on the connection (SMTP-like dialogues), not only the first. */
    private volatile boolean conversation;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    private ProbeServer(int port) {
        this.port = port;
    }

    static ProbeServer start(Reply reply) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        ProbeServer p = new ProbeServer(s.getLocalPort());
        p.reply = reply;
        p.listen(s);
        return p;
    }

    static ProbeServer http(int status, String reason, String body) throws IOException {
        return start(httpReply(status, reason, body));
    }

    static Reply httpReply(int status, String reason, String body) {
        byte[] b = ("HTTP/1.1 " + status + " " + reason + "\r\nContent-Length: " + body.length()
                + "\r\nContent-Type: text/plain\r\n\r\n" + body).getBytes(StandardCharsets.ISO_8859_1);
        return request -> b;
    }

    static Reply text(String text) {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        return request -> b;
    }

    int port() {
        return port;
    }

    int connections() {
        return connections.get();
    }

    List<String> requests() {
        return requests;
    }

    /** Answers {@code r} from now on (and comes back up if it was down). */
    synchronized ProbeServer answer(Reply r) throws IOException {
        this.reply = r;
        this.silent = false;
        up();
        return this;
    }

    ProbeServer conversation(boolean on) {
        this.conversation = on;
        return this;
    }

    ProbeServer speakFirst(boolean on) {
        this.speakFirst = on;
        return this;
    }

    /** Accepts connections but never answers: checks time out. */
    synchronized void slow() throws IOException {
        silent = true;
        up();
    }

    /** Stops listening: checks get "Connection refused". */
    synchronized void down() throws IOException {
        ServerSocket s = socket;
        socket = null;
        if (s != null) {
            s.close();
        }
    }

    synchronized void up() throws IOException {
        if (socket != null) {
            return;
        }
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        listen(s);
    }

    private void listen(ServerSocket s) {
        this.socket = s;
        Thread t = new Thread(() -> {
            while (!s.isClosed()) {
                try {
                    Socket c = s.accept();
                    connections.incrementAndGet();
                    Thread h = new Thread(() -> serve(c), "probe-conn");
                    h.setDaemon(true);
                    h.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "probe-accept-" + port);
        t.setDaemon(true);
        t.start();
    }

    private void serve(Socket c) {
        try (c) {
            if (silent) {
                held.add(c);
                c.getInputStream().readAllBytes(); // until the checker gives up and closes
                return;
            }
            Reply r = reply;
            if (conversation) {
                OutputStream out = c.getOutputStream();
                if (speakFirst) {
                    out.write(r.answer(new byte[0]));
                }
                for (int i = 0; i < 16; i++) {
                    byte[] req = readRequest(c);
                    if (req.length == 0) {
                        return;
                    }
                    requests.add(new String(req, StandardCharsets.ISO_8859_1));
                    out.write(r.answer(req));
                }
                return;
            }
            byte[] request = new byte[0];
            if (!speakFirst) {
                request = readRequest(c);
            }
            requests.add(new String(request, StandardCharsets.ISO_8859_1));
            OutputStream out = c.getOutputStream();
            out.write(r.answer(request));
            out.flush();
            if (speakFirst) {
                try {
                    byte[] more = readRequest(c);
                    if (more.length > 0) {
                        requests.add(new String(more, StandardCharsets.ISO_8859_1));
                    }
                } catch (IOException e) {
                    // the checker closed
                }
            }
        } catch (IOException e) {
            // the checker closed first
        }
    }

    /** Reads until an HTTP head ends, a line ends for short commands, or the sender pauses. */
    private static byte[] readRequest(Socket c) throws IOException {
        // generous: a check's first run in a cold JVM may be slow to send
        c.setSoTimeout(2000);
        InputStream in = c.getInputStream();
        byte[] buf = new byte[8192];
        int n = 0;
        try {
            while (n < buf.length) {
                int k = in.read(buf, n, buf.length - n);
                if (k < 0) {
                    break;
                }
                n += k;
                c.setSoTimeout(150); // once something arrived, a pause ends a request that has no head
                String s = new String(buf, 0, n, StandardCharsets.ISO_8859_1);
                int head = s.indexOf("\r\n\r\n");
                if (head >= 0) {
                    int cl = s.toLowerCase().indexOf("content-length: ");
                    if (cl < 0) {
                        break;
                    }
                    int len = Integer.parseInt(s.substring(cl + 16, s.indexOf("\r\n", cl)).trim());
                    if (n >= head + 4 + len) {
                        break;
                    }
                }
            }
        } catch (SocketTimeoutException e) {
            // a pause: what arrived is the request
        }
        return java.util.Arrays.copyOf(buf, n);
    }

    @Override
    public void close() throws IOException {
        down();
        for (Socket s : held) {
            s.close();
        }
    }
}
