package dev.fulcrum.proxyprotocol;

import dev.fulcrum.testing.Haproxy;
import dev.fulcrum.testing.SideBySide;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The PROXY protocol through the real haproxy 2.6 and through Fulcrum, same
 * configuration, same raw bytes from the client: the same answer (which shows the
 * addresses fetches, {@code %ci} and X-Forwarded-For see, and the header a
 * {@code send-proxy[-v2]} server received, decoded by {@link ProxyCaptureServer}),
 * the same reset for bad headers, and the same log line.
 */
class ProxyProtocolDifferentialTest {

    private static final List<String> FRONTENDS = List.of("fe_accept", "fe_chain", "fe_plain", "fe_expect");

    private static final String CONFIG = """
            global
              log 127.0.0.1:${SYSLOG} format raw local0
            defaults
              mode http
              log global
              option httplog
              timeout client 1s
              timeout server 3s
              timeout connect 1s
            frontend fe_accept
              bind 127.0.0.1:${fe_accept} accept-proxy
              http-request return status 200 content-type text/plain lf-string "src=%[src]:%[src_port] dst=%[dst]:%[dst_port] rcvd=%[fc_rcvd_proxy] auth=%[fc_pp_authority] uid=%[fc_pp_unique_id] ci=%ci:%cp fi=%fi:%fp allowed=%[src,ipmask(8)]"
            frontend fe_chain
              bind 127.0.0.1:${fe_chain} name chain accept-proxy
              option forwardfor
              unique-id-format req-%[src]
              use_backend be_v1 if { path_beg /v1 }
              default_backend be_v2
            frontend fe_plain
              bind 127.0.0.1:${fe_plain}
              use_backend be_v1 if { path_beg /v1 }
              default_backend be_v2
            frontend fe_expect
              bind 127.0.0.1:${fe_expect}
              tcp-request connection expect-proxy layer4 if { src 127.0.0.0/8 }
              tcp-request session reject if { src 203.0.113.9 }
              http-request return status 200 content-type text/plain lf-string "src=%[src] rcvd=%[fc_rcvd_proxy]"
            backend be_v1
              server s1 ${CAPTURE} send-proxy
            backend be_v2
              server s1 ${CAPTURE} send-proxy-v2 proxy-v2-options crc32c,authority,unique-id
            """;

    private static ProxyCaptureServer capture;
    private static SideBySide both;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Haproxy.available(), "haproxy 2.6 installed");
        capture = new ProxyCaptureServer();
        both = SideBySide.of(CONFIG).ports(FRONTENDS).syslog("SYSLOG").vars(Map.of("CAPTURE", capture.address()))
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {both, capture}) {
            if (c != null) {
                c.close();
            }
        }
    }

    private static final String GET = "GET /x HTTP/1.1\r\nHost: h\r\n\r\n";
    private static final String V2_SIG = "0d0a0d0a000d0a515549540a";

    /** A v2 header from hex: signature, then version/command, family, length and the rest. */
    private static byte[] v2(String hex) {
        return HexFormat.of().parseHex(V2_SIG + hex.replace(" ", ""));
    }

    private static byte[] concat(byte[] a, String b) {
        byte[] t = b.getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[a.length + t.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(t, 0, out, a.length, t.length);
        return out;
    }

    private static Arguments c(String fe, String name, byte[] bytes) {
        return Arguments.of(fe, name, bytes);
    }

    private static Arguments c(String fe, String name, String text) {
        return Arguments.of(fe, name, text.getBytes(StandardCharsets.ISO_8859_1));
    }

    static Stream<Arguments> exchanges() {
        // 192.0.2.1:1234 -> 198.51.100.2:80 over IPv4
        String tcp4 = "21 11 000c c0000201 c6336402 04d2 0050";
        String tcp6 = "21 21 0024 20010db8000000000000000000000001 20010db8000000000000000000000002 04d2 0050";
        List<Arguments> a = new ArrayList<>();
        a.add(c("fe_accept", "v1 TCP4", "PROXY TCP4 192.0.2.1 198.51.100.2 1234 80\r\n" + GET));
        a.add(c("fe_accept", "v1 TCP6", "PROXY TCP6 2001:db8::1 2001:db8::2 1234 80\r\n" + GET));
        a.add(c("fe_accept", "v1 UNKNOWN keeps the real addresses", "PROXY UNKNOWN\r\n" + GET));
        a.add(c("fe_accept", "v1 with an out-of-range octet and port", "PROXY TCP4 300.0.2.1 198.51.100.2 123456 80\r\n" + GET));
        a.add(c("fe_accept", "v1 missing fields", "PROXY TCP4 192.0.2.1\r\n"));
        a.add(c("fe_accept", "v1 other protocol", "PROXY UDP4 192.0.2.1 198.51.100.2 1234 80\r\n" + GET));
        a.add(c("fe_accept", "v1 without its end of line", "PROXY TCP4 192.0.2.1 198.51.100.2 1234 80"));
        a.add(c("fe_accept", "no header at all", GET));
        a.add(c("fe_accept", "a short garbage line", "hello\r\n"));
        a.add(c("fe_accept", "v2 TCP4", concat(v2(tcp4), GET)));
        a.add(c("fe_accept", "v2 TCP6", concat(v2(tcp6), GET)));
        a.add(c("fe_accept", "v2 LOCAL", concat(v2("20 00 0000"), GET)));
        a.add(c("fe_accept", "v2 UNSPEC", concat(v2("21 00 0000"), GET)));
        a.add(c("fe_accept", "v2 with authority, unique id and an unknown TLV",
                concat(v2("21 11 0021 c0000201 c6336402 04d2 0050 02 0007 6578616d706c65 05 0003 616263 e0 0002 ffff"), GET)));
        a.add(c("fe_accept", "v2 TLV running past the header",
                concat(v2("21 11 0010 c0000201 c6336402 04d2 0050 02 0009 41"), GET)));
        a.add(c("fe_accept", "v2 with a wrong CRC32C", concat(v2("21 11 0013 c0000201 c6336402 04d2 0050 03 0004 00000000"), GET)));
        a.add(c("fe_accept", "v2 version 3", concat(v2("31 11 000c c0000201 c6336402 04d2 0050"), GET)));
        a.add(c("fe_accept", "v2 cut short", v2("21 11 000c c0000201")));
        a.add(c("fe_chain", "v1 client to a send-proxy server", "PROXY TCP4 192.0.2.1 198.51.100.2 1234 80\r\nGET /v1 HTTP/1.1\r\nHost: h\r\n\r\n"));
        a.add(c("fe_chain", "v2 client with authority to a send-proxy-v2 server",
                concat(v2("21 11 0016 c0000201 c6336402 04d2 0050 02 0007 6578616d706c65"), GET)));
        a.add(c("fe_chain", "v1 TCP6 client to a send-proxy-v2 server", "PROXY TCP6 2001:db8::1 2001:db8::2 1234 80\r\n" + GET));
        a.add(c("fe_chain", "v1 TCP6 client to a send-proxy server", "PROXY TCP6 2001:db8::1 2001:db8::2 1234 80\r\nGET /v1 HTTP/1.1\r\nHost: h\r\n\r\n"));
        a.add(c("fe_expect", "expect-proxy with a header", "PROXY TCP4 192.0.2.1 198.51.100.2 1234 80\r\n" + GET));
        a.add(c("fe_expect", "expect-proxy without one", GET));
        a.add(c("fe_expect", "session rules see the header's source", "PROXY TCP4 203.0.113.9 198.51.100.2 1234 80\r\n" + GET));
        return a.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("exchanges")
    void sameAnswerAndLogAsHaproxy(String frontend, String name, byte[] bytes) throws Exception {
        both.haproxyLog().drain();
        both.fulcrumLog().drain();
        String expected = exchange(both.haproxyPort(frontend), bytes);
        String actual = exchange(both.fulcrumPort(frontend), bytes);
        assertThat(normalize(actual, both.fulcrumPort(frontend))).as(name)
                .isEqualTo(normalize(expected, both.haproxyPort(frontend)));
        String expectedLog = both.haproxyLog().poll(3000);
        String actualLog = both.fulcrumLog().poll(3000);
        assertThat(normalizeLog(actualLog, both.fulcrumPort(frontend))).as(name + " (log)")
                .isEqualTo(normalizeLog(expectedLog, both.haproxyPort(frontend)));
    }

    @Test
    void plainClientsToSendProxyServers() throws Exception {
        for (String path : List.of("/v1", "/v2")) {
            String request = "GET " + path + " HTTP/1.1\r\nHost: h\r\n\r\n";
            byte[] bytes = request.getBytes(StandardCharsets.ISO_8859_1);
            String expected = exchange(both.haproxyPort("fe_plain"), bytes);
            String actual = exchange(both.fulcrumPort("fe_plain"), bytes);
            assertThat(normalize(actual, both.fulcrumPort("fe_plain"))).as(path)
                    .isEqualTo(normalize(expected, both.haproxyPort("fe_plain")));
            assertThat(actual).contains("PROXY v");
        }
    }

    /** Sends the bytes at once, reads until the peer closes or goes quiet; a reset is part of the answer. */
    private static String exchange(int port, byte[] bytes) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            s.setSoTimeout(2500);
            s.getOutputStream().write(bytes);
            s.getOutputStream().flush();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[4096];
            try {
                int n;
                while ((n = in.read(buf)) > 0) {
                    got.write(buf, 0, n);
                    if (got.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n") && complete(got)) {
                        break;
                    }
                }
                return got.toString(StandardCharsets.ISO_8859_1) + (n < 0 ? "[closed]" : "");
            } catch (SocketTimeoutException e) {
                return got.toString(StandardCharsets.ISO_8859_1) + "[silent]";
            } catch (IOException e) {
                return got.toString(StandardCharsets.ISO_8859_1) + "[reset]";
            }
        }
    }

    /** Whether a response with a Content-Length has all its body. */
    private static boolean complete(ByteArrayOutputStream got) {
        String s = got.toString(StandardCharsets.ISO_8859_1);
        int end = s.indexOf("\r\n\r\n");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?im)^content-length: *(\\d+)").matcher(s);
        return m.find() && m.start() < end && s.length() - end - 4 >= Integer.parseInt(m.group(1));
    }

    /** Removes what legitimately differs: ephemeral ports, the frontend's own port, and the body length they change. */
    private static String normalize(String s, int frontendPort) {
        return s.replace(":" + frontendPort, ":FE").replace("port=" + frontendPort, "port=FE")
                .replace("dst_port=" + frontendPort, "FE")
                .replaceAll("(127\\.0\\.0\\.1[:/])\\d{4,5}", "$1PORT").replaceAll("(?i)content-length: \\d+", "content-length: N")
                .replaceAll("(dst=127\\.0\\.0\\.1):\\d+", "$1:FE")
                .replaceAll("(127\\.0\\.0\\.1 127\\.0\\.0\\.1) \\d+ \\d+", "$1 PORT FE");
    }

    private static String normalizeLog(String line, int frontendPort) {
        if (line == null) {
            return "(no log line)";
        }
        return normalize(line, frontendPort).replaceAll("\\[\\d\\d/\\w+/\\d{4}:[\\d:.]+\\]", "[DATE]")
                .replaceAll(" \\d+/-?\\d+/-?\\d+/-?\\d+/\\d+ ", " TIMERS ").replaceAll("^<\\d+>", "")
                .replaceAll(" \\d+/\\d+/\\d+/\\d+/\\d+ ", " COUNTERS ").replaceAll(" (\\d{3}) \\d+ ", " $1 BYTES ");
    }
}
