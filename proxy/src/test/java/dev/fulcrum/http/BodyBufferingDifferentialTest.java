package dev.fulcrum.http;

import dev.fulcrum.testing.EchoServer;
import dev.fulcrum.testing.Haproxy;
import dev.fulcrum.testing.RawHttp;
import dev.fulcrum.testing.RunningEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Request body buffering ({@code option http-buffer-request}, {@code http-request
 * wait-for-body}) through the real haproxy 2.6 and through Fulcrum: the same
 * requests, sent in the same pieces with the same pauses, must get the same
 * status, headers and body, and leave the connection open or closed alike. The
 * echo backend answers with the request head and body it received, so what the
 * body fetches saw (copied into headers by rules) and what was forwarded are
 * compared too.
 */
class BodyBufferingDifferentialTest {

    private static final List<String> FRONTENDS = List.of("fe_opt", "fe_wait", "fe_be", "fe_small");

    private static final String CONFIG = """
            defaults
              mode http
              timeout client 3s
              timeout server 3s
              timeout connect 1s
            frontend fe_opt
              bind 127.0.0.1:${PORT_FE_OPT}
              option http-buffer-request
              timeout http-request 400ms
              http-request deny if { req.body -m sub secret }
              http-request set-header x-body-len %[req.body_len]
              http-request set-header x-body-size %[req.body_size]
              use_backend be_b if { req.body_param(route) -m str b }
              default_backend be_a
            frontend fe_wait
              bind 127.0.0.1:${PORT_FE_WAIT}
              http-request wait-for-body time 400ms at-least 8 if { path /least }
              http-request wait-for-body time 400ms if { path_beg /w }
              http-request deny deny_status 400 if { req.body_param(user) -m str root }
              http-request return status 200 content-type text/plain lf-string "len=%[req.body_len] size=%[req.body_size] x=%[req.body_param(x)] first=%[req.body_param]" if { path /w/show } || { path /least }
              default_backend be_a
            frontend fe_be
              bind 127.0.0.1:${PORT_FE_BE}
              default_backend be_buf
            frontend fe_small
              bind 127.0.0.1:${PORT_FE_SMALL}
              http-request wait-for-body time 1s
              http-request return status 200 content-type text/plain lf-string "len=%[req.body_len] size=%[req.body_size]"
            backend be_buf
              option http-buffer-request
              http-request set-header x-be-len %[req.body_len]
              server s1 ${ECHO}
            backend be_a
              http-response set-header x-be a
              server s1 ${ECHO}
            backend be_b
              http-response set-header x-be b
              server s1 ${ECHO}
            """;

    private static EchoServer echo;
    private static Haproxy haproxy;
    private static RunningEngine fulcrum;
    private static final Map<String, Integer> HAPROXY_PORTS = new HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Haproxy.available(), "haproxy 2.6 installed");
        echo = EchoServer.start();
        Map<String, String> haproxyVars = new HashMap<>();
        Map<String, String> fulcrumVars = new HashMap<>();
        for (String fe : FRONTENDS) {
            String var = "PORT_" + fe.toUpperCase();
            int hp = RunningEngine.freePort();
            HAPROXY_PORTS.put(fe, hp);
            haproxyVars.put(var, Integer.toString(hp));
            fulcrumVars.put(var, Integer.toString(RunningEngine.freePort()));
        }
        haproxyVars.put("ECHO", echo.address());
        fulcrumVars.put("ECHO", echo.address());
        String haproxyConfig = CONFIG;
        for (var v : haproxyVars.entrySet()) {
            haproxyConfig = haproxyConfig.replace("${" + v.getKey() + "}", v.getValue());
        }
        haproxy = Haproxy.start(haproxyConfig, HAPROXY_PORTS.values().stream().mapToInt(Integer::intValue).toArray());
        fulcrum = RunningEngine.start(CONFIG, fulcrumVars);
    }

    @AfterAll
    static void stop() throws Exception {
        if (fulcrum != null) {
            fulcrum.close();
        }
        if (haproxy != null) {
            haproxy.close();
        }
        if (echo != null) {
            echo.close();
        }
    }

    private static final String POST = "POST %s HTTP/1.1\r\nHost: h\r\nContent-Length: %d\r\n\r\n";
    private static final String CHUNKED = "POST %s HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n";

    private static Arguments pieces(String fe, String name, String... pieces) {
        return Arguments.of(fe, name, List.of(pieces));
    }

    private static String post(String path, int length, String firstPiece) {
        return POST.formatted(path, length) + firstPiece;
    }

    private static String chunk(String data) {
        return Integer.toHexString(data.length()) + "\r\n" + data + "\r\n";
    }

    static Stream<Arguments> requests() {
        String big = "x".repeat(40_000);
        List<Arguments> a = new ArrayList<>();
        // option http-buffer-request: rules see the whole body, then it is forwarded
        a.add(pieces("fe_opt", "content-length body in two pieces routed by a body parameter",
                post("/p", 19, "x=1&rou"), "te=b&y=22"));
        a.add(pieces("fe_opt", "body parameter to the default backend", post("/p", 11, "route=a"), "&z=9"));
        a.add(pieces("fe_opt", "chunked body in pieces", CHUNKED.formatted("/c") + chunk("route=") + chunk("b"),
                chunk("&more=1") + "0\r\n\r\n"));
        a.add(pieces("fe_opt", "a denied word in the second piece", post("/s", 14, "a=1&sec"), "ret=2&"));
        a.add(pieces("fe_opt", "body never completed: 408", post("/t", 20, "abc")));
        a.add(pieces("fe_opt", "request without a body", "GET /g HTTP/1.1\r\nHost: h\r\n\r\n"));
        a.add(pieces("fe_opt", "body larger than the buffer, in one write", post("/big", big.length(), big)));
        a.add(pieces("fe_opt", "body larger than the buffer, after the head", post("/big", big.length(), ""), big));
        a.add(pieces("fe_opt", "chunked body larger than the buffer",
                CHUNKED.formatted("/bigc") + chunk(big), chunk(big) + "0\r\n\r\n"));
        a.add(pieces("fe_opt", "Expect: 100-continue is answered while waiting",
                "POST /e HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 7\r\n\r\n", "route=b"));
        a.add(pieces("fe_opt", "Expect: 100-continue with the body already sent",
                "POST /e HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 7\r\n\r\nroute=b"));
        // http-request wait-for-body
        a.add(pieces("fe_wait", "wait-for-body then body fetches", post("/w/show", 13, "x=12&"), "other=3"));
        a.add(pieces("fe_wait", "wait-for-body times out", post("/w/show", 13, "x=12&")));
        a.add(pieces("fe_wait", "at-least ends the wait early", post("/least", 30, "first"), "=1&x=2&y"));
        a.add(pieces("fe_wait", "a rule on a parameter after the wait", post("/w/u", 12, "user="), "root&a=1"));
        a.add(pieces("fe_wait", "the same rule lets others through", post("/w/u", 13, "user="), "alice&a=1"));
        a.add(pieces("fe_wait", "chunked with trailers", CHUNKED.formatted("/w/show") + chunk("x=ab"),
                chunk("cd&q=1") + "0\r\nx-trailer: t\r\n\r\n"));
        a.add(pieces("fe_wait", "without a wait the rules see what arrived", post("/nowait", 13, "user=root"),
                "&a=1"));
        // option http-buffer-request in the backend: the wait happens after the frontend's rules
        a.add(pieces("fe_be", "backend option", post("/b", 9, "abcd"), "efghi"));
        a.add(pieces("fe_small", "the buffer limit depends on the head",
                "POST /pad HTTP/1.1\r\nHost: h\r\nX-Pad: " + "p".repeat(300) + "\r\nContent-Length: 40000\r\n\r\n",
                big));
        return a.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("requests")
    void sameAnswerAsHaproxy(String frontend, String name, List<String> pieces) throws Exception {
        var reference = CompletableFuture.supplyAsync(() -> exchange(HAPROXY_PORTS.get(frontend), pieces));
        String actual = exchange(fulcrum.port(frontend), pieces);
        String expected = reference.get();
        assertThat(actual).as(name).isEqualTo(expected);
    }

    /** Sends the pieces 250 ms apart, then reads one response (and a 100 Continue before it, if any). */
    private static String exchange(int port, List<String> pieces) {
        try (RawHttp c = new RawHttp(port)) {
            c.timeout(3000);
            for (int i = 0; i < pieces.size(); i++) {
                if (i > 0) {
                    Thread.sleep(250);
                }
                c.send(pieces.get(i).getBytes(StandardCharsets.ISO_8859_1));
            }
            String response = c.readResponse();
            if (response.startsWith("HTTP/1.1 100")) {
                response += c.readResponse();
            }
            return response.replaceAll("(?im)^date: .*\\r?\\n", "") + (c.closedByPeer(300) ? "\n[closed]"
                    : "\n[kept open]");
        } catch (IOException e) {
            return "[no response: " + e.getMessage() + "]";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "[interrupted]";
        }
    }
}
