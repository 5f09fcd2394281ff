package dev.fulcrum.http;

import dev.fulcrum.testing.CannedServer;
import dev.fulcrum.testing.Haproxy;
import dev.fulcrum.testing.RawHttp;
import dev.fulcrum.testing.SideBySide;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Odd server responses through the real haproxy 2.6 and through Fulcrum: each
 * canned response is written in one go, so both proxies hold the whole of it
 * when they decide; the client must see the same bytes and the same connection
 * outcome.
 */
class ServerResponseDifferentialTest {

    private static final Map<String, String> RESPONSES = Map.ofEntries(
            entry("no-reason", "HTTP/1.1 200\r\nContent-Length: 2\r\n\r\nok"),
            entry("http10-until-close", "HTTP/1.0 200 OK\r\n\r\nuntil close"),
            entry("http11-until-close", "HTTP/1.1 200 OK\r\n\r\nuntil close"),
            entry("204-with-length", "HTTP/1.1 204 No Content\r\nContent-Length: 4\r\n\r\nbody"),
            entry("204-length-0", "HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n"),
            entry("204-chunked", "HTTP/1.1 204 No Content\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
            entry("304-with-length", "HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n"),
            entry("same-length-twice", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nok"),
            entry("two-lengths", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nok"),
            entry("te-and-length", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n"),
            entry("te-gzip", "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nraw body"),
            entry("te-chunked-gzip", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\nxx"),
            entry("te-gzip-chunked", "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n"),
            entry("bad-chunk-size", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nok\r\n0\r\n\r\n"),
            entry("status-999", "HTTP/1.1 999 Weird\r\nContent-Length: 2\r\n\r\nok"),
            entry("no-colon", "HTTP/1.1 200 OK\r\nBroken\r\nContent-Length: 2\r\n\r\nok"),
            entry("cut-in-head", "HTTP/1.1 200 OK\r\nX-A: 1\r\n"),
            entry("garbage", "garbage\r\n\r\n"),
            entry("100-then-200", "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"),
            entry("folded", "HTTP/1.1 200 OK\r\nX-A: 1\r\n 2\r\nContent-Length: 2\r\n\r\nok"),
            entry("lf-only", "HTTP/1.1 200 OK\nContent-Length: 2\n\nok"),
            entry("short-body", "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nok"),
            entry("control-char", "HTTP/1.1 200 OK\r\nX-A: a\u0001b\r\nContent-Length: 2\r\n\r\nok"),
            entry("101-bare", "HTTP/1.1 101 Switching Protocols\r\n\r\nraw"),
            entry("101-upgrade-only", "HTTP/1.1 101 SP\r\nUpgrade: foo\r\n\r\nraw"),
            entry("101-connection-only", "HTTP/1.1 101 SP\r\nConnection: upgrade\r\n\r\nraw"),
            entry("101-full", "HTTP/1.1 101 SP\r\nConnection: Upgrade\r\nUpgrade: foo\r\n\r\nraw"),
            // the head limits: HTX room (tune.bufsize - tune.maxrewrite - 69 bytes of blocks) and tune.http.maxhdr
            entry("largest-head", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nX: " + "v".repeat(15230) + "\r\n\r\n"),
            entry("head-one-byte-over", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nX: " + "v".repeat(15231) + "\r\n\r\n"),
            entry("100-fields", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n" + fields(99) + "\r\n"),
            entry("101-fields", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n" + fields(100) + "\r\n"));

    private static String fields(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append("X-").append(i).append(": v\r\n");
        }
        return b.toString();
    }

    private static final String CONFIG = """
            defaults
              mode http
              timeout client 2s
              timeout server 2s
              timeout connect 1s
            frontend fe
              bind 127.0.0.1:${PORT}
              default_backend be
            backend be
              server s1 ${CANNED}
            """;

    private static CannedServer canned;
    private static SideBySide both;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Haproxy.available(), "haproxy 2.6 installed");
        canned = new CannedServer(RESPONSES);
        both = SideBySide.start(CONFIG, List.of("PORT"), Map.of("CANNED", canned.address()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (both != null) {
            both.close();
        }
        if (canned != null) {
            canned.close();
        }
    }

    static Stream<Arguments> responses() {
        Stream<Arguments> plain = RESPONSES.keySet().stream().sorted()
                .map(k -> Arguments.of(k, "GET /r/" + k + " HTTP/1.1\r\nHost: a\r\n\r\n"));
        Stream<Arguments> upgrades = Stream.of("101-bare", "101-upgrade-only", "101-connection-only", "101-full")
                .map(k -> Arguments.of(k + " to an upgrade request",
                        "GET /r/" + k + " HTTP/1.1\r\nHost: a\r\nConnection: upgrade\r\nUpgrade: foo\r\n\r\n"));
        Stream<Arguments> other = Stream.of(
                Arguments.of("HEAD of an until-close body", "HEAD /r/http11-until-close HTTP/1.1\r\nHost: a\r\n\r\n"),
                Arguments.of("1.0 client, no reason", "GET /r/no-reason HTTP/1.0\r\n\r\n"));
        return Stream.of(plain, upgrades, other).flatMap(s -> s);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("responses")
    void sameAnswerAsHaproxy(String name, String request) throws Exception {
        var reference = CompletableFuture.supplyAsync(() -> exchange(both.haproxyPort("PORT"), request));
        String actual = exchange(both.fulcrumPort("PORT"), request);
        assertThat(actual).as(name).isEqualTo(reference.get());
    }

    /** All the client receives within the exchange, and whether the proxy then closed. */
    private static String exchange(int port, String request) {
        try (RawHttp c = new RawHttp(port)) {
            c.timeout(1500);
            c.send(request.getBytes(StandardCharsets.ISO_8859_1));
            return c.readAvailable(3000, 600).replaceAll("(?im)^date: .*\\r\\n", "");
        } catch (IOException e) {
            return "[" + e.getClass().getSimpleName() + "]";
        }
    }
}
