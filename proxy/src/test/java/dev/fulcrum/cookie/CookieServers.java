package dev.fulcrum.cookie;

import dev.fulcrum.testing.TestBackend;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Backends for cookie tests: each answers with its name and the Cookie headers it
 * received, and with the status ({@code ?status=}) and response headers
 * ({@code ?h=Name:Value}, repeatable) the request asks for, so a test can make the
 * server emit its own cookies and cache headers.
 */
final class CookieServers {

    private CookieServers() {
    }

    static TestBackend start(String name) throws InterruptedException {
        return TestBackend.start(name).behavior((b, ctx, req, body) -> {
            QueryStringDecoder q = new QueryStringDecoder(req.uri());
            int status = Integer.parseInt(q.parameters().getOrDefault("status", List.of("200")).getFirst());
            String text = b.name() + " cookie=" + req.headers().getAll("Cookie") + "\n";
            ByteBuf content = Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
            FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
                    content);
            for (String h : q.parameters().getOrDefault("h", List.of())) {
                int colon = h.indexOf(':');
                res.headers().add(h.substring(0, colon), h.substring(colon + 1));
            }
            res.headers().set(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
            ctx.writeAndFlush(res);
        });
    }
}
