package dev.fulcrum.http;

import dev.fulcrum.testing.Await;
import dev.fulcrum.testing.RawHttp;
import dev.fulcrum.testing.RunningEngine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code option contstats}: the traffic counters of a long response grow while
 * it streams; without it they only move when the stream ends, as in haproxy.
 */
class ContStatsTest {

    private static final String CONFIG = """
            defaults
              mode http
              timeout client 10s
              timeout server 10s
              timeout connect 2s
            frontend fe
              bind 127.0.0.1:${PORT}
              ${OPTION}
              default_backend be
            backend be
              server s 127.0.0.1:${SERVER}
            """;

    private static final String FIRST_CHUNK = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n";

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void countersFollowAStreamingResponse(boolean contstats) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
             RunningEngine engine = RunningEngine.start(CONFIG, Map.of("PORT", Integer.toString(RunningEngine.freePort()),
                     "SERVER", Integer.toString(server.getLocalPort()),
                     "OPTION", contstats ? "option contstats" : "no option contstats"))) {
            var counters = engine.engine().frontends().get("fe").counters();
            try (RawHttp client = new RawHttp(engine.port("fe"))) {
                client.send("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n");
                try (Socket s = server.accept()) {
                    readHead(s.getInputStream());
                    OutputStream out = s.getOutputStream();
                    out.write(FIRST_CHUNK.getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    assertThat(client.readAvailable(5000, 300)).contains("hello");
                    // the response is still open: only contstats has counted its bytes yet
                    if (contstats) {
                        Await.until(() -> counters.bytesOut.sum() > 0);
                    } else {
                        assertThat(counters.bytesOut.sum()).isZero();
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    client.readAvailable(5000, 300);
                }
            }
            // at the end both ways have counted the stream's bytes once
            long logged = engine.nextRecord().bytesOut();
            assertThat(logged).isGreaterThan(FIRST_CHUNK.length());
            assertThat(counters.bytesOut.sum()).isEqualTo(logged);
        }
    }

    private static void readHead(InputStream in) throws Exception {
        int matched = 0;
        for (int b; matched < 4 && (b = in.read()) >= 0; ) {
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
        }
    }
}
