package dev.fulcrum.http;

import dev.fulcrum.testing.Haproxy;
import dev.fulcrum.testing.RawHttp;
import dev.fulcrum.testing.SideBySide;
import dev.fulcrum.testing.TestBackend;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The same configuration and the same raw requests through the real haproxy 2.6
 * and through Fulcrum: the client must receive the same bytes (status line,
 * headers, body), and the backend must receive the same request head, which the
 * backend echoes back in its body.
 */
class HttpDifferentialTest {

    private static TestBackend echo;
    private static final java.util.List<String> FRONTENDS = java.util.List.of("fe", "fe_ff", "fe_empty", "fe_errfile",
            "fe_errloc", "fe_errsect", "fe_ot", "fe_ffx", "fe_ffloop");
    private static SideBySide both;

    private static final String CONFIG = """
            defaults
              mode http
              timeout client 3s
              timeout server 3s
              timeout connect 1s
              timeout http-request 2s
            frontend fe
              bind 127.0.0.1:${PORT}
              default_backend be
            frontend fe_ff
              bind 127.0.0.1:${PORT_FF}
              option forwardfor
              option http-server-close
              default_backend be
            backend be
              server s1 ${ECHO}
            backend empty
              server s1 ${ECHO} disabled
            frontend fe_empty
              bind 127.0.0.1:${PORT_EMPTY}
              default_backend empty
            http-errors site
              errorfile 503 ${DIR}/e503-http10.http
            frontend fe_errfile
              bind 127.0.0.1:${PORT_ERRFILE}
              default_backend errfile
            backend errfile
              errorfile 503 ${DIR}/e503-nolength.http
              server s1 ${ECHO} disabled
            frontend fe_errloc
              bind 127.0.0.1:${PORT_ERRLOC}
              default_backend errloc
            backend errloc
              errorloc302 503 http://example.com/sorry
              server s1 ${ECHO} disabled
            frontend fe_errsect
              bind 127.0.0.1:${PORT_ERRSECT}
              errorfiles site
              default_backend empty
            frontend fe_ot
              bind 127.0.0.1:${PORT_OT}
              option originalto
              option httpclose
              default_backend be
            frontend fe_ffx
              bind 127.0.0.1:${PORT_FFX}
              option forwardfor except 127.0.0.2 header X-Real-Client if-none
              default_backend be
            frontend fe_ffloop
              bind 127.0.0.1:${PORT_FFLOOP}
              option forwardfor except 127.0.0.0/8
              option originalto header X-Dest except 127.0.0.0/8
              default_backend be
            """;

    private static java.nio.file.Path dir;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Haproxy.available(), "haproxy 2.6 installed");
        echo = TestBackend.start("echo").behavior((b, ctx, req, body) -> {
            StringBuilder s = new StringBuilder(req.method() + " " + req.uri() + " " + req.protocolVersion() + "\n");
            req.headers().forEach(h -> s.append(h.getKey()).append(": ").append(h.getValue()).append('\n'));
            s.append("body=").append(body);
            TestBackend.respond(ctx, req, HttpResponseStatus.OK, s.toString());
        });
        dir = java.nio.file.Files.createTempDirectory("errfiles");
        java.nio.file.Files.writeString(dir.resolve("e503-nolength.http"), "HTTP/1.1 503 Service Unavailable\r\n"
                + "Cache-Control: no-cache\r\nContent-Type: text/html\r\nX-Custom: Yes\r\n\r\n<h1>down</h1>\n");
        java.nio.file.Files.writeString(dir.resolve("e503-http10.http"), "HTTP/1.0 503 Down\r\nContent-Length: 5\r\n\r\nhello");
        both = SideBySide.start(CONFIG, FRONTENDS.stream().map(HttpDifferentialTest::portVar).toList(),
                Map.of("ECHO", echo.address(), "DIR", dir.toString()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (both != null) {
            both.close();
        }
        if (echo != null) {
            echo.close();
        }
        if (dir != null) {
            try (var files = java.nio.file.Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    static Stream<Arguments> requests() {
        return Stream.of(
                Arguments.of("fe", "plain GET", "GET /a?b=1 HTTP/1.1\r\nHost: example.com\r\nUser-Agent: t/1\r\n\r\n"),
                Arguments.of("fe", "mixed-case headers", "GET / HTTP/1.1\r\nHost: a\r\nX-Mixed-Case: Value\r\nACCEPT: */*\r\n\r\n"),
                Arguments.of("fe", "two spaces after method", "GET  / HTTP/1.1\r\nHost: a\r\n\r\n"),
                Arguments.of("fe", "tab separator", "GET\t/ HTTP/1.1\r\nHost: a\r\n\r\n"),
                Arguments.of("fe", "HTTP/1.2 becomes 1.1", "GET / HTTP/1.2\r\nHost: a\r\n\r\n"),
                Arguments.of("fe", "leading empty lines", "\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n"),
                Arguments.of("fe", "obsolete folding", "GET / HTTP/1.1\r\nHost: a\r\nX-A: b\r\n  c\r\n\r\n"),
                Arguments.of("fe", "trailing blanks trimmed", "GET / HTTP/1.1\r\nHost: a\r\nX-A:   v  \t\r\n\r\n"),
                Arguments.of("fe", "repeated equal lengths merge", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc"),
                Arguments.of("fe", "length list merges", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3, 3\r\n\r\nabc"),
                Arguments.of("fe", "chunked request", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"),
                Arguments.of("fe", "TE and CL", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"),
                Arguments.of("fe", "HTTP/1.0", "GET / HTTP/1.0\r\n\r\n"),
                Arguments.of("fe", "HTTP/1.0 keep-alive", "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"),
                Arguments.of("fe", "connection close", "GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"),
                Arguments.of("fe", "upgrade tokens kept", "GET / HTTP/1.1\r\nHost: a\r\nConnection: Upgrade, foo\r\nUpgrade: h2c\r\nfoo: bar\r\n\r\n"),
                Arguments.of("fe", "websocket without key", "GET / HTTP/1.1\r\nHost: a\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n"),
                Arguments.of("fe", "websocket in a list, short key", "GET / HTTP/1.1\r\nHost: a\r\nConnection: keep-alive, upgrade\r\nUpgrade: h2c, WebSocket\r\nSec-WebSocket-Key: abc\r\n\r\n"),
                Arguments.of("fe", "websocket with a 24-character key", "GET / HTTP/1.1\r\nHost: a\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n"),
                Arguments.of("fe", "websocket upgrade header without connection upgrade", "GET / HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\n\r\n"),
                Arguments.of("fe_ff", "server-close keeps an upgrade's connection header", "GET / HTTP/1.1\r\nHost: a\r\nConnection: keep-alive, Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n"),
                Arguments.of("fe_ot", "httpclose keeps an upgrade's connection header", "GET / HTTP/1.1\r\nHost: a\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n"),
                Arguments.of("fe_ot", "httpclose with a 1.0 upgrade", "GET / HTTP/1.0\r\nHost: a\r\nConnection: Upgrade\r\nUpgrade: foo\r\n\r\n"),
                Arguments.of("fe", "repeated Host in another case", "GET / HTTP/1.1\r\nHost: a\r\nX: 1\r\nHost: A \r\n\r\n"),
                Arguments.of("fe", "repeated empty Host", "GET / HTTP/1.1\r\nHost: \r\nHost: \r\n\r\n"),
                Arguments.of("fe", "two different Hosts", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"),
                Arguments.of("fe", "bad chunk size: the raw built-in page", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n"),
                Arguments.of("fe", "bad chunk end", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhelloX\r\n0\r\n\r\n"),
                Arguments.of("fe", "CONNECT answered 2xx becomes a tunnel", "CONNECT a:443 HTTP/1.1\r\nHost: a:443\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n"),
                Arguments.of("fe", "largest head haproxy takes", "GET / HTTP/1.1\r\nHost: a\r\nX: " + "v".repeat(15241) + "\r\n\r\n"),
                Arguments.of("fe", "head one HTX byte over", "GET / HTTP/1.1\r\nHost: a\r\nX: " + "v".repeat(15242) + "\r\n\r\n"),
                Arguments.of("fe", "100 header fields", "GET / HTTP/1.1\r\nHost: a\r\n" + "X-F: v\r\n".repeat(99) + "\r\n"),
                Arguments.of("fe", "101 header fields", "GET / HTTP/1.1\r\nHost: a\r\n" + "X-F: v\r\n".repeat(100) + "\r\n"),
                Arguments.of("fe", "websocket/13 is another protocol", "GET / HTTP/1.1\r\nHost: a\r\nConnection: Upgrade\r\nUpgrade: websocket/13\r\n\r\n"),
                Arguments.of("fe", "hop-by-hop headers kept", "GET / HTTP/1.1\r\nHost: a\r\nKeep-Alive: timeout=5\r\nTE: trailers\r\n\r\n"),
                Arguments.of("fe", "OPTIONS *", "OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n"),
                Arguments.of("fe", "CONNECT default port", "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n"),
                Arguments.of("fe", "absolute URI default port", "GET http://a.com:80/x HTTP/1.1\r\nHost: a.com:80\r\n\r\n"),
                Arguments.of("fe", "absolute https URI", "GET https://a.com:443/x HTTP/1.1\r\nHost: a.com\r\n\r\n"),
                Arguments.of("fe", "absolute URI without Host", "GET http://a.com/x HTTP/1.1\r\n\r\n"),
                Arguments.of("fe", "Host with port kept", "GET / HTTP/1.1\r\nHost: a.com:80\r\n\r\n"),
                Arguments.of("fe", "HTTP/1.0 with length", "POST / HTTP/1.0\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc"),
                Arguments.of("fe", "pipelined pair", "GET /1 HTTP/1.1\r\nHost: a\r\n\r\nGET /2 HTTP/1.1\r\nHost: a\r\n\r\n"),
                Arguments.of("fe", "bare LF line ends", "GET / HTTP/1.1\nHost: a\n\n"),
                Arguments.of("fe", "HTTP/0.9", "GET /\r\n\r\n"),
                Arguments.of("fe", "lower-case version", "GET / http/1.1\r\nHost: a\r\n\r\n"),
                Arguments.of("fe", "space before colon", "GET / HTTP/1.1\r\nHost : a\r\n\r\n"),
                Arguments.of("fe", "empty header name", "GET / HTTP/1.1\r\n: a\r\n\r\n"),
                Arguments.of("fe", "different lengths", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd"),
                Arguments.of("fe", "bad length", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3x\r\n\r\nabc"),
                Arguments.of("fe", "TE without chunked", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n"),
                Arguments.of("fe", "TE gzip then chunked", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"),
                Arguments.of("fe", "bad method", "G(T / HTTP/1.1\r\nHost: a\r\n\r\n"),
                Arguments.of("fe", "fragment in URI", "GET /a#b HTTP/1.1\r\nHost: a\r\n\r\n"),
                Arguments.of("fe", "fragment after query", "GET /a?x=1#b HTTP/1.1\r\nHost: a\r\n\r\n"),
                Arguments.of("fe", "characters RFC 3986 excludes", "GET /a<b>\"c{d}|e^f`g\\h HTTP/1.1\r\nHost: a\r\n\r\n"),
                Arguments.of("fe", "space in URI", "GET /a b HTTP/1.1\r\nHost: a\r\n\r\n"),
                Arguments.of("fe", "8-bit URI", "GET /a\u00e9 HTTP/1.1\r\nHost: a\r\n\r\n"),
                Arguments.of("fe", "duplicate Host", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"),
                Arguments.of("fe", "absolute URI with other Host", "GET http://a.com/ HTTP/1.1\r\nHost: b.com\r\n\r\n"),
                Arguments.of("fe_ff", "forwardfor and server-close", "GET / HTTP/1.1\r\nHost: a\r\n\r\n"),
                Arguments.of("fe_ff", "server-close, HTTP/1.0 keep-alive", "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"),
                Arguments.of("fe_ff", "server-close, HTTP/1.0", "GET / HTTP/1.0\r\n\r\n"),
                Arguments.of("fe_ff", "forwardfor appends", "GET / HTTP/1.1\r\nHost: a\r\nX-Forwarded-For: 10.1.2.3\r\n\r\n"),
                Arguments.of("fe_empty", "no usable server", "GET / HTTP/1.1\r\nHost: a\r\n\r\n"),
                Arguments.of("fe_empty", "no usable server, HTTP/1.0", "GET / HTTP/1.0\r\n\r\n"),
                Arguments.of("fe_errfile", "errorfile without length", "GET / HTTP/1.1\r\nHost: a\r\n\r\n"),
                Arguments.of("fe_errloc", "errorloc302", "GET / HTTP/1.1\r\nHost: a\r\n\r\n"),
                Arguments.of("fe_errloc", "errorloc302, HTTP/1.0", "GET / HTTP/1.0\r\n\r\n"),
                Arguments.of("fe_errsect", "errorfiles section, HTTP/1.0 page", "GET / HTTP/1.1\r\nHost: a\r\n\r\n"),
                Arguments.of("fe_errsect", "errorfiles section, HTTP/1.0 client", "GET / HTTP/1.0\r\n\r\n"),
                Arguments.of("fe_ot", "originalto and httpclose", "GET / HTTP/1.1\r\nHost: a\r\n\r\n"),
                Arguments.of("fe_ot", "httpclose, HTTP/1.0 keep-alive", "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"),
                Arguments.of("fe_ot", "originalto replaces nothing", "GET / HTTP/1.1\r\nHost: a\r\nX-Original-To: 10.9.9.9\r\n\r\n"),
                Arguments.of("fe_ffx", "forwardfor custom header", "GET / HTTP/1.1\r\nHost: a\r\n\r\n"),
                Arguments.of("fe_ffx", "forwardfor if-none keeps the client's", "GET / HTTP/1.1\r\nHost: a\r\nX-Real-Client: 10.1.1.1\r\n\r\n"),
                Arguments.of("fe_ffloop", "forwardfor and originalto except loopback", "GET / HTTP/1.1\r\nHost: a\r\n\r\n"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("requests")
    void sameBytesAsHaproxy(String frontend, String name, String request) throws Exception {
        String expected = exchange(both.haproxyPort(portVar(frontend)), request);
        String actual = exchange(both.fulcrumPort(portVar(frontend)), request);
        assertThat(expected).as("haproxy answered " + name).startsWith("HTTP/1.");
        assertThat(normalize(actual)).as(name).isEqualTo(normalize(expected));
    }

    private static String exchange(int port, String request) throws Exception {
        try (RawHttp c = new RawHttp(port)) {
            c.timeout(3000);
            c.send(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            String response = c.readResponse();
            return response + (c.closedByPeer(200) ? "\n[closed]" : "\n[kept open]");
        } catch (java.io.IOException e) {
            return "[no response: " + e.getMessage() + "]";
        }
    }

    /** Removes what legitimately differs: ports in echoed addresses and Host headers. */
    private static String normalize(String s) {
        return s.replaceAll("127\\.0\\.0\\.1:\\d+", "127.0.0.1:PORT");
    }

    private static String portVar(String frontend) {
        return frontend.equals("fe") ? "PORT" : "PORT_" + frontend.substring(3).toUpperCase();
    }
}
