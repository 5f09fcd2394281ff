package dev.fulcrum.lb;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the load-balancing differential tests use around a running haproxy (see
 * {@link dev.fulcrum.testing.Haproxy}): a keep-alive client that reads one
 * header, and stats-socket commands.
 */
final class HaproxyProbe {

    private HaproxyProbe() {
    }

    /** A keep-alive HTTP/1.1 client that returns one response header per request. */
    static final class Http implements AutoCloseable {
        private final int port;
        private Socket socket;
        private InputStream in;
        private OutputStream out;

        Http(int port) {
            this.port = port;
        }

        /** Sends a GET and returns the value of {@code wanted} in the response, or {@code null}. */
        String get(String target, Map<String, String> headers, String wanted) throws IOException {
            for (int attempt = 0; ; attempt++) {
                try {
                    return exchange(target, headers, wanted);
                } catch (IOException e) {
                    close();
                    if (attempt == 2) {
                        throw e;
                    }
                }
            }
        }

        private String exchange(String target, Map<String, String> headers, String wanted) throws IOException {
            if (socket == null) {
                socket = new Socket(InetAddress.getLoopbackAddress(), port);
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(5000);
                in = new BufferedInputStream(socket.getInputStream());
                out = socket.getOutputStream();
            }
            // haproxy requires the Host of an absolute-form request to match its authority.
            String host = "t";
            if (target.startsWith("http://")) {
                int slash = target.indexOf('/', 7);
                host = target.substring(7, slash < 0 ? target.length() : slash);
            }
            StringBuilder req = new StringBuilder(128).append("GET ").append(target).append(" HTTP/1.1\r\nhost: ")
                    .append(host).append("\r\n");
            headers.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
            out.write(req.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String found = null;
            int length = 0;
            boolean close = false;
            String status = line();
            if (status == null) {
                throw new IOException("connection closed");
            }
            for (String h; !(h = line()).isEmpty(); ) {
                int colon = h.indexOf(':');
                String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = h.substring(colon + 1).trim();
                if (name.equals(wanted)) {
                    found = value;
                } else if (name.equals("content-length")) {
                    length = Integer.parseInt(value);
                } else if (name.equals("connection") && value.equalsIgnoreCase("close")) {
                    close = true;
                }
            }
            in.readNBytes(length);
            if (close) {
                close();
            }
            return found;
        }

        private String line() throws IOException {
            StringBuilder b = new StringBuilder();
            for (int c; (c = in.read()) != -1; ) {
                if (c == '\n') {
                    int n = b.length();
                    return n > 0 && b.charAt(n - 1) == '\r' ? b.substring(0, n - 1) : b.toString();
                }
                b.append((char) c);
            }
            return b.isEmpty() ? null : b.toString();
        }

        @Override
        public void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
                socket = null;
            }
        }
    }

    /** Sends one command to a stats socket listening on 127.0.0.1:{@code port} and returns the answer. */
    static String command(int port, String command) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.getOutputStream().write((command + "\n").getBytes(StandardCharsets.ISO_8859_1));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1).trim();
        }
    }
}
