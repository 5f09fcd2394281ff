package dev.fulcrum.stick;

import dev.fulcrum.testing.Haproxy;
import dev.fulcrum.testing.RawHttp;
import dev.fulcrum.testing.SideBySide;
import dev.fulcrum.testing.TestBackend;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Stick tables through the real haproxy 2.6 and through Fulcrum: the same
 * sequence of requests must get the same statuses and the same counter values
 * (reported by {@code http-request return} rules that print {@code sc_*},
 * {@code src_*} and {@code table_*} samples). Each scenario keys its table on its
 * own {@code X-Client} header, so scenarios don't share entries; conditions are
 * counts or rates over a minute, so nothing depends on timing.
 */
class StickDifferentialTest {

    private static final List<String> FRONTENDS = List.of("fe_rl", "fe_abuse", "fe_src", "fe_tcp", "fe_arr",
            "fe_err");

    private static final String CONFIG = """
            defaults
              mode http
              timeout client 3s
              timeout server 3s
              timeout connect 1s
              timeout tarpit 100ms
            frontend fe_rl
              bind 127.0.0.1:${PORT_FE_RL}
              stick-table type string len 32 size 100 expire 60s store http_req_cnt,http_req_rate(60s),http_err_cnt,http_err_rate(60s),http_fail_cnt,conn_cnt,conn_cur
              http-request track-sc0 req.hdr(x-client)
              http-request return status 200 content-type text/plain lf-string "req=%[sc_http_req_cnt(0)] rate=%[sc_http_req_rate(0)] err=%[sc0_http_err_cnt] erate=%[sc0_http_err_rate] fail=%[sc0_http_fail_cnt] conn=%[sc0_conn_cnt] cur=%[sc0_conn_cur] trk=%[sc0_trackers] t1=%[sc1_tracked] gpc0=%[sc0_get_gpc0]" if { path /show }
              http-request deny deny_status 429 if { sc_http_req_cnt(0) gt 5 }
              default_backend status
            frontend fe_abuse
              bind 127.0.0.1:${PORT_FE_ABUSE}
              stick-table type string size 100 expire 60s store gpc0,gpc0_rate(60s),gpt0,http_req_cnt
              http-request track-sc1 req.hdr(x-client)
              http-request return status 200 content-type text/plain lf-string "gpc0=%[sc1_get_gpc0] rate=%[sc1_gpc0_rate] gpt0=%[sc1_get_gpt0] in=%[req.hdr(x-client),in_table(fe_abuse)] other=%[str(nobody),in_table(fe_abuse)] tc=%[req.hdr(x-client),table_http_req_cnt(fe_abuse)] tg=%[req.hdr(x-client),table_gpc0(fe_abuse)] tt=%[req.hdr(x-client),table_trackers(fe_abuse)]" if { path /show }
              http-request deny deny_status 403 if { sc1_get_gpc0 gt 0 }
              http-request sc-inc-gpc0(1) if { path_beg /admin }
              http-request sc-set-gpt0(1) 7 if { path /tag }
              http-request sc-set-gpt0(1) req.hdr(x-tag) if { path /tagexpr }
              default_backend status
            backend st_src
              stick-table type ip size 10 expire 60s store conn_cnt,sess_cnt,http_req_cnt,gpc0,gpc1
            frontend fe_src
              bind 127.0.0.1:${PORT_FE_SRC}
              tcp-request connection track-sc2 src table st_src
              http-request return status 200 content-type text/plain lf-string "req=%[src_http_req_cnt(st_src)] sreq=%[sc2_http_req_cnt] sess=%[sc_sess_cnt(2)] inc=%[src_inc_gpc0(st_src)] get=%[src_get_gpc0(st_src)] clr=%[src_clr_gpc0(st_src)] after=%[src_get_gpc0(st_src)] g1=%[sc_inc_gpc1(2)] trk=%[sc2_tracked] t0=%[sc0_tracked] cnt=%[table_cnt(st_src)] avl=%[table_avl(st_src)] none=%[src_conn_cnt(st_empty)]" if { path /show }
              default_backend status
            backend st_empty
              stick-table type ip size 10 store conn_cnt
            frontend fe_tcp
              bind 127.0.0.1:${PORT_FE_TCP}
              stick-table type string size 100 expire 60s store http_req_cnt,conn_cnt,gpc(2),gpc_rate(2,60s),gpt(2)
              tcp-request content track-sc0 req.hdr(x-client)
              http-request sc-inc-gpc(1,0) if { path /inc1 }
              http-request sc-set-gpt(1,0) 42 if { path /tag1 }
              http-request return status 200 content-type text/plain lf-string "req=%[sc0_http_req_cnt] conn=%[sc0_conn_cnt] g0=%[sc_get_gpc(0,0)] g1=%[sc_get_gpc(1,0)] r1=%[sc_gpc_rate(1,0)] t1=%[sc_get_gpt(1,0)] legacy=%[sc0_get_gpc0] tg=%[req.hdr(x-client),table_gpc(1,fe_tcp)] tt=%[req.hdr(x-client),table_gpt(1,fe_tcp)]" if { path /show }
              default_backend status
            frontend fe_arr
              bind 127.0.0.1:${PORT_FE_ARR}
              stick-table type integer size 100 expire 60s store http_req_cnt,http_err_cnt,http_fail_cnt
              http-request track-sc0 req.hdr(x-id)
              http-request return status 200 content-type text/plain lf-string "req=%[sc0_http_req_cnt] err=%[sc0_http_err_cnt] fail=%[sc0_http_fail_cnt] tc=%[req.hdr(x-id),table_http_req_cnt(fe_arr)]" if { path /show }
              default_backend status
            frontend fe_err
              bind 127.0.0.1:${PORT_FE_ERR}
              tcp-request connection track-sc0 src
              stick-table type ip size 10 store http_req_cnt,http_err_cnt,sess_cnt,conn_cnt,http_fail_cnt
              http-request return status 200 content-type text/plain lf-string "req=%[sc0_http_req_cnt] err=%[sc0_http_err_cnt] sess=%[sc0_sess_cnt] conn=%[sc0_conn_cnt] fail=%[sc0_http_fail_cnt]" if { path /show }
              http-request deny if { path /deny }
              http-request tarpit if { path /tarpit }
              http-request auth if { path /auth }
              http-request return status 404 if { path /r404 }
              use_backend dead if { path /dead }
              default_backend status
            backend dead
            backend status
              server s1 ${STATUS}
            """;

    private static TestBackend status;
    private static SideBySide both;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Haproxy.available(), "haproxy 2.6 installed");
        // /s/NNN answers status NNN; anything else 200
        status = TestBackend.start("status").behavior((b, ctx, req, body) -> {
            String p = req.uri();
            int code = p.startsWith("/s/") ? Integer.parseInt(p.substring(3, 6)) : 200;
            TestBackend.respond(ctx, req, HttpResponseStatus.valueOf(code), "ok");
        });
        both = SideBySide.start(CONFIG, FRONTENDS.stream().map(StickDifferentialTest::portVar).toList(),
                Map.of("STATUS", status.address()));
        // Haproxy.start() probes each port with a connection, which session trackers count: do the same here
        for (String fe : FRONTENDS) {
            try (java.net.Socket s = new java.net.Socket()) {
                s.connect(new java.net.InetSocketAddress("127.0.0.1", fulcrumPort(fe)), 2000);
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (both != null) {
            both.close();
        }
        if (status != null) {
            status.close();
        }
    }

    private static String portVar(String frontend) {
        return "PORT_" + frontend.toUpperCase(java.util.Locale.ROOT);
    }

    private static int haproxyPort(String frontend) {
        return both.haproxyPort(portVar(frontend));
    }

    private static int fulcrumPort(String frontend) {
        return both.fulcrumPort(portVar(frontend));
    }

    @Test
    void rateLimitDeniesAfterFiveRequestsAndCountsErrors() throws Exception {
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            paths.add("/x" + i);
        }
        paths.add("/show");
        sameAsHaproxy("fe_rl", "rl-a", paths);
        sameAsHaproxy("fe_rl", "rl-b", List.of("/show", "/s/404", "/s/500", "/s/503", "/s/501", "/show"));
    }

    @Test
    void rateLimitOnOneKeepAliveConnection() throws Exception {
        List<String> paths = new ArrayList<>(List.of("/a", "/b", "/show", "/c", "/d", "/e", "/f", "/show"));
        assertThat(keepAlive(fulcrumPort("fe_rl"), "rl-ka", paths))
                .isEqualTo(keepAlive(haproxyPort("fe_rl"), "rl-ka", paths));
    }

    @Test
    void abuseFlagInGpc0BlocksTheClient() throws Exception {
        sameAsHaproxy("fe_abuse", "ab-a", List.of("/show", "/a", "/tag", "/show", "/admin/x", "/show", "/a"));
        sameAsHaproxy("fe_abuse", "ab-b", List.of("/tagexpr", "/show"));
    }

    @Test
    void sourceFetchesAndSessionTracking() throws Exception {
        sameAsHaproxy("fe_src", "", List.of("/x", "/show", "/show", "/x", "/show"));
    }

    @Test
    void gpcArraysAndContentTracking() throws Exception {
        sameAsHaproxy("fe_tcp", "arr-a", List.of("/show", "/inc1", "/inc1", "/tag1", "/show"));
    }

    @Test
    void integerKeysCountServerErrorsAndFailures() throws Exception {
        sameAsHaproxy("fe_arr", "", List.of("/s/404", "/s/400", "/s/502", "/s/505", "/show"));
    }

    @Test
    void invalidDeniedAndEmptyRequestsAreClientErrors() throws Exception {
        int[] ports = {haproxyPort("fe_err"), fulcrumPort("fe_err")};
        List<List<String>> answers = new ArrayList<>();
        for (int port : ports) {
            List<String> a = new ArrayList<>();
            a.add(exchange(port, request("/show", "")));
            try (java.net.Socket s = new java.net.Socket()) { // connects and leaves without a request
                s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 2000);
            }
            a.add(exchange(port, "GET / HTTP/1.1\r\nHost: a\r\nBad Header\r\n\r\n"));
            for (String p : List.of("/show", "/deny", "/auth", "/r404", "/dead", "/tarpit", "/s/503", "/show")) {
                a.add(exchange(port, request(p, "")));
            }
            answers.add(a);
        }
        assertThat(answers.get(1)).isEqualTo(answers.get(0));
    }

    /** Sends each path on its own connection to both proxies, in order; the answers must match. */
    private static void sameAsHaproxy(String fe, String client, List<String> paths) throws Exception {
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        for (String p : paths) {
            expected.add(exchange(haproxyPort(fe), request(p, client)));
            actual.add(exchange(fulcrumPort(fe), request(p, client)));
        }
        assertThat(actual).as(fe + " " + paths).isEqualTo(expected);
        assertThat(expected).as("the scenario must exercise something").isNotEmpty();
    }

    private static String request(String path, String client) {
        String id = client.isEmpty() ? "" : "X-Client: " + client + "\r\n";
        return "GET " + path + " HTTP/1.1\r\nHost: t\r\n" + id + "X-Id: 77\r\nX-Tag: 9\r\nConnection: close\r\n\r\n";
    }

    private static List<String> keepAlive(int port, String client, List<String> paths) throws Exception {
        List<String> out = new ArrayList<>();
        try (RawHttp c = new RawHttp(port)) {
            c.timeout(3000);
            for (String p : paths) {
                c.send(("GET " + p + " HTTP/1.1\r\nHost: t\r\nX-Client: " + client + "\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.add(statusAndBody(c.readResponse()));
            }
        }
        return out;
    }

    private static String exchange(int port, String request) throws Exception {
        try (RawHttp c = new RawHttp(port)) {
            c.timeout(3000);
            c.send(request.getBytes(StandardCharsets.ISO_8859_1));
            return statusAndBody(c.readToClose());
        } catch (java.io.IOException e) {
            return "[" + e.getMessage() + "]";
        }
    }

    /** The status line and the body: what the counters show; headers are compared by the rules tests. */
    private static String statusAndBody(String response) {
        int eol = response.indexOf("\r\n");
        int body = response.indexOf("\r\n\r\n");
        return response.substring(0, Math.max(eol, 0)) + " | " + (body < 0 ? "" : response.substring(body + 4));
    }
}
