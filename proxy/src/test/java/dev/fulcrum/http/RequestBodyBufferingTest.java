package dev.fulcrum.http;

import dev.fulcrum.testing.EchoServer;
import dev.fulcrum.testing.RawHttp;
import dev.fulcrum.testing.RunningEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code option http-buffer-request} and {@code http-request wait-for-body} with
 * real clients and a real backend: rules after the wait see the body (sent in
 * pieces, with a length or chunked), the request then reaches the server byte for
 * byte, a body larger than the buffer is looked at up to the buffer and forwarded
 * whole, and a body that does not come in time gets HAProxy's 408.
 */
class RequestBodyBufferingTest {

    private static final String CONFIG = """
            global
              tune.bufsize 8192
            defaults
              mode http
              timeout client 5s
              timeout server 5s
              timeout connect 1s
            frontend fe_opt
              bind 127.0.0.1:${PORT_OPT}
              option http-buffer-request
              timeout http-request 300ms
              http-request deny if { req.body -m sub secret }
              http-request set-header x-seen-len %[req.body_len]
              http-request set-header x-seen-size %[req.body_size]
              use_backend be_b if { req.body_param(to) -m str b }
              default_backend be_a
            frontend fe_wait
              bind 127.0.0.1:${PORT_WAIT}
              http-request wait-for-body time 300ms at-least 10 if { path /least }
              http-request wait-for-body time 300ms if { path /all }
              http-request set-header x-seen-len %[req.body_len]
              default_backend be_a
            backend be_a
              http-response set-header x-backend a
              server s1 ${ECHO}
            backend be_b
              http-response set-header x-backend b
              server s1 ${ECHO}
            """;

    private static EchoServer echo;
    private static RunningEngine engine;

    @BeforeAll
    static void start() throws Exception {
        echo = EchoServer.start();
        engine = RunningEngine.start(CONFIG, Map.of("PORT_OPT", Integer.toString(RunningEngine.freePort()),
                "PORT_WAIT", Integer.toString(RunningEngine.freePort()), "ECHO", echo.address()));
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
        if (echo != null) {
            echo.close();
        }
    }

    @BeforeEach
    void forgetEarlierStreams() {
        engine.drainRecords();
    }

    @Test
    void aBodySentInPiecesRoutesAndReachesTheServerUnchanged() throws Exception {
        String body = "a=1&to=b&c=3";
        try (RawHttp c = new RawHttp(engine.port("fe_opt"))) {
            c.send("POST /form HTTP/1.1\r\nHost: h\r\nContent-Length: " + body.length() + "\r\n\r\na=1&t");
            Thread.sleep(150);
            c.send("o=b&c=3");
            String response = c.readResponse();
            assertThat(response).startsWith("HTTP/1.1 200").contains("x-backend: b\r\n")
                    .contains("x-seen-len: 12\n", "x-seen-size: 12\n", "body-length: 12\n", body + "\n");
            assertThat(c.closedByPeer(200)).as("the connection stays open").isFalse();
        }
    }

    @Test
    void aChunkedBodyIsSeenWithoutItsFramingAndForwardedChunked() throws Exception {
        try (RawHttp c = new RawHttp(engine.port("fe_opt"))) {
            c.send("POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nto=\r\n");
            Thread.sleep(150);
            c.send("1\r\na\r\n4\r\n&x=1\r\n0\r\n\r\n");
            String response = c.readResponse();
            assertThat(response).contains("x-backend: a\r\n", "transfer-encoding: chunked\n", "x-seen-len: 8\n",
                    "body-length: 8\n", "to=a&x=1\n");
        }
    }

    @Test
    void rulesAfterTheWaitSeeTheWholeBody() throws Exception {
        try (RawHttp c = new RawHttp(engine.port("fe_opt"))) {
            c.send("POST /s HTTP/1.1\r\nHost: h\r\nContent-Length: 12\r\n\r\nthe se");
            Thread.sleep(150);
            c.send("cret!!");
            assertThat(c.readResponse()).startsWith("HTTP/1.1 403");
        }
        assertThat(engine.nextRecord(Duration.ofSeconds(5)).termination()).isEqualTo("PR--");
    }

    @Test
    void aBodyLargerThanTheBufferIsLookedAtUpToTheBufferAndForwardedWhole() throws Exception {
        byte[] body = new byte[200_000];
        Arrays.fill(body, (byte) 'z');
        body[body.length - 1] = '!';
        try (RawHttp c = new RawHttp(engine.port("fe_opt"))) {
            c.send("POST /big HTTP/1.1\r\nHost: h\r\nContent-Length: " + body.length + "\r\n\r\n");
            for (int off = 0; off < body.length; off += 50_000) {
                c.send(Arrays.copyOfRange(body, off, off + 50_000));
            }
            String response = c.readResponse();
            long seen = header(response, "x-seen-len");
            assertThat(seen).as("what the rules saw: a buffer's worth").isPositive().isLessThan(8192);
            assertThat(response).contains("x-seen-size: 200000\n", "body-length: 200000\n",
                    "body-sha256: " + EchoServer.sha256(body) + "\n");
        }
    }

    @Test
    void aBodyThatDoesNotComeInTimeGets408AndIsLoggedAsAClientTimeout() throws Exception {
        try (RawHttp c = new RawHttp(engine.port("fe_wait"))) {
            c.send("POST /all HTTP/1.1\r\nHost: h\r\nContent-Length: 100\r\n\r\nonly this");
            assertThat(c.readResponse()).startsWith("HTTP/1.1 408 Request Time-out")
                    .contains("connection: close");
            assertThat(c.closedByPeer(2000)).isTrue();
        }
        var record = engine.nextRecord(Duration.ofSeconds(5));
        assertThat(record.status()).isEqualTo(408);
        assertThat(record.termination()).isEqualTo("cR--");
        assertThat(record.tr()).as("no complete request").isEqualTo(-1);
    }

    @Test
    void atLeastEndsTheWaitOnceThatMuchArrived() throws Exception {
        try (RawHttp c = new RawHttp(engine.port("fe_wait"))) {
            c.send("POST /least HTTP/1.1\r\nHost: h\r\nContent-Length: 20\r\n\r\n12345");
            Thread.sleep(100);
            c.send("67890ab");
            Thread.sleep(100);
            c.send("cdefghij");
            String response = c.readResponse();
            long seen = header(response, "x-seen-len");
            assertThat(seen).isBetween(10L, 19L);
            assertThat(response).contains("body-length: 20\n", "1234567890abcdefghij\n");
        }
    }

    @Test
    void aRequestWithoutABodyIsNotHeldBack() throws Exception {
        try (RawHttp c = new RawHttp(engine.port("fe_wait"))) {
            c.send("GET /all HTTP/1.1\r\nHost: h\r\n\r\n");
            assertThat(c.readResponse()).startsWith("HTTP/1.1 200").contains("x-seen-len: 0\n", "body-length: 0\n");
        }
    }

    @Test
    void expectContinueIsAnsweredWhileWaitingAndNotForwarded() throws Exception {
        try (RawHttp c = new RawHttp(engine.port("fe_opt"))) {
            c.send("POST /e HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n");
            assertThat(c.readResponse()).startsWith("HTTP/1.1 100 Continue");
            c.send("to=b");
            String response = c.readResponse();
            assertThat(response).contains("x-backend: b\r\n", "body-length: 4\n").doesNotContain("expect:");
        }
    }

    @Test
    void pipelinedRequestsAfterABufferedBodyAreServedInTurn() throws Exception {
        try (RawHttp c = new RawHttp(engine.port("fe_opt"))) {
            c.send("POST /one HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\n\r\nto=b"
                    + "POST /two HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\n\r\nto=a");
            assertThat(c.readResponse()).contains("POST /one", "x-backend: b\r\n", "to=b\n");
            assertThat(c.readResponse()).contains("POST /two", "x-backend: a\r\n", "to=a\n");
        }
    }

    private static long header(String response, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + ": (\\d+)$").matcher(response);
        assertThat(m.find()).as(name + " in " + response).isTrue();
        return Long.parseLong(m.group(1));
    }
}
