package dev.fulcrum.main;

import dev.fulcrum.testing.Haproxy;
import dev.fulcrum.testing.RawHttp;
import dev.fulcrum.testing.SideBySide;
import dev.fulcrum.testing.TestBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The seed's main frontend {@code ft_https} (document 003: its ACLs, rate limit
 * with {@code track-sc0} and {@code sc_http_req_rate}, security headers,
 * {@code use_backend} table and backends) run by the real haproxy 2.6 and by
 * Fulcrum, request by request: websocket, gRPC, static, API by host and by path,
 * admin, health and the default all reach the same backend with the same status,
 * response headers and forwarded request headers.
 *
 * <p>The configuration is the seed's {@code defaults} and proxies verbatim except
 * for what cannot run on loopback without certificates: TLS on the bind line,
 * {@code ssl_fc} in {@code ft_http} (so that frontend is left out), server
 * addresses (rewritten to loopback backends named like the seed's servers, checks
 * off, their cookie values kept), and the lines of features Fulcrum refuses as not
 * supported yet (compression, HTTP/2 to servers) — each rewrite is listed in
 * {@link #runnable}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeedRoutingDifferentialTest {

    private static final Pattern SERVER = Pattern.compile("^server (\\S+) \\S+.*$", Pattern.MULTILINE);
    private static final List<TestBackend> BACKENDS = new ArrayList<>();
    private static SideBySide both;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Haproxy.available(), "haproxy 2.6 installed");
        String seed = Files.readString(seedDir().resolve("003-01-core.cfg"), StandardCharsets.ISO_8859_1);
        Map<String, String> vars = new HashMap<>();
        String config = runnable(seed, vars);
        both = SideBySide.start(config, List.of("PORT_HTTPS"), vars);
    }

    @AfterAll
    static void stop() throws Exception {
        if (both != null) {
            both.close();
        }
        BACKENDS.forEach(TestBackend::close);
    }

    /**
     * The seed made runnable on loopback; fills {@code vars} with the addresses of
     * the backends started for its servers.
     */
    private static String runnable(String seed, Map<String, String> vars) throws Exception {
        String c = seed.substring(seed.indexOf("\ndefaults\n") + 1);
        // ft_http needs ssl_fc (TLS): leave that frontend out
        c = c.replaceAll("(?s)frontend ft_http\n.*?(?=# Main HTTPS frontend)", "");
        c = c.replace("bind *:443 ssl crt /etc/haproxy/certs/ alpn h2,http/1.1", "bind 127.0.0.1:${PORT_HTTPS}");
        c = c.replace("/etc/haproxy/errors/", seedDir().resolve("errors") + "/");
        // features not supported yet, and an HTTP/2 health check of servers that speak HTTP/1.1 here
        c = c.replaceAll("(?m)^compression .*\n", "")
                .replaceAll("(?m)^http-check connect proto h2\n", "");
        Matcher m = SERVER.matcher(c);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            TestBackend b = TestBackend.start(name).behavior(SeedRoutingDifferentialTest::echo);
            BACKENDS.add(b);
            String var = "SRV_" + name.toUpperCase().replace('-', '_');
            vars.put(var, b.address());
            // keep what shapes balancing and persistence (backup, cookie); drop checks and protocols
            String options = m.group().contains(" backup") ? " backup" : "";
            Matcher cookie = Pattern.compile(" cookie \\S+").matcher(m.group());
            if (cookie.find()) {
                options += cookie.group();
            }
            m.appendReplacement(out, Matcher.quoteReplacement("server " + name + " ${" + var + "}" + options));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Answers with the server's name and the request headers the proxy added or kept. */
    private static void echo(TestBackend b, io.netty.channel.ChannelHandlerContext ctx,
                             io.netty.handler.codec.http.HttpRequest req, long body) {
        Map<String, String> headers = new TreeMap<>();
        req.headers().forEach(h -> headers.merge(h.getKey().toLowerCase(), h.getValue(), (x, y) -> x + "," + y));
        StringBuilder s = new StringBuilder("server=" + b.name() + " " + req.method() + " " + req.uri() + "\n");
        headers.forEach((k, v) -> s.append(k).append(": ").append(v).append('\n'));
        TestBackend.respond(ctx, req, io.netty.handler.codec.http.HttpResponseStatus.OK, s.toString());
    }

    private static Arguments get(String name, String path, String host, String extra) {
        return Arguments.of(name, "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + extra + "\r\n");
    }

    static Stream<Arguments> routes() {
        return Stream.of(
                get("websocket upgrade", "/chat", "app.example.com", "Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"),
                get("websocket upgrade without a key", "/chat", "app.example.com", "Connection: Upgrade\r\nUpgrade: websocket\r\n"),
                get("grpc path", "/grpc/svc.Method", "app.example.com", ""),
                get("static", "/static/site.css", "app.example.com", ""),
                get("assets", "/assets/app.js", "app.example.com", ""),
                get("images", "/images/logo.png", "app.example.com", ""),
                get("api by path", "/api/users?id=1", "app.example.com", ""),
                get("api by host", "/v1/orders", "api.example.com", ""),
                get("api host any case", "/", "API.Example.COM", ""),
                get("admin host from outside 10/8 and 172.16/12", "/panel", "admin.example.com", ""),
                get("health", "/health", "app.example.com", ""),
                get("ready", "/ready", "app.example.com", ""),
                get("live", "/live", "app.example.com", ""),
                get("health-like path is not health", "/healthz", "app.example.com", ""),
                get("default", "/", "app.example.com", ""),
                get("unknown host", "/x", "other.example.com", ""),
                get("websocket header wins over api path", "/api/ws", "app.example.com", "Upgrade: WebSocket\r\n"),
                get("static prefix needs the slash", "/staticfile", "app.example.com", ""),
                get("persistence cookie picks its web server, hidden from it", "/", "app.example.com",
                        "Cookie: lang=en; SERVERID=web3\r\n"),
                get("unknown persistence cookie is replaced", "/", "app.example.com", "Cookie: SERVERID=web9\r\n"));
    }

    /**
     * The seed's {@code cookie SERVERID insert indirect nocache httponly secure}:
     * a client holding a server's cookie reaches that very server on both, which
     * does not see the cookie, and gets no new one.
     */
    @ParameterizedTest(name = "SERVERID={0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"web1", "web2", "web3"})
    @Order(2)
    void persistenceCookieReachesTheSameServer(String value) throws Exception {
        String request = "GET / HTTP/1.1\r\nHost: app.example.com\r\nCookie: SERVERID=" + value + "\r\n\r\n";
        String expected = exchange(both.haproxyPort("PORT_HTTPS"), request);
        String actual = exchange(both.fulcrumPort("PORT_HTTPS"), request);
        String server = "server=web-" + value.substring(3) + " ";
        assertThat(expected).contains(server).doesNotContainIgnoringCase("set-cookie").doesNotContain("SERVERID");
        assertThat(actual).contains(server);
        assertThat(normalize(actual)).isEqualTo(normalize(expected));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    @Order(1)
    void routesLikeHaproxy(String name, String request) throws Exception {
        var reference = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> exchange(both.haproxyPort("PORT_HTTPS"), request));
        String actual = exchange(both.fulcrumPort("PORT_HTTPS"), request);
        String expected = reference.get();
        assertThat(expected).as("haproxy answered " + name).startsWith("HTTP/1.1 ");
        assertThat(normalize(actual)).as(name).isEqualTo(normalize(expected));
    }

    /**
     * {@code http-request deny deny_status 429 if { sc_http_req_rate(0) gt 100 }}
     * with {@code track-sc0 src} in {@code st_per_ip} (rate over 10 s): a burst
     * from one address is cut off after 100 requests by both, and answered with
     * the seed's 429 page. Sent well within one period, so the rate both measure
     * is the number of requests.
     */
    @Test
    @Order(3)
    void rateLimitCutsTheBurstLikeHaproxy() throws Exception {
        List<String> haproxy = burst(both.haproxyPort("PORT_HTTPS"), 110);
        List<String> fulcrum = burst(both.fulcrumPort("PORT_HTTPS"), 110);
        assertThat(haproxy).contains("429");
        assertThat(fulcrum).isEqualTo(haproxy);
    }

    private static List<String> burst(int port, int n) throws IOException {
        List<String> statuses = new ArrayList<>();
        try (RawHttp c = new RawHttp(port)) {
            c.timeout(3000);
            for (int i = 0; i < n; i++) {
                c.send(("GET /health HTTP/1.1\r\nHost: app.example.com\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                String response = c.readResponse();
                statuses.add(response.substring(9, 12));
            }
        }
        return statuses;
    }

    private static String exchange(int port, String request) {
        try (RawHttp c = new RawHttp(port)) {
            c.timeout(3000);
            c.send(request.getBytes(StandardCharsets.ISO_8859_1));
            return c.readResponse();
        } catch (IOException e) {
            return "[no response: " + e.getMessage() + "]";
        }
    }

    /**
     * Removes what legitimately differs: dates, the unique id and the request
     * start time, ports, and which server of a backend answered (the number).
     */
    private static String normalize(String s) {
        return s.replaceAll("(?im)^date: .*\\r?\\n", "")
                .replaceAll("(?im)^(x-request-id: )[0-9a-f-]{36}$", "$1UUID")
                .replaceAll("(?im)^(x-request-start: t=)\\d+$", "$1T")
                .replaceAll("127\\.0\\.0\\.1:\\d+", "127.0.0.1:PORT")
                .replaceAll("server=([a-z]+)-\\d", "server=$1-N")
                .replaceAll("(?im)^(x-server: [a-z]+)-\\d", "$1-N")
                .replaceAll("(?im)^(set-cookie: SERVERID=web)\\d", "$1N")
                .replaceAll("(?im)^content-length: \\d+\\r?\\n", "");
    }

    private static Path seedDir() throws URISyntaxException {
        return Path.of(SeedRoutingDifferentialTest.class.getResource("/seeds").toURI());
    }
}
