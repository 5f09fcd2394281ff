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
    private volatile Thread acceptor;
    private volatile Reply reply;
    /** Answer without waiting for a request (agents, banners). */
    private volatile boolean speakFirst;
    private volatile boolean silent;
    /** Answer every request on the connection (SMTP-like dialogues), not only the first. */
    private volatile boolean conversation;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    /** With TLS: how the server speaks it; {@code null} for plain TCP. */
    private volatile TestTls.Server tls;
    /** The SNI each TLS connection asked for ({@code ""} for none), and the ALPN protocol agreed ({@code ""}). */
    private final List<String> snis = new CopyOnWriteArrayList<>();
    private final List<String> alpns = new CopyOnWriteArrayList<>();
    /** The cipher suite each TLS connection agreed on (JDK names). */
    private final List<String> cipherSuites = new CopyOnWriteArrayList<>();
    private final AtomicInteger handshakeFailures = new AtomicInteger();

    private ProbeServer(int port) {
        this.port = port;
    }

    static ProbeServer start(Reply reply) throws IOException {
        return start(reply, null);
    }

    /** A probe that speaks TLS as {@code tls} says (plain TCP when {@code null}). */
    static ProbeServer start(Reply reply, TestTls.Server tls) throws IOException {
        ServerSocket s = socket(tls);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        ProbeServer p = new ProbeServer(s.getLocalPort());
        p.reply = reply;
        p.tls = tls;
        p.listen(s);
        return p;
    }

    private static ServerSocket socket(TestTls.Server tls) throws IOException {
        ServerSocket s = tls == null ? new ServerSocket() : tls.serverSocket();
        s.setReuseAddress(true);
        return s;
    }

    /** Speaks TLS as {@code t} says (plain TCP for {@code null}) from the next {@link #up()} on. */
    ProbeServer tls(TestTls.Server t) {
        this.tls = t;
        return this;
    }

    List<String> snis() {
        return snis;
    }

    List<String> alpns() {
        return alpns;
    }

    List<String> cipherSuites() {
        return cipherSuites;
    }

    int handshakeFailures() {
        return handshakeFailures.get();
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

    /**
     * Stops listening: checks get "Connection refused". Connections already
     * through the handshake are accepted and served first (closing the
     * listener would reset them, and a check under way would fail for a reason
     * that depends on timing): the listener closes at the first lull.
     */
    synchronized void down() throws IOException {
        ServerSocket s = socket;
        socket = null;
        Thread t = acceptor;
        if (s != null) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            s.close();
        }
    }

    synchronized void up() throws IOException {
        if (socket != null) {
            return;
        }
        ServerSocket s = socket(tls);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        listen(s);
    }

    private void listen(ServerSocket s) throws IOException {
        s.setSoTimeout(20); // to see down() between connections
        this.socket = s;
        Thread t = new Thread(() -> {
            while (!s.isClosed()) {
                try {
                    Socket c = s.accept();
                    c.setSoTimeout(0);
                    connections.incrementAndGet();
                    Thread h = new Thread(() -> serve(c), "probe-conn");
                    h.setDaemon(true);
                    h.start();
                } catch (java.net.SocketTimeoutException lull) {
                    if (socket != s) {
                        close(s); // down(), and nothing waits to be accepted
                        return;
                    }
                } catch (IOException e) {
                    return;
                }
            }
        }, "probe-accept-" + port);
        t.setDaemon(true);
        acceptor = t;
        t.start();
    }

    private static void close(ServerSocket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    private void serve(Socket c) {
        try (c) {
            if (c instanceof javax.net.ssl.SSLSocket ssl && !handshake(ssl)) {
                return;
            }
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

    private boolean handshake(javax.net.ssl.SSLSocket ssl) {
        try {
            ssl.setSoTimeout(2000);
            ssl.startHandshake();
            // (with TLS 1.3 a missing client certificate only shows at the first read, as for the checker)
        } catch (IOException e) {
            handshakeFailures.incrementAndGet();
            return false;
        }
        String sni = "";
        if (ssl.getSession() instanceof javax.net.ssl.ExtendedSSLSession x) {
            for (javax.net.ssl.SNIServerName n : x.getRequestedServerNames()) {
                if (n instanceof javax.net.ssl.SNIHostName h) {
                    sni = h.getAsciiName();
                }
            }
        }
        snis.add(sni);
        cipherSuites.add(ssl.getSession().getCipherSuite());
        String alpn = ssl.getApplicationProtocol();
        alpns.add(alpn == null ? "" : alpn);
        return true;
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
