package dev.fulcrum.http;

import dev.fulcrum.testing.ForkedEngine;
import dev.fulcrum.testing.RunningEngine;
import dev.fulcrum.testing.TestBackend;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A gibibyte through the proxy in each direction while the proxy's heap is capped
 * at 64 MiB: bodies must stream with back-pressure, never accumulate.
 */
class StreamingIntegrationTest {

    private static final long GIB = 1L << 30;

    @Test
    void streamsAGibibyteEachWayWithABoundedHeap() throws Exception {
        try (TestBackend backend = TestBackend.start("bulk")) {
            backend.behavior((b, ctx, req, body) -> {
                if (req.uri().startsWith("/download")) {
                    sendChunked(ctx, GIB);
                } else {
                    TestBackend.respond(ctx, req, HttpResponseStatus.OK, Long.toString(body));
                }
            });
            int port = RunningEngine.freePort();
            String config = """
                    global
                      nbthread 2
                    defaults
                      mode http
                      timeout client 30s
                      timeout server 30s
                      timeout connect 2s
                    frontend fe
                      bind 127.0.0.1:%d
                      default_backend be
                    backend be
                      server s1 %s
                    """.formatted(port, backend.address());
            try (ForkedEngine engine = ForkedEngine.start(config, List.of("-Xmx64m", "-XX:+UseSerialGC"), port)) {
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                URI base = URI.create("http://127.0.0.1:" + port);

                HttpResponse<String> up = client.send(HttpRequest.newBuilder(base.resolve("/upload"))
                        .POST(HttpRequest.BodyPublishers.fromPublisher(
                                HttpRequest.BodyPublishers.ofInputStream(() -> new Zeros(GIB)), GIB))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(up.statusCode()).isEqualTo(200);
                assertThat(up.body()).isEqualTo(Long.toString(GIB));

                HttpResponse<InputStream> down = client.send(HttpRequest.newBuilder(base.resolve("/download")).build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                assertThat(down.statusCode()).isEqualTo(200);
                long received = 0;
                byte[] buf = new byte[1 << 16];
                try (InputStream in = down.body()) {
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        received += n;
                    }
                }
                assertThat(received).isEqualTo(GIB);
                assertThat(engine.process().isAlive()).as("engine survived: " + engine.output()).isTrue();
                assertThat(engine.output()).doesNotContain("OutOfMemoryError");
            }
        }
    }

    /** Writes {@code total} bytes as a chunked body, pausing whenever the channel is not writable. */
    private static void sendChunked(ChannelHandlerContext ctx, long total) {
        DefaultHttpResponse res = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        res.headers().set("transfer-encoding", "chunked");
        ctx.writeAndFlush(res);
        new Object() {
            long left = total;

            void pump() {
                while (left > 0 && ctx.channel().isWritable()) {
                    int n = (int) Math.min(left, 1 << 16);
                    ByteBuf chunk = ctx.alloc().buffer(n).writeZero(n);
                    left -= n;
                    ctx.write(new DefaultHttpContent(chunk));
                }
                if (left == 0) {
                    ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
                    return;
                }
                // resume once what was queued has reached the socket
                ctx.channel().writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER)
                        .addListener((ChannelFutureListener) f -> ctx.executor().execute(this::pump));
            }
        }.pump();
    }

    /** An input stream of {@code n} zero bytes, produced on the fly. */
    private static final class Zeros extends InputStream {
        private long left;

        Zeros(long n) {
            this.left = n;
        }

        @Override
        public int read() {
            if (left == 0) {
                return -1;
            }
            left--;
            return 0;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left == 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            java.util.Arrays.fill(b, off, off + n, (byte) 0);
            left -= n;
            return n;
        }
    }
}
