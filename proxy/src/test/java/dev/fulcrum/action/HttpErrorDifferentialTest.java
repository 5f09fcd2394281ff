package dev.fulcrum.action;

import dev.fulcrum.testing.CannedServer;
import dev.fulcrum.testing.Haproxy;
import dev.fulcrum.testing.RawHttp;
import dev.fulcrum.testing.SideBySide;
import dev.fulcrum.testing.TestBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code http-error} pages through the real haproxy 2.6 and through Fulcrum: the
 * errors each generates (deny 403, tarpit 500, 502 from a broken server, 503
 * without a server, 504 on a server timeout, 400 and 408 while reading the
 * request) must reach the client with the same status line, headers and body,
 * with pages from {@code string}, {@code file}, {@code errorfile},
 * {@code errorfiles} and {@code default-errorfiles}, inherited from
 * {@code defaults} and overridden per frontend and backend.
 */
class HttpErrorDifferentialTest {

    private static final String CONFIG = """
            defaults
              mode http
              timeout client 3s
              timeout server 400ms
              timeout connect 1s
              timeout http-request 400ms
              timeout tarpit 100ms
              http-error status 503 content-type text/plain string "defaults 503" hdr x-from defaults
              http-error status 400 content-type text/plain string "custom 400"
            http-errors site
              errorfile 403 ${DIR}/e403.http
              errorfile 502 ${DIR}/e502.http
            frontend fe
              bind 127.0.0.1:${PORT_FE}
              http-error status 403 content-type application/json string "{\\"denied\\":true}" hdr x-why policy hdr x-two "a b"
              http-error status 500 content-type text/plain string "tarpit page"
              http-error status 502 content-type text/html file ${DIR}/502.html
              http-error status 504 errorfile ${DIR}/e504.http
              http-error status 408 content-type text/plain string "custom 408"
              http-request deny if { path /deny }
              http-request tarpit if { path /tarpit }
              http-request deny deny_status 500 if { path /d500 }
              http-request deny errorfiles site if { path /site }
              use_backend be_none if { path /none }
              use_backend be_bad if { path_beg /bad }
              use_backend be_slow if { path /slow }
              use_backend be_own if { path_beg /own }
              use_backend be_reset if { path /reset }
              default_backend be_ok
            frontend fe2
              bind 127.0.0.1:${PORT_FE2}
              http-error status 403 errorfiles site
              http-error status 503 default-errorfiles
              http-error status 502 errorfiles site
              http-error status 504 content-type text/plain string "first 504"
              errorfile 504 ${DIR}/e504.http
              http-error status 500
              http-request deny if { path /deny }
              http-request deny deny_status 500 if { path /d500 }
              use_backend be_none if { path /none }
              use_backend be_bad if { path_beg /bad }
              use_backend be_slow if { path /slow }
              default_backend be_ok
            backend be_ok
              server s1 ${OK}
            backend be_none
            backend be_bad
              server s1 ${BAD}
            backend be_slow
              server s1 ${SLOW}
            backend be_own
              http-error status 503 content-type text/plain string "backend 503"
              http-error status 403 content-type text/plain string "backend 403"
              http-request deny if { path /own/deny }
            backend be_reset
              http-error status 503 default-errorfiles
            defaults withrules
              mode http
              timeout client 3s
              timeout server 400ms
              timeout connect 1s
              http-request deny errorfiles site if { path /dsite }
            frontend fe3 from withrules
              bind 127.0.0.1:${PORT_FE3}
              default_backend be_ok
            """;

    private static TestBackend ok;
    private static TestBackend slow;
    private static CannedServer bad;
    private static SideBySide both;
    private static Path dir;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Haproxy.available(), "haproxy 2.6 installed");
        ok = TestBackend.start("ok");
        slow = TestBackend.start("slow").behavior(TestBackend.delayed(1500));
        bad = new CannedServer(Map.of("bad", "this is not HTTP\r\n\r\n"));
        dir = Files.createTempDirectory("httperror");
        Files.writeString(dir.resolve("e403.http"), "HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\n"
                + "Content-Length: 8\r\n\r\nsite 403");
        Files.writeString(dir.resolve("e502.http"), "HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/plain\r\n"
                + "Content-Length: 8\r\n\r\nsite 502");
        Files.writeString(dir.resolve("e504.http"), "HTTP/1.0 504 Too Slow\r\nCache-Control: no-cache\r\n"
                + "Content-Type: text/plain\r\nContent-Length: 4\r\n\r\nslow");
        Files.writeString(dir.resolve("502.html"), "<p>bad gateway, from a file</p>\n");
        both = SideBySide.start(CONFIG, List.of("PORT_FE", "PORT_FE2", "PORT_FE3"), Map.of("DIR", dir.toString(),
                "OK", ok.address(), "SLOW", slow.address(), "BAD", bad.address()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (both != null) {
            both.close();
        }
        if (ok != null) {
            ok.close();
            slow.close();
            bad.close();
        }
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static Arguments get(String port, String path, String shows) {
        return Arguments.of(port, "GET " + path, "GET " + path + " HTTP/1.1\r\nHost: example.com\r\n\r\n", shows);
    }

    static Stream<Arguments> requests() {
        return Stream.of(
                get("PORT_FE", "/deny", "{\"denied\":true}"),
                get("PORT_FE", "/tarpit", "tarpit page"),
                get("PORT_FE", "/d500", "tarpit page"),
                get("PORT_FE", "/site", "site 403"),
                get("PORT_FE", "/none", "defaults 503"),
                get("PORT_FE", "/bad", "from a file"),
                get("PORT_FE", "/slow", "Too Slow"),
                get("PORT_FE", "/own/none", "backend 503"),
                get("PORT_FE", "/own/deny", "backend 403"),
                get("PORT_FE", "/reset", "defaults 503"),
                get("PORT_FE", "/fine", "ok"),
                get("PORT_FE2", "/deny", "site 403"),
                get("PORT_FE2", "/d500", "500 Internal Server Error"),
                get("PORT_FE2", "/none", "defaults 503"), // be_none has the page of defaults itself
                get("PORT_FE2", "/bad", "site 502"),
                get("PORT_FE2", "/slow", "Too Slow"),
                get("PORT_FE3", "/dsite", "site 403"),
                Arguments.of("PORT_FE", "400 on a malformed request line", "GET /a b c d\r\n\r\n", "400"),
                Arguments.of("PORT_FE", "408 on an incomplete request", "GET /x HTTP/1.1\r\nHost: a\r\n", "408"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("requests")
    void generatedErrorsUseTheSamePagesAsHaproxy(String port, String name, String request, String shows)
            throws Exception {
        var reference = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> exchange(both.haproxyPort(port), request));
        String actual = exchange(both.fulcrumPort(port), request);
        assertThat(normalize(actual)).as(name).isEqualTo(normalize(reference.get())).contains(shows);
    }

    private static String exchange(int port, String request) {
        try (RawHttp c = new RawHttp(port)) {
            c.timeout(3000);
            c.send(request.getBytes(StandardCharsets.ISO_8859_1));
            String response = c.readResponse();
            return response + (c.closedByPeer(300) ? "\n[closed]" : "\n[kept open]");
        } catch (IOException e) {
            return "[no response: " + e.getMessage() + "]";
        }
    }

    private static String normalize(String s) {
        return s.replaceAll("(?im)^date: .*\\r?\\n", "");
    }
}
