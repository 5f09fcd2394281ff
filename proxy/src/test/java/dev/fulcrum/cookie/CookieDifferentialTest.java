package dev.fulcrum.cookie;

import dev.fulcrum.testing.Haproxy;
import dev.fulcrum.testing.RawHttp;
import dev.fulcrum.testing.SideBySide;
import dev.fulcrum.testing.TestBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Cookie persistence through the real haproxy 2.6 and through Fulcrum, same
 * configuration, same requests: the client must get the same response bytes
 * (which server answered, Set-Cookie, Cache-Control), and the server must see
 * the same Cookie headers (it echoes them), and both must log the same cookie
 * flags in the termination state ({@code %tsc}). Backends use {@code balance first}
 * so that whatever the cookie does not decide is decided the same way on both.
 */
class CookieDifferentialTest {

    private static final String CONFIG = """
            defaults
              mode http
              timeout client 3s
              timeout server 3s
              timeout connect 1s
              balance first
              log 127.0.0.1:${LOG} local0
              log-format "%tsc %s"
              timeout tarpit 50ms
            frontend fi
              bind 127.0.0.1:${PORT_I}
              default_backend bi
            backend bi
              cookie SRV insert indirect nocache httponly secure domain .a.com domain b.com attr SameSite=Lax
              ignore-persist if { path_beg /static }
              server s1 ${S1} cookie c1
              server s2 ${S2} cookie c2
            frontend fd
              bind 127.0.0.1:${PORT_D}
              default_backend bd
            backend bd
              cookie SRV insert
              force-persist if { hdr(x-force) yes }
              server s1 ${S1}
              server s2 ${S2} cookie c2 disabled
              server s3 ${S2} cookie c3
            frontend fp
              bind 127.0.0.1:${PORT_P}
              default_backend bp
            backend bp
              cookie JS prefix
              server s1 ${S1} cookie c1
              server s2 ${S2} cookie c2
            frontend fr
              bind 127.0.0.1:${PORT_R}
              default_backend br
            backend br
              cookie JS rewrite
              server s1 ${S1} cookie c1
              server s2 ${S2} cookie c2
            frontend fq
              bind 127.0.0.1:${PORT_Q}
              default_backend bq
            backend bq
              cookie JS prefix indirect
              server s1 ${S1} cookie c1
              server s2 ${S2} cookie c2
            frontend fv
              bind 127.0.0.1:${PORT_V}
              default_backend bv
            backend bv
              cookie SRV insert preserve postonly nocache
              server s1 ${S1} cookie c1
              server s2 ${S2} cookie c2
            frontend fa
              bind 127.0.0.1:${PORT_A}
              default_backend ba
            backend ba
              cookie SRV
              server s1 ${S1} cookie c1
              server s2 ${S2} cookie c2
            frontend fx
              bind 127.0.0.1:${PORT_X}
              http-request deny if { path /fdeny }
              default_backend bx
            backend bx
              cookie SRV insert indirect
              option persist
              http-request deny if { path /deny }
              http-request tarpit if { path /tarpit }
              http-request auth if { path /auth }
              use-server s1 if { path /use }
              server s1 ${S1} cookie c1
              server s2 ${S2} cookie c2 disabled
              server s3 ${S2} cookie c3
            listen lz
              bind 127.0.0.1:${PORT_Z}
              cookie SRV insert
              http-request deny if { path /deny }
              server s1 ${S1} cookie c1
              server s2 ${S2} cookie c2
            frontend fm
              bind 127.0.0.1:${PORT_M}
              default_backend bm
            backend bm
              cookie SRV insert maxidle 1h maxlife 2h
              server s1 ${S1} cookie c1
              server s2 ${S2} cookie c2
            frontend fn
              bind 127.0.0.1:${PORT_N}
              default_backend bn
            backend bn
              cookie SRV insert indirect maxidle 1h
              server s1 ${S1} cookie c1
              server s2 ${S2} cookie c2
            frontend fl
              bind 127.0.0.1:${PORT_L}
              default_backend bl
            backend bl
              cookie SRV insert maxlife 1h
              server s1 ${S1} cookie c1
              server s2 ${S2} cookie c2
            frontend fw
              bind 127.0.0.1:${PORT_W}
              default_backend bw
            backend bw
              cookie JS rewrite maxidle 5m
              server s1 ${S1} cookie c1
              server s2 ${S2} cookie c2
            """;

    private static TestBackend s1;
    private static TestBackend s2;
    private static SideBySide both;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Haproxy.available(), "haproxy 2.6 installed");
        s1 = CookieServers.start("s1");
        s2 = CookieServers.start("s2");
        both = SideBySide.of(CONFIG)
                .ports("PORT_I", "PORT_D", "PORT_P", "PORT_R", "PORT_V", "PORT_Q", "PORT_A", "PORT_X",
                        "PORT_Z", "PORT_M", "PORT_N", "PORT_L", "PORT_W")
                .vars(Map.of("S1", s1.address(), "S2", s2.address()))
                .syslog("LOG")
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (both != null) {
            both.close();
        }
        if (s1 != null) {
            s1.close();
        }
        if (s2 != null) {
            s2.close();
        }
    }

    private static Arguments post(String fe, String name, String uri, String... headers) {
        return request(fe, name, "POST", uri, headers);
    }

    private static Arguments req(String fe, String name, String uri, String... headers) {
        return request(fe, name, "GET", uri, headers);
    }

    private static Arguments request(String fe, String name, String method, String uri, String... headers) {
        StringBuilder r = new StringBuilder(method + " " + uri + " HTTP/1.1\r\nHost: a\r\n");
        for (String h : headers) {
            r.append(h).append("\r\n");
        }
        if (method.equals("POST")) {
            r.append("Content-Length: 0\r\n");
        }
        return Arguments.of(fe, name, r.append("\r\n").toString());
    }

    static Stream<Arguments> requests() {
        String cacheable = "/?h=Cache-Control:max-age%3D60";
        return Stream.of(
                req("I", "insert: first visit gets the cookie with every attribute", "/"),
                req("I", "insert: a valid cookie goes to its server, no new cookie", "/", "Cookie: SRV=c2"),
                req("I", "indirect: the persistence cookie is hidden from the server", "/",
                        "Cookie: a=1; SRV=c2; b=2"),
                req("I", "indirect: a header holding only the cookie disappears", "/", "Cookie: SRV=c2", "Cookie: x=y"),
                req("I", "an unknown value is replaced", "/", "Cookie: SRV=zz"),
                req("I", "an empty value is invalid", "/", "Cookie: SRV="),
                req("I", "cookie names are case-sensitive", "/", "Cookie: srv=c2"),
                req("I", "nocache: a cacheable response is made private", cacheable),
                req("I", "nocache: not on a response without freshness or validator", "/"),
                req("I", "nocache: Expires makes it cacheable", "/?h=Expires:0"),
                req("I", "nocache: ETag makes it cacheable", "/?h=ETag:%22x%22"),
                req("I", "nocache: Last-Modified makes it cacheable", "/?h=Last-Modified:x"),
                req("I", "nocache: public alone is no freshness", "/?h=Cache-Control:public"),
                req("I", "nocache: max-age=0 is not cacheable", "/?h=Cache-Control:max-age%3D0,s-maxage%3D5"),
                req("I", "nocache: no-store is not cacheable", "/?h=Cache-Control:max-age%3D60,%20no-store"),
                req("I", "nocache: no-cache on set-cookie only is still cacheable",
                        "/?h=Cache-Control:max-age%3D60,%20no-cache%3D%22set-cookie%22"),
                req("I", "nocache: Pragma no-cache is not cacheable", cacheable + "&h=Pragma:no-cache"),
                req("I", "nocache: Vary does not matter", cacheable + "&h=Vary:Accept"),
                req("I", "nocache: a 404 is cacheable", cacheable + "&status=404"),
                req("I", "nocache: a 302 is not", cacheable + "&status=302"),
                req("I", "nocache: a 500 is not", cacheable + "&status=500"),
                post("I", "nocache: a POST is not", cacheable),
                req("I", "nocache: the request's own cache-control does not matter", cacheable,
                        "Cache-Control: no-cache"),
                req("I", "insert: the server's own cookie of that name is removed", cacheable
                        + "&h=Set-Cookie:SRV%3Dapp", "Cookie: SRV=c1"),
                req("I", "insert: other server cookies stay", "/?h=Set-Cookie:other%3D1"),
                req("I", "ignore-persist: the cookie neither chooses nor is written", "/static/x",
                        "Cookie: SRV=c2"),
                req("D", "a disabled server's cookie is replaced", "/", "Cookie: SRV=c2"),
                req("D", "force-persist reaches a disabled server", "/", "Cookie: SRV=c2", "X-Force: yes"),
                req("D", "a server without cookie value makes the client forget its cookie", "/"),
                req("D", "insert without indirect: the server sees the cookie", "/", "Cookie: a=1; SRV=c3"),
                req("P", "prefix: the server's cookie is prefixed", "/?h=Set-Cookie:JS%3Dabc;%20path%3D/"),
                req("P", "prefix: the prefix selects the server and is removed", "/", "Cookie: JS=c2~abc; y=2"),
                req("P", "prefix: a value without delimiter is a bare identifier", "/", "Cookie: JS=c2"),
                req("P", "prefix: an unknown prefix is still removed", "/", "Cookie: JS=zz~abc"),
                req("P", "prefix: no cookie from the server, nothing added", "/"),
                req("R", "rewrite: the server's cookie carries the identifier", "/?h=Set-Cookie:JS%3Dabc;%20path%3D/"),
                req("R", "rewrite: the cookie selects the server", "/", "Cookie: x=1; JS=c2"),
                req("Q", "prefix+indirect: a direct client's server cookie is removed",
                        "/?h=Set-Cookie:JS%3Dabc", "Cookie: JS=c2"),
                req("V", "postonly: no cookie on a GET", cacheable),
                post("V", "postonly: a cookie on a POST", cacheable),
                post("V", "preserve: the server's own cookie is kept and none added",
                        "/?h=Set-Cookie:SRV%3D;%20Max-Age%3D0"),
                post("V", "preserve: a valid cookie keeps the server", "/", "Cookie: SRV=c2"),
                req("A", "no mode: the cookie chooses, the log shows no cookie flags", "/", "Cookie: SRV=c2"),
                req("A", "no mode: no cookie, no flags", "/"),
                req("X", "option persist: a disabled server's cookie still reaches it (D)", "/", "Cookie: SRV=c2"),
                req("X", "option persist: a valid cookie (V), nothing inserted", "/", "Cookie: SRV=c3"),
                req("X", "option persist: no cookie, one inserted", "/"),
                req("X", "use-server chose: the cookie is unused (U)", "/use", "Cookie: SRV=c3"),
                req("X", "denied in the backend: the cookie was not looked at (NN)", "/deny", "Cookie: SRV=c3"),
                req("X", "denied in the frontend: no backend, no flags", "/fdeny", "Cookie: SRV=c3"),
                req("X", "use-server chose: an unknown cookie is unused too", "/use", "Cookie: SRV=zz"),
                req("X", "use-server chose: no cookie, none inserted (NN)", "/use"),
                req("X", "tarpit: the cookie is read for the log (PT, V, its server)", "/tarpit", "Cookie: SRV=c3"),
                req("X", "auth: the cookie is not read (LR, NN)", "/auth", "Cookie: SRV=c3"),
                req("Z", "listen: a deny still logs the cookie and its server", "/deny", "Cookie: SRV=c2"),
                req("Z", "listen: a deny without cookie (NN)", "/deny"),
                req("M", "maxidle+maxlife: a first visit gets both dates", "/"),
                req("M", "maxidle+maxlife: an undated cookie is kept and dated (U)", "/", "Cookie: SRV=c2"),
                req("M", "maxidle+maxlife: a recent cookie is refreshed", "/", "Cookie: SRV=c2|" + date(-600)),
                req("M", "maxidle: idle too long is expired (E)", "/", "Cookie: SRV=c2|" + date(-5400)),
                req("M", "maxlife: the first date is kept", "/",
                        "Cookie: SRV=c2|" + date(-600) + "|" + date(-600)),
                req("M", "maxlife: too old (O)", "/", "Cookie: SRV=c2|" + date(-600) + "|" + date(-9000)),
                req("M", "maxlife is checked before maxidle", "/", "Cookie: SRV=c2|" + date(-5400) + "|" + date(-9000)),
                req("M", "a last date more than a day ahead is expired", "/", "Cookie: SRV=c2|" + date(90_000)),
                req("M", "a first date more than a day ahead is too old", "/",
                        "Cookie: SRV=c2|" + date(-600) + "|" + date(90_000)),
                req("M", "a date an hour ahead is accepted", "/", "Cookie: SRV=c2|" + date(3600)),
                req("M", "an invalid date is no date", "/", "Cookie: SRV=c2|bad!!"),
                req("M", "an unknown server with a date is invalid", "/", "Cookie: SRV=zz|" + date(-600)),
                req("N", "maxidle+indirect: the dated cookie is hidden and refreshed", "/",
                        "Cookie: a=1; SRV=c2|" + date(-600)),
                req("N", "maxidle: a date ahead is not rewritten (N)", "/", "Cookie: SRV=c2|" + date(3600)),
                req("N", "maxidle: a first date does not matter without maxlife", "/",
                        "Cookie: SRV=c2|" + date(-600) + "|" + date(-9000)),
                req("N", "maxidle: expired", "/", "Cookie: SRV=c2|" + date(-5400)),
                req("L", "maxlife: an undated cookie gets both dates", "/", "Cookie: SRV=c2"),
                req("L", "maxlife: an old last date does not matter without maxidle", "/",
                        "Cookie: SRV=c2|" + date(-5400) + "|" + date(-600)),
                req("L", "maxlife: too old", "/", "Cookie: SRV=c2|" + date(-600) + "|" + date(-9000)),
                req("I", "without maxidle: a dated cookie is rewritten undated", "/", "Cookie: SRV=c2|" + date(-600)),
                req("I", "without maxidle: a date ahead is left alone", "/", "Cookie: SRV=c2|" + date(3600)),
                req("I", "a date too short is ignored", "/", "Cookie: SRV=c2|abc"),
                req("W", "rewrite+maxidle: an idle cookie is expired", "/", "Cookie: JS=c2|" + date(-600)),
                req("W", "rewrite+maxidle: an undated cookie is valid", "/", "Cookie: JS=c2"),
                req("X", "two persistence cookies: the first known one counts", "/", "Cookie: SRV=zz; SRV=c3"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("requests")
    void sameAsHaproxy(String frontend, String name, String request) throws Exception {
        both.haproxyLog().drain();
        both.fulcrumLog().drain();
        SideBySide.Both<String> r = both.each("PORT_" + frontend, port -> exchange(port, request));
        assertThat(r.haproxy()).as("haproxy answered " + name).startsWith("HTTP/1.1 ");
        assertThat(datesOfNow(r.fulcrum())).as(name).isEqualTo(datesOfNow(r.haproxy()));
        // the termination state's cookie flags (%tsc) and the server, as logged
        assertThat(message(both.fulcrumLog().next())).as(name + ": logged").isEqualTo(message(both.haproxyLog().next()));
    }

    private static final String B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /** A cookie date (maxidle/maxlife) {@code offset} seconds from now, as haproxy writes it. */
    private static String date(long offset) {
        long units = (System.currentTimeMillis() / 1000 + offset) >> 2;
        StringBuilder b = new StringBuilder();
        for (int i = 4; i >= 0; i--) {
            b.append(B64.charAt((int) (units >>> (6 * i)) & 63));
        }
        return b.toString();
    }

    /**
     * The response with the dates stamped "now" as {@code <now>}: the two sides
     * answer a moment apart, and a 4-second unit may tick between them.
     */
    private static String datesOfNow(String response) {
        long now = System.currentTimeMillis() / 1000;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\|([A-Za-z0-9+/]{5})").matcher(response);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            long units = 0;
            for (char c : m.group(1).toCharArray()) {
                units = units << 6 | B64.indexOf(c);
            }
            boolean isNow = Math.abs((units << 2) - now) <= 30;
            m.appendReplacement(out, isNow ? "|<now>" : java.util.regex.Matcher.quoteReplacement(m.group()));
        }
        return m.appendTail(out).toString();
    }

    /** A syslog line's message, after the tag. */
    private static String message(String line) {
        return line.substring(line.indexOf("]: ") + 3).strip();
    }

    private static String exchange(int port, String request) throws Exception {
        try (RawHttp c = new RawHttp(port)) {
            c.timeout(3000);
            c.send(request.getBytes(StandardCharsets.ISO_8859_1));
            return c.readResponse();
        }
    }
}
