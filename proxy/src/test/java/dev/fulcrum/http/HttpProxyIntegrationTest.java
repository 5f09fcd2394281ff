package dev.fulcrum.http;

import dev.fulcrum.testing.RawHttp;
import dev.fulcrum.testing.RunningEngine;
import dev.fulcrum.testing.TestBackend;
import dev.fulcrum.testing.TestResources;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP/1.1 data path through a real engine, real Netty backends and real clients. */
class HttpProxyIntegrationTest {

    private static final String DEFAULTS = """
            defaults
              mode http
              timeout client 5s
              timeout server 5s
              timeout connect 1s
              timeout http-request 2s
            """;

    private final TestResources resources = new TestResources();

    @AfterEach
    void tearDown() throws Exception {
        resources.close();
    }

    private TestBackend backend(String name) throws InterruptedException {
        return resources.backend(name);
    }

    private RunningEngine engine(String body, Map<String, String> vars) throws Exception {
        return resources.engine(DEFAULTS + body, vars);
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
    }

    @Test
    void proxiesRequestsAndReusesTheServerConnectionAcrossKeepAliveRequests() throws Exception {
        TestBackend a = backend("a");
        RunningEngine e = engine("""
                frontend fe
                  bind 127.0.0.1:${PORT}
                  default_backend be
                backend be
                  server s1 ${A}
                """, Map.of("PORT", Integer.toString(RunningEngine.freePort()), "A", a.address()));
        try (RawHttp c = new RawHttp(e.port("fe"))) {
            for (int i = 0; i < 10; i++) {
                String res = c.send("GET /r" + i + " HTTP/1.1\r\nHost: x\r\n\r\n").readResponse();
                assertThat(res).startsWith("HTTP/1.1 200 OK\r\n").contains("x-server: a\r\n").endsWith("a");
            }
        }
        assertThat(a.requests()).isEqualTo(10);
        assertThat(a.connections()).as("one server connection carried all ten requests").isEqualTo(1);
        StreamRecord r = e.nextRecord();
        assertThat(r.termination()).isEqualTo("----");
        assertThat(r.backend()).isEqualTo("be");
        assertThat(r.server()).isEqualTo("s1");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.requestLine()).isEqualTo("GET /r0 HTTP/1.1");
    }

    @Test
    void answersPipelinedRequestsInOrder() throws Exception {
        TestBackend a = backend("a").behavior(TestBackend.byPath(p -> p));
        RunningEngine e = engine("""
                frontend fe
                  bind 127.0.0.1:${PORT}
                  default_backend be
                backend be
                  server s1 ${A}
                """, Map.of("PORT", Integer.toString(RunningEngine.freePort()), "A", a.address()));
        try (RawHttp c = new RawHttp(e.port("fe"))) {
            c.send("GET /one HTTP/1.1\r\nHost: x\r\n\r\nGET /two HTTP/1.1\r\nHost: x\r\n\r\nGET /three HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(c.readResponse()).endsWith("\r\n\r\n/one");
            assertThat(c.readResponse()).endsWith("\r\n\r\n/two");
            assertThat(c.readResponse()).endsWith("\r\n\r\n/three");
        }
    }

    @Test
    void forwardsHeaderNamesInLowerCaseAndAddsForwardedFor() throws Exception {
        TestBackend a = backend("a");
        RunningEngine e = engine("""
                frontend fe
                  bind 127.0.0.1:${PORT}
                  option forwardfor
                  default_backend be
                backend be
                  server s1 ${A}
                """, Map.of("PORT", Integer.toString(RunningEngine.freePort()), "A", a.address()));
        try (RawHttp c = new RawHttp(e.port("fe"))) {
            c.send("GET / HTTP/1.1\r\nHost: x\r\nX-Mixed-Case: Value\r\n\r\n").readResponse();
        }
        var h = a.seen().getFirst().headers();
        assertThat(h.names()).contains("x-mixed-case", "host", "X-Forwarded-For".toLowerCase());
        assertThat(h.get("x-forwarded-for")).isEqualTo("127.0.0.1");
    }

    @Test
    void http10ClientGetsConnectionCloseWhileTheServerConnectionStaysAlive() throws Exception {
        TestBackend a = backend("a");
        RunningEngine e = engine("""
                frontend fe
                  bind 127.0.0.1:${PORT}
                  default_backend be
                backend be
                  server s1 ${A}
                """, Map.of("PORT", Integer.toString(RunningEngine.freePort()), "A", a.address()));
        try (RawHttp c = new RawHttp(e.port("fe"))) {
            String res = c.send("GET / HTTP/1.0\r\n\r\n").readToClose();
            assertThat(res).startsWith("HTTP/1.1 200 OK\r\n").contains("connection: close\r\n");
        }
        assertThat(a.seen().getFirst().headers().get("connection")).isEqualTo("keep-alive");
    }

    @Test
    void answers503WithoutUsableServerAndLogsNoServer() throws Exception {
        RunningEngine e = engine("""
                frontend fe
                  bind 127.0.0.1:${PORT}
                  default_backend be
                backend be
                  server s1 127.0.0.1:9 disabled
                """, Map.of("PORT", Integer.toString(RunningEngine.freePort())));
        try (RawHttp c = new RawHttp(e.port("fe"))) {
            String res = c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").readResponse();
            assertThat(res).isEqualTo("HTTP/1.1 503 Service Unavailable\r\ncontent-length: 107\r\n"
                    + "cache-control: no-cache\r\ncontent-type: text/html\r\n\r\n"
                    + "<html><body><h1>503 Service Unavailable</h1>\nNo server is available to handle this request.\n"
                    + "</body></html>\n");
        }
        StreamRecord r = e.nextRecord();
        assertThat(r.server()).isEqualTo("<NOSRV>");
        assertThat(r.termination()).isEqualTo("SC--");
        assertThat(r.status()).isEqualTo(503);
    }

    @Test
    void retriesARefusedConnectionThenAnswers503() throws Exception {
        int dead = RunningEngine.freePort();
        RunningEngine e = engine("""
                frontend fe
                  bind 127.0.0.1:${PORT}
                  default_backend be
                backend be
                  timeout connect 100
                  retries 2
                  server s1 127.0.0.1:${DEAD}
                """, Map.of("PORT", Integer.toString(RunningEngine.freePort()), "DEAD", Integer.toString(dead)));
        try (RawHttp c = new RawHttp(e.port("fe"))) {
            assertThat(c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").readResponse())
                    .startsWith("HTTP/1.1 503 Service Unavailable\r\n");
        }
        StreamRecord r = e.nextRecord();
        assertThat(r.termination()).isEqualTo("SC--");
        assertThat(r.retries()).isEqualTo(2);
        assertThat(r.server()).isEqualTo("s1");
        assertThat(r.tc()).isEqualTo(-1);
        assertThat(e.engine().backends().get("be").servers().getFirst().counters().connectionErrors.sum()).isEqualTo(3);
    }

    @Test
    void redispatchesToALiveServerAfterARefusedOne() throws Exception {
        TestBackend live = backend("live");
        int dead = RunningEngine.freePort();
        RunningEngine e = engine("""
                frontend fe
                  bind 127.0.0.1:${PORT}
                  default_backend be
                backend be
                  timeout connect 100
                  retries 1
                  option redispatch
                  server dead 127.0.0.1:${DEAD}
                  server live ${LIVE}
                """, Map.of("PORT", Integer.toString(RunningEngine.freePort()), "DEAD", Integer.toString(dead),
                "LIVE", live.address()));
        HttpClient client = client();
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> res = client.send(HttpRequest.newBuilder(e.uri("fe", "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(res.statusCode()).isEqualTo(200);
            assertThat(res.body()).isEqualTo("live");
        }
        List<StreamRecord> records = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            records.add(e.nextRecord());
        }
        assertThat(records).anySatisfy(r -> {
            assertThat(r.retries()).isEqualTo(1);
            assertThat(r.redispatched()).isTrue();
            assertThat(r.server()).isEqualTo("live");
        });
    }

    @Test
    void queuesWhenTheServerIsFullAndServesInOrder() throws Exception {
        TestBackend slow = backend("slow").behavior(TestBackend.delayed(300));
        RunningEngine e = engine("""
                frontend fe
                  bind 127.0.0.1:${PORT}
                  default_backend be
                backend be
                  timeout queue 5s
                  server s1 ${S} maxconn 1
                """, Map.of("PORT", Integer.toString(RunningEngine.freePort()), "S", slow.address()));
        HttpClient client = client();
        List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            futures.add(client.sendAsync(HttpRequest.newBuilder(e.uri("fe", "/" + i)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (var f : futures) {
            assertThat(f.get().statusCode()).isEqualTo(200);
        }
        List<StreamRecord> records = List.of(e.nextRecord(), e.nextRecord(), e.nextRecord());
        assertThat(records).allSatisfy(r -> assertThat(r.termination()).isEqualTo("----"));
        assertThat(records).anySatisfy(r -> assertThat(r.tw()).isGreaterThan(0));
        assertThat(slow.openConnections()).isLessThanOrEqualTo(3);
        assertThat(e.engine().backends().get("be").servers().getFirst().counters().maxServed.get()).isEqualTo(1);
    }

    @Test
    void answers503AfterTheQueueTimeout() throws Exception {
        TestBackend slow = backend("slow").behavior(TestBackend.delayed(1500));
        RunningEngine e = engine("""
                frontend fe
                  bind 127.0.0.1:${PORT}
                  default_backend be
                backend be
                  timeout queue 200
                  server s1 ${S} maxconn 1
                """, Map.of("PORT", Integer.toString(RunningEngine.freePort()), "S", slow.address()));
        HttpClient client = client();
        var first = client.sendAsync(HttpRequest.newBuilder(e.uri("fe", "/first")).build(),
                HttpResponse.BodyHandlers.ofString());
        while (e.engine().backends().get("be").servers().getFirst().served() == 0) {
            Thread.onSpinWait();
        }
        HttpResponse<String> second = client.send(HttpRequest.newBuilder(e.uri("fe", "/second")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(second.statusCode()).isEqualTo(503);
        StreamRecord r = e.nextRecord();
        assertThat(r.termination()).isEqualTo("sQ--");
        assertThat(r.server()).isEqualTo("<NOSRV>");
        assertThat(r.tw()).isGreaterThanOrEqualTo(150);
        assertThat(r.tc()).isEqualTo(-1);
        assertThat(first.get().statusCode()).isEqualTo(200);
    }

    @Test
    void serverTimeoutGives504AndSHState() throws Exception {
        TestBackend slow = backend("slow").behavior(TestBackend.delayed(3000));
        RunningEngine e = engine("""
                frontend fe
                  bind 127.0.0.1:${PORT}
                  default_backend be
                backend be
                  timeout server 200
                  server s1 ${S}
                """, Map.of("PORT", Integer.toString(RunningEngine.freePort()), "S", slow.address()));
        try (RawHttp c = new RawHttp(e.port("fe"))) {
            assertThat(c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").readResponse())
                    .startsWith("HTTP/1.1 504 Gateway Time-out\r\ncontent-length: 92\r\n");
        }
        StreamRecord r = e.nextRecord();
        assertThat(r.termination()).isEqualTo("sH--");
        assertThat(r.tResp()).isEqualTo(-1);
    }

    @Test
    void serverClosingBeforeAnsweringGives502AndSHState() throws Exception {
        TestBackend closer = backend("closer").behavior((b, ctx, req, body) -> ctx.close());
        RunningEngine e = engine("""
                frontend fe
                  bind 127.0.0.1:${PORT}
                  default_backend be
                backend be
                  server s1 ${S}
                """, Map.of("PORT", Integer.toString(RunningEngine.freePort()), "S", closer.address()));
        try (RawHttp c = new RawHttp(e.port("fe"))) {
            assertThat(c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").readResponse())
                    .startsWith("HTTP/1.1 502 Bad Gateway\r\n");
        }
        assertThat(e.nextRecord().termination()).isEqualTo("SH--");
    }

    @Test
    void malformedResponseGives502AndPHState() throws Exception {
        TestBackend junk = backend("junk").behavior((b, ctx, req, body) ->
                ctx.channel().writeAndFlush(Unpooled.copiedBuffer("JUNK\r\n\r\n", StandardCharsets.US_ASCII)));
        junk.behavior((b, ctx, req, body) -> {
            ctx.pipeline().remove(io.netty.handler.codec.http.HttpServerCodec.class);
            ctx.writeAndFlush(Unpooled.copiedBuffer("JUNK\r\n\r\n", StandardCharsets.US_ASCII));
        });
        RunningEngine e = engine("""
                frontend fe
                  bind 127.0.0.1:${PORT}
                  default_backend be
                backend be
                  server s1 ${S}
                """, Map.of("PORT", Integer.toString(RunningEngine.freePort()), "S", junk.address()));
        try (RawHttp c = new RawHttp(e.port("fe"))) {
            assertThat(c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").readResponse())
                    .startsWith("HTTP/1.1 502 Bad Gateway\r\n");
        }
        assertThat(e.nextRecord().termination()).isEqualTo("PH--");
    }

    @Test
    void incompleteRequestHeadTimesOutWith408() throws Exception {
        RunningEngine e = engine("""
                frontend fe
                  bind 127.0.0.1:${PORT}
                  timeout http-request 200
                  default_backend be
                backend be
                  server s1 127.0.0.1:9
                """, Map.of("PORT", Integer.toString(RunningEngine.freePort())));
        try (RawHttp c = new RawHttp(e.port("fe"))) {
            String res = c.send("GET / HTTP/1.1\r\n").readToClose();
            assertThat(res).isEqualTo("HTTP/1.1 408 Request Time-out\r\nContent-length: 110\r\n"
                    + "Cache-Control: no-cache\r\nConnection: close\r\nContent-Type: text/html\r\n\r\n"
                    + "<html><body><h1>408 Request Time-out</h1>\nYour browser didn't send a complete request in time.\n"
                    + "</body></html>\n");
        }
        StreamRecord r = e.nextRecord();
        assertThat(r.termination()).isEqualTo("cR--");
        assertThat(r.requestLine()).isEqualTo("<BADREQ>");
    }

    @Test
    void malformedRequestGetsHaproxysRaw400() throws Exception {
        RunningEngine e = engine("""
                frontend fe
                  bind 127.0.0.1:${PORT}
                  default_backend be
                backend be
                  server s1 127.0.0.1:9
                """, Map.of("PORT", Integer.toString(RunningEngine.freePort())));
        try (RawHttp c = new RawHttp(e.port("fe"))) {
            String res = c.send("GET /a b HTTP/1.1\r\nHost: x\r\n\r\n").readToClose();
            assertThat(res).isEqualTo("HTTP/1.1 400 Bad request\r\nContent-length: 90\r\nCache-Control: no-cache\r\n"
                    + "Connection: close\r\nContent-Type: text/html\r\n\r\n<html><body><h1>400 Bad request</h1>\n"
                    + "Your browser sent an invalid request.\n</body></html>\n");
        }
        StreamRecord r = e.nextRecord();
        assertThat(r.termination()).isEqualTo("PR--");
        assertThat(r.status()).isEqualTo(400);
    }

    @Test
    void tooManyHeadersGives400() throws Exception {
        RunningEngine e = engine("""
                global
                  tune.http.maxhdr 10
                frontend fe
                  bind 127.0.0.1:${PORT}
                  default_backend be
                backend be
                  server s1 127.0.0.1:9
                """, Map.of("PORT", Integer.toString(RunningEngine.freePort())));
        StringBuilder req = new StringBuilder("GET / HTTP/1.1\r\nHost: x\r\n");
        for (int i = 0; i < 10; i++) {
            req.append("X-H").append(i).append(": v\r\n");
        }
        try (RawHttp c = new RawHttp(e.port("fe"))) {
            assertThat(c.send(req.append("\r\n").toString()).readToClose()).startsWith("HTTP/1.1 400 Bad request\r\n");
        }
    }

    @Test
    void headAnd204ResponsesCarryNoBodyAndKeepTheConnection() throws Exception {
        TestBackend a = backend("a").behavior((b, ctx, req, body) -> {
            var res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, req.uri().equals("/204")
                    ? HttpResponseStatus.NO_CONTENT : HttpResponseStatus.OK);
            if (!req.uri().equals("/204")) {
                res.headers().set("content-length", 1234);
            }
            ctx.writeAndFlush(res);
        });
        RunningEngine e = engine("""
                frontend fe
                  bind 127.0.0.1:${PORT}
                  default_backend be
                backend be
                  server s1 ${A}
                """, Map.of("PORT", Integer.toString(RunningEngine.freePort()), "A", a.address()));
        try (RawHttp c = new RawHttp(e.port("fe"))) {
            String head = c.send("HEAD / HTTP/1.1\r\nHost: x\r\n\r\n").readResponse();
            // a HEAD response's content-length describes the GET body: read the head only
            assertThat(head).startsWith("HTTP/1.1 200 OK\r\n").contains("content-length: 1234");
        } catch (java.io.IOException expectedBecauseBodyIsAbsent) {
            // RawHttp waits for 1234 body bytes that never come: that is the point
        }
        try (RawHttp c = new RawHttp(e.port("fe"))) {
            assertThat(c.send("GET /204 HTTP/1.1\r\nHost: x\r\n\r\n").readResponse()).startsWith("HTTP/1.1 204");
            assertThat(c.send("GET /204 HTTP/1.1\r\nHost: x\r\n\r\n").readResponse()).startsWith("HTTP/1.1 204");
        }
    }

    @Test
    void streamsChunkedRequestAndResponseBodies() throws Exception {
        TestBackend a = backend("a").behavior((b, ctx, req, body) -> {
            var res = new io.netty.handler.codec.http.DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            res.headers().set("transfer-encoding", "chunked");
            ctx.write(res);
            ctx.write(new io.netty.handler.codec.http.DefaultHttpContent(Unpooled.copiedBuffer("got " + body,
                    StandardCharsets.US_ASCII)));
            ctx.writeAndFlush(io.netty.handler.codec.http.LastHttpContent.EMPTY_LAST_CONTENT);
        });
        RunningEngine e = engine("""
                frontend fe
                  bind 127.0.0.1:${PORT}
                  default_backend be
                backend be
                  server s1 ${A}
                """, Map.of("PORT", Integer.toString(RunningEngine.freePort()), "A", a.address()));
        try (RawHttp c = new RawHttp(e.port("fe"))) {
            c.send("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\n\r\n");
            String res = c.send("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").readToClose();
            assertThat(res).contains("transfer-encoding: chunked\r\n").contains("got 11");
        }
        assertThat(a.bodyBytes()).isEqualTo(11);
    }

    @Test
    void expectContinueIsRelayedFromTheServer() throws Exception {
        TestBackend a = backend("a").behavior((b, ctx, req, body) -> TestBackend.respond(ctx, req,
                HttpResponseStatus.OK, "body=" + body));
        a.behavior((b, ctx, req, body) -> TestBackend.respond(ctx, req, HttpResponseStatus.OK, "body=" + body));
        RunningEngine e = engine("""
                frontend fe
                  bind 127.0.0.1:${PORT}
                  default_backend be
                backend be
                  server s1 ${A}
                """, Map.of("PORT", Integer.toString(RunningEngine.freePort()), "A", a.address()));
        HttpResponse<String> res = client().send(HttpRequest.newBuilder(e.uri("fe", "/up")).expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(5000))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).isEqualTo("body=5000");
    }

    @Test
    void curlGetsTheSameAnswerAsTheBackendGives() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(new java.io.File("/usr/bin/curl").canExecute(), "curl installed");
        TestBackend a = backend("a");
        RunningEngine e = engine("""
                frontend fe
                  bind 127.0.0.1:${PORT}
                  default_backend be
                backend be
                  server s1 ${A}
                """, Map.of("PORT", Integer.toString(RunningEngine.freePort()), "A", a.address()));
        Process p = new ProcessBuilder("curl", "-s", "-i", e.uri("fe", "/x").toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertThat(p.waitFor()).isZero();
        assertThat(out).startsWith("HTTP/1.1 200 OK\r\n").contains("x-server: a\r\n").endsWith("\r\n\r\na");
    }
}
