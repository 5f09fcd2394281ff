package dev.fulcrum.action;

import dev.fulcrum.testing.RawHttp;
import dev.fulcrum.testing.RunningEngine;
import dev.fulcrum.testing.TestBackend;
import dev.fulcrum.testing.TestResources;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ProxyPass / ProxyPassReverse translation of the seed document 000 (Apache's
 * {@code ProxyPass /mirror/foo/ http://myapp.internal/} done with HAProxy 1.x
 * {@code reqirep}/{@code rspirep} lines), end to end: Fulcrum reads the legacy lines
 * as http-request/http-response rules and a real backend sees the prefix stripped,
 * while the client sees {@code Location} and the cookies' {@code Domain} and
 * {@code Path} mapped back. The seed's text lost characters (see
 * {@code src/test/resources/seeds/000-proxypass-translation.cfg}); this is the
 * well-formed configuration it describes. haproxy 2.6 no longer accepts these
 * keywords, so there is no reference to compare with: the expectations are the
 * legacy keywords' definitions.
 */
class ProxyPassSeedTest {

    private static final String CONFIG = """
            defaults
              mode http
              timeout client 3s
              timeout server 3s
              timeout connect 1s
            frontend ft_global
              bind 127.0.0.1:${PORT}
              acl path_mirror_foo path -m beg /mirror/foo/
              use_backend bk_myapp if path_mirror_foo
              default_backend bk_other
            backend bk_myapp
              # ProxyPass /mirror/foo/ http://myapp.internal/
              http-request set-header Host myapp.internal
              reqirep ^([^\\ :]*)\\ /mirror/foo/(.*)     \\1\\ /\\2
              # ProxyPassReverse /mirror/foo/
              acl hdr_location res.hdr(Location) -m found
              rspirep ^Location:\\ (https?://myapp.internal(:[0-9]+)?)?(/.*) Location:\\ /mirror/foo\\3 if hdr_location
              # ProxyPassReverseCookieDomain myapp.internal www.example.com
              acl hdr_set_cookie_dom res.hdr(Set-cookie) -m sub Domain=
              rspirep ^(Set-Cookie:.*)\\ Domain=myapp.internal(.*) \\1\\ Domain=www.example.com\\2 if hdr_set_cookie_dom
              # ProxyPassReverseCookiePath / /mirror/foo/
              acl hdr_set_cookie_path res.hdr(Set-cookie) -m sub Path=
              rspirep ^(Set-Cookie:.*)\\ Path=(.*) \\1\\ Path=/mirror/foo\\2 if hdr_set_cookie_path
              server app ${APP}
            backend bk_other
              server other ${APP}
            """;

    @Test
    void prefixIsStrippedAndLocationAndCookiesAreMappedBack() throws Exception {
        try (TestResources t = new TestResources()) {
            TestBackend app = t.backend("app").behavior((b, ctx, req, body) -> {
                ByteBuf content = Unpooled.copiedBuffer(req.method() + " " + req.uri() + " host="
                        + req.headers().get("Host"), StandardCharsets.UTF_8);
                FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.FOUND, content);
                res.headers().set(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
                res.headers().set("Location", "http://myapp.internal:8080/login?next=" + req.uri());
                res.headers().add("Set-Cookie", "sid=abc; Domain=myapp.internal; Path=/");
                res.headers().add("Set-Cookie", "theme=dark; Path=/prefs");
                res.headers().add("Set-Cookie", "plain=1");
                ctx.writeAndFlush(res);
            });
            RunningEngine engine = t.engine(CONFIG, Map.of("APP", app.address(),
                    "PORT", Integer.toString(RunningEngine.freePort())));
            String response;
            try (RawHttp c = new RawHttp(engine.port("ft_global"))) {
                c.timeout(3000);
                c.send("GET /mirror/foo/account/view?id=7 HTTP/1.1\r\nHost: www.example.com\r\n\r\n");
                response = c.readResponse();
            }
            assertThat(response).startsWith("HTTP/1.1 302 Found\r\n");
            assertThat(response).contains("\r\nlocation: /mirror/foo/login?next=/account/view?id=7\r\n");
            assertThat(response).contains("\r\nset-cookie: sid=abc; Domain=www.example.com; Path=/mirror/foo/\r\n");
            assertThat(response).contains("\r\nset-cookie: theme=dark; Path=/mirror/foo/prefs\r\n");
            assertThat(response).contains("\r\nset-cookie: plain=1\r\n");
            assertThat(response).endsWith("GET /account/view?id=7 host=myapp.internal");

            try (RawHttp c = new RawHttp(engine.port("ft_global"))) {
                c.timeout(3000);
                c.send("GET /elsewhere HTTP/1.1\r\nHost: www.example.com\r\n\r\n");
                response = c.readResponse();
            }
            // other paths go to another backend, untouched
            assertThat(response).contains("\r\nlocation: http://myapp.internal:8080/login?next=/elsewhere\r\n");
            assertThat(response).contains("\r\nset-cookie: sid=abc; Domain=myapp.internal; Path=/\r\n");
            assertThat(response).endsWith("GET /elsewhere host=www.example.com");
        }
    }
}
