package dev.fulcrum.action;

import dev.fulcrum.testing.Haproxy;
import dev.fulcrum.testing.RawHttp;
import dev.fulcrum.testing.SideBySide;
import dev.fulcrum.testing.TestBackend;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * http-request, http-response and http-after-response rules through the real
 * haproxy 2.6 and through Fulcrum, same configuration and same raw requests: the
 * client must receive the same status line, headers and body (the echo backend
 * writes the request head it received into its body, so request rewrites are
 * compared too).
 */
class RulesDifferentialTest {

    private static final List<String> FRONTENDS = List.of("fe_req", "fe_be", "fe_res", "fe_norm", "fe_auth",
            "fe_mon", "fe_pp", "fe_us", "fe_tcp",
            "fe_tcprej", "fe_cap", "fe_def", "fe_vars");

    private static final String CONFIG = """
            global
              expose-experimental-directives
            defaults
              mode http
              timeout client 3s
              timeout server 3s
              timeout connect 1s
              timeout tarpit 200ms
            userlist users
              group admins users alice
              user alice insecure-password wonderland
              user bob password $6$saltsalt$AMApe3UxKRHFGgpM1NDN5e0tMZ6laQYyoi896lWiBlxd7Nwbszp8z77oH.h4MAG5Y14p5yLYfTD/sjuLtHEDG/
              user carol password $5$rounds=1000$pepper$7nkYTjKzSKDLpoe0BZClCejVWYRLhRArHH5ZNBA7J82
              user dave password $1$abcdefgh$E5zEIvLkssp5Tif9IIkt/0
            http-errors site
              errorfile 403 ${DIR}/e403.http
            frontend fe_req
              bind 127.0.0.1:${PORT_FE_REQ}
              http-request deny if { path /deny }
              http-request deny deny_status 404 if { path /deny404 }
              http-request deny status 429 content-type text/plain string "slow down" hdr x-a b if { path /denybody }
              http-request deny errorfiles site if { path /denysite }
              http-request deny deny_status 401 if { path /deny401 }
              http-request tarpit if { path /tarpit }
              http-request reject if { path /reject }
              http-request return status 200 content-type text/plain lf-string "hi %[path]" if { path /ret }
              http-request return if { path /ret0 }
              http-request return status 200 content-type text/plain lf-string "%[urlp(none)]" if { path /retempty }
              http-request return status 200 content-type text/plain lf-string "%[req.len] %[req.body_len]" if { path_beg /reqlen } REQ_CONTENT
              http-request return status 200 content-type application/octet-stream lf-string "%[req.hdrs_bin,hex]" if { path /hdrsbin }
              http-request return status 201 content-type "text/html" file ${DIR}/body.html hdr x-one 1 hdr x-two "%[method]" if { path /retfile }
              http-request return status 503 errorfile ${DIR}/e503.http if { path /reterrfile }
              http-request redirect location /new code 301 if { path /redir }
              http-request redirect location /p%[path] code 303 if { path /redir303 }
              http-request redirect prefix /p drop-query append-slash if { path_beg /pre }
              http-request redirect prefix /q if { path_beg /keepq }
              http-request redirect prefix / code 307 if { path_beg /slash }
              http-request redirect scheme https set-cookie FOO=bar if { path /sch }
              http-request redirect scheme https clear-cookie FOO code 308 if { path /schclear }
              http-request redirect location "%[req.hdr(x-none)]" ignore-empty if { path /empty }
              http-request set-header X-Set %[path] if { path_beg /hdr }
              http-request add-header X-Add one if { path_beg /hdr }
              http-request add-header X-Add two if { path_beg /hdr }
              http-request del-header X-Del if { path_beg /hdr }
              http-request del-header x-pre -m beg if { path_beg /hdr }
              http-request del-header -sfx -m end if { path_beg /hdr }
              http-request del-header ^x-re.*x$ -m reg if { path_beg /hdr }
              http-request replace-header X-Rep ^foo(.*)$ bar\\1 if { path_beg /hdr }
              http-request replace-value X-Val ^a(.*)$ z\\1 if { path_beg /hdr }
              http-request set-path /new%[path] if { path_beg /setpath }
              http-request set-pathq /pq?x=1 if { path_beg /setpq }
              http-request set-query a=1&b=2 if { path_beg /setq }
              http-request set-query %[str()] if { path_beg /clearq }
              http-request set-uri /uri/%[method] if { path_beg /seturi }
              http-request replace-path /strip(/.*)? \\1 if { path_beg /strip }
              http-request replace-pathq ^/rpq(.*)$ /x\\1 if { path_beg /rpq }
              http-request replace-uri ^/ru/(.*) /r/\\1 if { path_beg /ru/ }
              http-request set-method PUT if { path /setmethod }
              http-request set-var(txn.p) path if { path_beg /var }
              http-request set-var-fmt(txn.f) "m=%[method]" if { path_beg /var }
              http-request set-var(req.unset) str(gone) if { path_beg /var }
              http-request unset-var(req.unset) if { path_beg /var }
              http-request set-header X-Var "%[var(txn.p)] %[var(txn.f)] <%[var(req.unset)]>" if { path_beg /var }
              http-request set-var(txn.once,ifnotexists) str(first) if { path_beg /var }
              http-request set-var(txn.once,ifnotexists) str(second) if { path_beg /var }
              http-request set-header X-Once %[var(txn.once)] if { path_beg /var }
              http-request early-hint link "</style.css>; rel=preload" if { path /eh }
              http-request early-hint link "</script.js>; rel=preload" if { path /eh }
              http-request early-hint x-late %[method] if { path /eh }
              http-request allow if { path /allow }
              http-request deny if { path /allow }
              http-request set-header X-After-Allow no if { path /allow }
              default_backend echo
            frontend fe_be
              bind 127.0.0.1:${PORT_FE_BE}
              http-request set-header X-Fe 1
              default_backend be_rules
            backend be_rules
              http-request set-header X-Be %[req.hdr(x-fe)]
              http-request deny deny_status 403 if { path /bedeny }
              http-response set-header X-Be-Res yes
              server s1 ${ECHO}
            frontend fe_res
              bind 127.0.0.1:${PORT_FE_RES}
              http-request set-var(txn.path) path
              http-response set-header X-Res %[status]
              http-response add-header X-Res-Add a
              http-response del-header X-Server
              http-response set-status 299 if { var(txn.path) -m str /status }
              http-response set-status 298 reason "Very Fine" if { var(txn.path) -m str /reason }
              http-response deny if { var(txn.path) -m str /rdeny }
              http-response deny deny_status 403 if { var(txn.path) -m str /rdeny403 }
              http-response return status 202 content-type text/plain string swapped if { var(txn.path) -m str /rreturn }
              http-response redirect location /elsewhere if { var(txn.path) -m str /rredir }
              http-response replace-header Set-Cookie (.*)Domain=internal.local(.*) \\1Domain=public.example\\2 if { var(txn.path) -m beg /app }
              http-response replace-value X-List ^b$ B if { var(txn.path) -m beg /app }
              http-response set-var(res.s) status
              http-response set-header X-Res-Var %[var(res.s)]
              http-after-response set-header X-After 1
              http-after-response del-header x-res-add if { var(txn.path) -m str /afterdel }
              http-request deny if { path /denied }
              http-request redirect location /moved if { path /moved }
              default_backend echo
            frontend fe_norm
              bind 127.0.0.1:${PORT_FE_NORM}
              http-request normalize-uri fragment-strip if { path_beg /fs }
              http-request normalize-uri fragment-encode if { path_beg /fe }
              http-request normalize-uri path-merge-slashes if { path_beg /ms }
              http-request normalize-uri path-strip-dot if { path_beg /sd }
              http-request normalize-uri path-strip-dotdot if { path_beg /sdd/ }
              http-request normalize-uri path-strip-dotdot full if { path_beg /sddf/ }
              http-request normalize-uri percent-decode-unreserved if { path_beg /pd/ }
              http-request normalize-uri percent-decode-unreserved strict if { path_beg /pds/ }
              http-request normalize-uri percent-to-uppercase if { path_beg /pu/ }
              http-request normalize-uri percent-to-uppercase strict if { path_beg /pus/ }
              http-request normalize-uri query-sort-by-name if { path_beg /qs }
              default_backend echo
            frontend fe_auth
              bind 127.0.0.1:${PORT_FE_AUTH}
              http-request auth if { path_beg /plain } !{ http_auth(users) }
              http-request auth realm "Admin area" if { path_beg /admin } !{ http_auth_group(users) admins }
              http-request set-header X-User %[http_auth_user] if { http_auth(users) }
              default_backend echo
            frontend fe_mon
              bind 127.0.0.1:${PORT_FE_MON}
              monitor-uri /health
              monitor fail if { req.hdr(x-fail) -m found }
              redirect prefix /r code 301 if { path_beg /old }
              redirect location /loc if { path /loc0 }
              redirect location https://%[hdr(host)]%[path] if { path /literal }
              default_backend echo
            frontend fe_pp
              bind 127.0.0.1:${PORT_FE_PP}
              http-request replace-path ^/app(/.*)?$ \\1
              http-request set-path / if { path -m len 0 }
              http-response replace-header Location ^http://internal.local(/.*)?$ http://public.example/app\\1
              http-response replace-header Set-Cookie ^(.*);\\s*[Pp]ath=/(.*)$ "\\1; Path=/app/\\2"
              default_backend echo
            frontend fe_us
              bind 127.0.0.1:${PORT_FE_US}
              default_backend be_us
            backend be_us
              retries 0
              use-server dead if { path /dead }
              use-server dead if { path /force }
              use-server s1 if { path /force }
              force-persist if { path /force }
              ignore-persist if { path /ignored }
              server s1 ${ECHO}
              server dead 127.0.0.1:1 disabled
            frontend fe_tcp
              bind 127.0.0.1:${PORT_FE_TCP}
              tcp-request connection reject if { src 10.0.0.0/8 }
              tcp-request connection set-var(sess.conn) str(c1)
              tcp-request session set-var(sess.ses) str(s1)
              tcp-request inspect-delay 1s
              tcp-request content reject if { path /tcpreject }
              tcp-request content set-var(txn.t) str(tcpvar)
              tcp-request content capture req.hdr(host) len 7
              tcp-request content accept if { path /accepted }
              tcp-request content reject if { path /accepted }
              http-request set-header X-T "%[var(txn.t)] %[var(sess.conn)] %[var(sess.ses)] %[capture.req.hdr(0)]"
              default_backend be_tcpres
            backend be_tcpres
              tcp-response content reject if { var(txn.t) -m str tcpvar } { res.hdr(x-server) -m found } { path_beg /resreject }
              server s1 ${ECHO}
            frontend fe_tcprej
              bind 127.0.0.1:${PORT_FE_TCPREJ}
              tcp-request connection reject
              default_backend echo
            frontend fe_cap
              bind 127.0.0.1:${PORT_FE_CAP}
              option forwardfor
              capture request header User-Agent len 5
              declare capture request len 8
              capture response header X-Server len 3
              http-request capture req.hdr(x-id) len 3
              http-request capture path id 1
              http-request set-src hdr(x-real-ip) if { req.hdr(x-real-ip) -m found }
              http-request set-header X-Cap "%[capture.req.hdr(0)]|%[capture.req.hdr(1)]|%[capture.req.hdr(2)]|%[src]"
              http-request set-log-level silent if { path /quiet }
              http-response set-header X-Res-Cap "%[capture.res.hdr(0)]"
              default_backend be_timeout
            backend be_timeout
              http-request set-timeout server 2s
              http-request set-timeout tunnel int(3000)
              server s1 ${ECHO}
            frontend fe_vars
              bind 127.0.0.1:${PORT_FE_VARS}
              tcp-request connection set-var-fmt(sess.who) "%ci/%f/%s"
              http-request set-header X-Vars "%ci %fi %f %b %s %HM %HU %HP %HQ %HV"
              http-request set-header X-Req "%{+Q}r %{+Q}HU"
              http-request set-header X-Sess "%[var(sess.who)]"
              http-request return status 200 content-type text/plain lf-string "ci=%ci fe=%f be=%b %[path]" if { path /lfret }
              http-response set-header X-Res-Vars "%ST %b %s %si %bi"
              http-after-response set-header X-After "%ST %b/%s"
              use_backend %f_be if { path_beg /dyn }
              default_backend echo
            backend fe_vars_be
              http-request set-header X-Dyn "%b %s"
              server s1 ${ECHO}
            backend echo
              server s1 ${ECHO}
            defaults withrules
              mode http
              timeout client 3s
              timeout server 3s
              timeout connect 1s
              http-request set-header X-From-Defaults 1
              http-request deny if { path /ddeny }
              http-response set-header X-Def-Res 1
            frontend fe_def
              bind 127.0.0.1:${PORT_FE_DEF}
              http-request set-header X-Own %[req.hdr(x-from-defaults)]
              http-request return status 200 content-type text/plain string ret if { path /dret }
              default_backend echo
            """;

    private static TestBackend echo;
    private static SideBySide both;
    private static Path dir;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Haproxy.available(), "haproxy 2.6 installed");
        echo = TestBackend.start("echo").behavior((b, ctx, req, body) -> {
            StringBuilder s = new StringBuilder(req.method() + " " + req.uri() + " " + req.protocolVersion() + "\n");
            req.headers().forEach(h -> s.append(h.getKey()).append(": ").append(h.getValue()).append('\n'));
            ByteBuf content = Unpooled.copiedBuffer(s.toString(), StandardCharsets.UTF_8);
            FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, content);
            res.headers().set(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
            res.headers().set("X-Server", "echo");
            if (req.uri().startsWith("/app") || req.uri().equals("/") || req.uri().startsWith("/x")) {
                res.headers().add("Set-Cookie", "sid=1; Domain=internal.local; Path=/");
                res.headers().add("Set-Cookie", "pref=2; path=/settings");
                res.headers().set("Location", "http://internal.local/next");
                res.headers().set("X-List", "a, b,c");
            }
            ctx.writeAndFlush(res);
        });
        dir = Files.createTempDirectory("rules");
        Files.writeString(dir.resolve("e403.http"), "HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\n"
                + "Content-Length: 8\r\n\r\nsite 403");
        Files.writeString(dir.resolve("e503.http"), "HTTP/1.1 503 Busy\r\nContent-Type: text/plain\r\n"
                + "Content-Length: 4\r\n\r\nbusy");
        Files.writeString(dir.resolve("body.html"), "<p>file body</p>\n");
        both = SideBySide.start(CONFIG, FRONTENDS.stream().map(RulesDifferentialTest::portVar).toList(),
                Map.of("ECHO", echo.address(), "DIR", dir.toString()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (both != null) {
            both.close();
        }
        if (echo != null) {
            echo.close();
        }
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static Arguments get(String fe, String path) {
        return get(fe, path, "");
    }

    private static Arguments get(String fe, String path, String extraHeaders) {
        return Arguments.of(fe, "GET " + path + (extraHeaders.isEmpty() ? "" : " +" + extraHeaders.trim()),
                "GET " + path + " HTTP/1.1\r\nHost: example.com\r\n" + extraHeaders + "\r\n");
    }

    static Stream<Arguments> requests() {
        List<Arguments> a = new ArrayList<>();
        // http-request: terminal actions
        for (String p : List.of("/deny", "/deny404", "/denybody", "/denysite", "/deny401", "/tarpit", "/ret",
                "/ret0", "/retfile", "/reterrfile", "/redir", "/redir303", "/pre/x?a=1", "/pre/", "/keepq/x?a=1",
                "/slash/y?z", "/sch?q=1", "/schclear", "/empty", "/allow", "/reject")) {
            a.add(get("fe_req", p));
        }
        a.add(get("fe_req", "/retempty"));
        a.add(get("fe_req", "/reqlen", "X-A: 1\r\nX-B: two\r\n"));
        a.add(Arguments.of("fe_req", "POST /reqlen with body", "POST /reqlen/p HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello"));
        a.add(get("fe_req", "/hdrsbin", "X-Long: " + "v".repeat(300) + "\r\nX-Longer: " + "w".repeat(5000) + "\r\n"));
        a.add(Arguments.of("fe_req", "HTTP/1.0 /ret", "GET /ret HTTP/1.0\r\n\r\n"));
        a.add(Arguments.of("fe_req", "POST /deny with body", "POST /deny HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc"));
        a.add(Arguments.of("fe_req", "POST /deny with part of the body", "POST /deny HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\nabc"));
        a.add(Arguments.of("fe_req", "POST /redir chunked", "POST /redir HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"));
        a.add(Arguments.of("fe_req", "redirect without Host", "GET /sch HTTP/1.1\r\n\r\n"));
        a.add(Arguments.of("fe_req", "redirect absolute URI", "GET http://h.example/pre/abs?k=v HTTP/1.1\r\nHost: h.example\r\n\r\n"));
        // http-request: header and URI rewrites
        a.add(get("fe_req", "/hdr", "X-Set: old\r\nX-Del: 1\r\nX-Del: 2\r\nX-Pre-One: 1\r\nx-prefix: 2\r\n"
                + "A-Sfx: 1\r\nX-Rex: 1\r\nX-Re-And-X: 2\r\nX-Rep: foo123\r\nX-Rep: nofoo\r\nX-Val: abc, b, aa\r\n"));
        for (String p : List.of("/setpath/a?q=1", "/setpq/a?q=1", "/setq/a", "/setq/a?old=1", "/clearq?x=1", "/clearq",
                "/seturi/x?y", "/strip/a/b?c=d", "/rpq/a?b=c", "/ru/x/y", "/setmethod", "/var/1")) {
            a.add(get("fe_req", p));
        }
        // backend rules after use_backend
        a.add(get("fe_be", "/x"));
        a.add(get("fe_be", "/bedeny"));
        // response rules
        for (String p : List.of("/plain", "/status", "/reason", "/rdeny", "/rdeny403", "/rreturn", "/rredir",
                "/app/1", "/afterdel", "/denied", "/moved")) {
            a.add(get("fe_res", p));
        }
        // normalize-uri
        for (String p : List.of("/ms//a///b", "/sd/./a/./b/.", "/sdd/a/../b/", "/sdd/../x/",
                "/sdd/a/b/../../../c", "/sddf/../x/", "/sddf/a/../../b", "/pd/%61%62%2F%7e?x=%41", "/pd/%zz",
                "/pds/%zz", "/pu/%2f%3a?q=%aa", "/pu/%zz", "/pus/%zz", "/qs?c=3&a=1&b=2", "/qs?aaa=3&a=1&aa=2",
                "/qs?a=3&b=4&a=1&b=5&a=2", "/sdd//a//b", "/pu//x")) {
            a.add(get("fe_norm", p));
        }
        // auth with a userlist
        a.add(get("fe_auth", "/plain"));
        a.add(get("fe_auth", "/plain", "Authorization: Basic " + b64("alice:wonderland") + "\r\n"));
        a.add(get("fe_auth", "/plain", "Authorization: Basic " + b64("alice:wrong") + "\r\n"));
        a.add(get("fe_auth", "/plain", "Authorization: Basic " + b64("bob:builder") + "\r\n"));
        a.add(get("fe_auth", "/plain", "Authorization: Basic " + b64("carol:pepper1") + "\r\n"));
        a.add(get("fe_auth", "/plain", "Authorization: Basic " + b64("dave:mypass") + "\r\n"));
        a.add(get("fe_auth", "/admin"));
        a.add(get("fe_auth", "/admin", "Authorization: Basic " + b64("alice:wonderland") + "\r\n"));
        a.add(get("fe_auth", "/admin", "Authorization: Basic " + b64("bob:builder") + "\r\n"));
        // section keywords
        a.add(get("fe_mon", "/health"));
        a.add(get("fe_mon", "/health", "X-Fail: 1\r\n"));
        a.add(get("fe_mon", "/old/page?x=1"));
        a.add(get("fe_mon", "/loc0"));
        a.add(get("fe_mon", "/literal"));
        a.add(Arguments.of("fe_mon", "POST /loc0 with its whole body",
                "POST /loc0 HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc"));
        a.add(Arguments.of("fe_req", "POST /redir with its whole body",
                "POST /redir HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc"));
        a.add(Arguments.of("fe_req", "POST /redir with an empty body",
                "POST /redir HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n"));
        a.add(Arguments.of("fe_req", "POST /deny with its whole chunked body",
                "POST /deny HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"));
        a.add(Arguments.of("fe_req", "POST /ret with its whole chunked body",
                "POST /ret HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"));
        a.add(get("fe_mon", "/other"));
        // use-server, force-persist
        a.add(get("fe_us", "/dead"));
        a.add(get("fe_us", "/force"));
        a.add(get("fe_us", "/ignored"));
        // tcp-request and tcp-response rules in HTTP mode
        a.add(get("fe_tcp", "/x"));
        a.add(get("fe_tcp", "/tcpreject"));
        a.add(get("fe_tcp", "/accepted"));
        a.add(get("fe_tcp", "/resreject"));
        a.add(get("fe_tcprej", "/"));
        // captures, set-src, set-log-level, set-timeout
        a.add(get("fe_cap", "/cap/long/path", "User-Agent: curl/8.0\r\nX-Id: 12345\r\n"));
        a.add(get("fe_cap", "/quiet", "X-Real-IP: 192.0.2.7\r\n"));
        a.add(get("fe_cap", "/v6", "X-Real-IP: 2001:db8::1\r\n"));
        // rules of a defaults section run before the proxy's own
        a.add(get("fe_def", "/x"));
        a.add(get("fe_def", "/ddeny"));
        a.add(get("fe_def", "/dret"));
        // %-variables inside rules' log-format strings
        a.add(get("fe_vars", "/v/x?a=1"));
        a.add(get("fe_vars", "/lfret"));
        a.add(get("fe_vars", "/dyn/x"));
        // ProxyPass / ProxyPassReverse
        a.add(get("fe_pp", "/app/x/y?z=1"));
        a.add(get("fe_pp", "/app"));
        return a.stream();
    }

    private static String b64(String s) {
        return java.util.Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("requests")
    void sameBytesAsHaproxy(String frontend, String name, String request) throws Exception {
        // both at once: each exchange waits a moment to see whether the connection stays open
        var reference = java.util.concurrent.CompletableFuture.supplyAsync(() -> exchange(both.haproxyPort(portVar(frontend)), request));
        String actual = exchange(both.fulcrumPort(portVar(frontend)), request);
        String expected = reference.get();
        assertThat(normalize(actual)).as(name).isEqualTo(normalize(expected));
    }

    @org.junit.jupiter.api.Test
    void earlyHintsAsHaproxy() throws Exception {
        for (String version : List.of("HTTP/1.1", "HTTP/1.0")) {
            String request = "GET /eh " + version + "\r\nHost: example.com\r\nConnection: close\r\n\r\n";
            assertThat(normalize(toClose(both.fulcrumPort(portVar("fe_req")), request))).as(version)
                    .isEqualTo(normalize(toClose(both.haproxyPort(portVar("fe_req")), request)));
        }
    }

    private static String toClose(int port, String request) throws Exception {
        try (RawHttp c = new RawHttp(port)) {
            c.timeout(3000);
            c.send(request.getBytes(StandardCharsets.ISO_8859_1));
            return c.readToClose();
        }
    }

    private static String exchange(int port, String request) {
        try (RawHttp c = new RawHttp(port)) {
            c.timeout(3000);
            c.send(request.getBytes(StandardCharsets.ISO_8859_1));
            String response = c.readResponse();
            return response + (c.closedByPeer(300) ? "\n[closed]" : "\n[kept open]");
        } catch (java.io.IOException e) {
            return "[no response: " + e.getMessage() + "]";
        }
    }

    /** Removes what legitimately differs: the Date header and ports in echoed addresses. */
    private static String normalize(String s) {
        return s.replace("Connection reset by peer", "Connection reset") // the same RST, seen on read or write
                .replaceAll("(?im)^date: .*\\r?\\n", "").replaceAll("127\\.0\\.0\\.1:\\d+", "127.0.0.1:PORT");
    }

    private static String portVar(String frontend) {
        return "PORT_" + frontend.toUpperCase();
    }
}
