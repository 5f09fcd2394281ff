package dev.fulcrum.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A raw TCP client for exact bytes: sends what it is told and reads responses
 * framed by Content-Length, so tests can check status lines and header bytes as
 * they are on the wire.
 */
public final class RawHttp implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    public RawHttp(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** The client's own port, to find its connection in the kernel's tables. */
    public int localPort() {
        return socket.getLocalPort();
    }

    public RawHttp send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return this;
    }

    public RawHttp send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Half-closes: the client sends nothing more (a FIN) but keeps reading. */
    public RawHttp shutdownOutput() throws IOException {
        socket.shutdownOutput();
        return this;
    }

    public RawHttp timeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
        return this;
    }

    /** Reads one response (head and Content-Length body); returns it as text. */
    public String readResponse() throws IOException {
        byte[] head = readUntilHeadEnd();
        String h = new String(head, StandardCharsets.ISO_8859_1);
        int length = -1;
        for (String line : h.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
                length = Integer.parseInt(line.substring(colon + 1).trim());
            }
        }
        if (length < 0) {
            boolean bodyless = h.startsWith("HTTP/1.1 204") || h.startsWith("HTTP/1.1 304") || h.startsWith("HTTP/1.1 1");
            if (bodyless || h.toLowerCase().contains("transfer-encoding: chunked")) {
                length = 0;
            } else {
                return h + readToClose(); // a body delimited by the close
            }
        }
        byte[] body = readExactly(length);
        return h + new String(body, StandardCharsets.ISO_8859_1);
    }

    /** Reads until the peer closes; returns everything read. */
    public String readToClose() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(pending.toByteArray());
        pending.reset();
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                b.write(buf, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new IOException("peer did not close; read so far: " + b.toString(StandardCharsets.ISO_8859_1), e);
        } catch (IOException e) {
            // a reset counts as a close here
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    /**
     * Reads whatever arrives until the peer closes, or stays silent for
     * {@code quietMillis} once something arrived ({@code firstMillis} before
     * that); the result ends with {@code [closed]} or {@code [open]}.
     */
    public String readAvailable(int firstMillis, int quietMillis) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(pending.toByteArray());
        pending.reset();
        socket.setSoTimeout(b.size() > 0 ? quietMillis : firstMillis);
        byte[] buf = new byte[8192];
        String end;
        try {
            for (int n; ; ) {
                n = in.read(buf);
                if (n < 0) {
                    end = "[closed]";
                    break;
                }
                b.write(buf, 0, n);
                socket.setSoTimeout(quietMillis);
            }
        } catch (SocketTimeoutException e) {
            end = "[open]";
        } catch (IOException e) {
            end = "[closed]"; // a reset counts as a close
        }
        return b.toString(StandardCharsets.ISO_8859_1) + end;
    }

    /** Whether the peer closed the connection (reads EOF within the timeout). */
    public boolean closedByPeer(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private byte[] readUntilHeadEnd() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] carry = pending.toByteArray();
        pending.reset();
        int i = 0;
        while (true) {
            int c;
            if (i < carry.length) {
                c = carry[i++] & 0xff;
            } else {
                c = in.read();
            }
            if (c < 0) {
                throw new IOException("connection closed before the end of a head: " + b);
            }
            b.write(c);
            byte[] s = b.toByteArray();
            int n = s.length;
            if (n >= 4 && s[n - 4] == '\r' && s[n - 3] == '\n' && s[n - 2] == '\r' && s[n - 1] == '\n') {
                if (i < carry.length) {
                    pending.write(carry, i, carry.length - i);
                }
                return s;
            }
        }
    }

    private byte[] readExactly(int n) throws IOException {
        byte[] out = new byte[n];
        byte[] carry = pending.toByteArray();
        pending.reset();
        int off = Math.min(n, carry.length);
        System.arraycopy(carry, 0, out, 0, off);
        if (carry.length > n) {
            pending.write(carry, n, carry.length - n);
        }
        while (off < n) {
            int r = in.read(out, off, n - off);
            if (r < 0) {
                throw new IOException("connection closed in a body");
            }
            off += r;
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
