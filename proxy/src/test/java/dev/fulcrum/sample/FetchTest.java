package dev.fulcrum.sample;

import dev.fulcrum.config.Settings;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fetches that the differential test cannot drive through one fixed request:
 * proxy and server state, responses, bodies, raw buffers, captures and the
 * per-value iteration ACLs use. Expected values follow configuration.txt 7.3.
 */
class FetchTest {

    private static SampleExpr compile(String text) throws SampleParseException {
        return Samples.parse(text, CompileContext.standalone(UseSite.FE_HRQ_HDR, Settings.builder()));
    }

    /** Every value an ACL would see, one per fetch call. */
    private static List<String> allValues(TestContext ctx, String text) throws SampleParseException {
        List<String> out = new ArrayList<>();
        compile(text).anyMatch(ctx, new Sample(), (c, s) -> {
            out.add(s.text());
            return false;
        });
        return out;
    }

    @Test
    void proxyCountersComeFromTheNamedOrCurrentBackend() {
        TestContext ctx = new TestContext();
        TestContext.TestProxy be = ctx.proxy("be", 2);
        ctx.backend = be;
        be.conns = 7;
        be.rate = 3;
        be.queued = 5;
        TestContext.TestServer s1 = be.addServer("s1", 1);
        TestContext.TestServer s2 = be.addServer("s2", 2);
        TestContext.TestServer b1 = be.addServer("b1", 3);
        TestContext.TestServer b2 = be.addServer("b2", 4);
        b1.backup = true;
        b2.backup = true;
        b2.maxconn = 1;
        b2.maxqueue = 1;
        s1.maxconn = 10;
        s1.maxqueue = 4;
        s1.conns = 6;
        s1.queued = 1;
        s2.maxconn = 10;
        s2.maxqueue = 4;
        s2.usable = false;
        b1.maxconn = 2;
        b1.maxqueue = 2;
        assertThat(ctx.eval("nbsrv")).isEqualTo("1");
        assertThat(ctx.eval("nbsrv(be)")).isEqualTo("1");
        assertThat(ctx.eval("be_conn(be)")).isEqualTo("7");
        assertThat(ctx.eval("be_sess_rate")).isEqualTo("3");
        assertThat(ctx.eval("queue(be)")).isEqualTo("5");
        // 5 queued over 1 usable active server
        assertThat(ctx.eval("avg_queue(be)")).isEqualTo("5");
        // s1: 10-6 + 4-1, b1: 2-0 + 2-0, b2: 1 + 1; s2 is not usable
        assertThat(ctx.eval("connslots(be)")).isEqualTo("13");
        // backups are not counted while an active server is usable
        assertThat(ctx.eval("be_conn_free(be)")).isEqualTo("4");
        s1.maxconn = 0;
        assertThat(ctx.eval("connslots(be)")).isEqualTo("-1");
        s1.usable = false;
        // no active server left: backups take over, and avg_queue counts twice the queue
        assertThat(ctx.eval("nbsrv(be)")).isEqualTo("2");
        assertThat(ctx.eval("avg_queue(be)")).isEqualTo("10");
        assertThat(ctx.eval("nbsrv(nope)")).isNull();
    }

    @Test
    void serverFetchesAcceptBackendSlashServer() {
        TestContext ctx = new TestContext();
        TestContext.TestProxy be = ctx.proxy("be", 2);
        TestContext.TestServer s = be.addServer("s1", 9);
        s.conns = 4;
        s.queued = 2;
        s.rate = 8;
        s.maxconn = 10;
        ctx.backend = be;
        assertThat(ctx.eval("srv_conn(be/s1)")).isEqualTo("4");
        assertThat(ctx.eval("srv_conn(s1)")).isEqualTo("4");
        assertThat(ctx.eval("srv_queue(be/s1)")).isEqualTo("2");
        assertThat(ctx.eval("srv_sess_rate(be/s1)")).isEqualTo("8");
        assertThat(ctx.eval("srv_conn_free(be/s1)")).isEqualTo("6");
        assertThat(ctx.eval("srv_is_up(be/s1)")).isEqualTo("1");
        s.up = false;
        assertThat(ctx.eval("srv_is_up(be/s1)")).isEqualTo("0");
        assertThat(ctx.eval("srv_conn(be/nope)")).isNull();
        assertThat(ctx.eval("str(be),nbsrv")).isEqualTo("1");
        assertThat(ctx.eval("str(be/s1),srv_queue")).isEqualTo("2");
        assertThat(ctx.eval("str(s1),srv_queue")).isEqualTo("2");
    }

    @Test
    void namesAndIdsOfTheStream() {
        TestContext ctx = new TestContext();
        ctx.frontend.defaultBackend = "dflt";
        assertThat(ctx.eval("fe_name")).isEqualTo("fe");
        assertThat(ctx.eval("fe_id")).isEqualTo("1");
        assertThat(ctx.eval("fe_defbe")).isEqualTo("dflt");
        assertThat(ctx.eval("be_name")).isNull();
        assertThat(ctx.eval("srv_name")).isNull();
        ctx.backend = ctx.proxy("app", 4);
        ctx.server = ctx.backend == null ? null : ((TestContext.TestProxy) ctx.backend).addServer("web1", 2);
        assertThat(ctx.eval("be_name")).isEqualTo("app");
        assertThat(ctx.eval("be_id")).isEqualTo("4");
        assertThat(ctx.eval("srv_name")).isEqualTo("web1");
        assertThat(ctx.eval("srv_id")).isEqualTo("2");
        assertThat(ctx.eval("so_id")).isEqualTo("3");
        assertThat(ctx.eval("so_name")).isEqualTo("l1");
        ctx.src = TestContext.addr("::1");
        assertThat(ctx.eval("src")).isEqualTo("::1");
        assertThat(ctx.eval("src_port")).isEqualTo("40000");
        assertThat(ctx.eval("dst_port")).isEqualTo("8080");
        ctx.src = null;
        assertThat(ctx.eval("src")).isNull();
    }

    @Test
    void responseFetchesReadTheResponse() {
        TestContext ctx = new TestContext().request("GET", "/", "Cookie", "a=1");
        assertThat(ctx.eval("status")).isNull();
        assertThat(ctx.eval("res.hdr(x)")).isNull();
        ctx.response(302, "Location", "/x", "Set-Cookie", "SID=abc; Path=/; Expires=Wed, 21 Oct 2015 07:28:00 GMT",
                "set-cookie", "LANG=fr", "X", "1, 2");
        assertThat(ctx.eval("status")).isEqualTo("302");
        assertThat(ctx.eval("res.ver")).isEqualTo("1.1");
        assertThat(ctx.eval("resp_ver")).isEqualTo("1.1");
        assertThat(ctx.eval("capture.res.ver")).isEqualTo("HTTP/1.1");
        assertThat(ctx.eval("res.hdr(x)")).isEqualTo("2");
        assertThat(ctx.eval("shdr(x,1)")).isEqualTo("1");
        assertThat(ctx.eval("res.fhdr(x)")).isEqualTo("1, 2");
        assertThat(ctx.eval("res.hdr_cnt(x)")).isEqualTo("2");
        assertThat(ctx.eval("res.fhdr_cnt")).isEqualTo("4");
        assertThat(ctx.eval("res.cook(SID)")).isEqualTo("abc");
        assertThat(ctx.eval("scook(LANG)")).isEqualTo("fr");
        assertThat(ctx.eval("res.cook")).isEqualTo("abc");
        assertThat(ctx.eval("res.cook_cnt")).isEqualTo("2");
        assertThat(ctx.eval("res.hdr_names")).isEqualTo("location,set-cookie,set-cookie,x");
        // hdr() and cookie() follow the direction: the response once there is one
        assertThat(ctx.eval("hdr(location)")).isEqualTo("/x");
        assertThat(ctx.eval("cookie(LANG)")).isEqualTo("fr");
        assertThat(ctx.eval("req.cook(a)")).isEqualTo("1");
    }

    @Test
    void aclsSeeEveryOccurrenceWhileSamplesSeeTheLast() throws SampleParseException {
        TestContext ctx = new TestContext().request("GET", "/p?a=1&b=2&a=3", "X", "a, b", "x", "c",
                "Cookie", "k=1; j=2", "cookie", "k=3", "xff", "bad, 10.0.0.1, 10.0.0.2:80");
        assertThat(ctx.eval("hdr(x)")).isEqualTo("c");
        assertThat(allValues(ctx, "hdr(x)")).containsExactly("a", "b", "c");
        assertThat(allValues(ctx, "hdr(x,2)")).containsExactly("b");
        assertThat(allValues(ctx, "req.fhdr(x)")).containsExactly("a, b", "c");
        assertThat(allValues(ctx, "req.cook(k)")).containsExactly("1", "3");
        assertThat(allValues(ctx, "req.cook")).containsExactly("1", "2", "3");
        assertThat(ctx.eval("req.cook(k)")).isEqualTo("3");
        assertThat(allValues(ctx, "urlp(a)")).containsExactly("1", "3");
        assertThat(allValues(ctx, "url_param")).containsExactly("1", "2", "3");
        // hdr_ip skips what is not an address when iterating, and fails on it otherwise
        assertThat(allValues(ctx, "req.hdr_ip(xff)")).containsExactly("10.0.0.1", "10.0.0.2");
        assertThat(ctx.eval("req.hdr_ip(xff,1)")).isNull();
        // converters apply to each value
        assertThat(allValues(ctx, "hdr(x),upper")).containsExactly("A", "B", "C");
    }

    @Test
    void bodyFetches() {
        TestContext ctx = new TestContext().request("POST", "/", "Content-Length", "15").body("user=bob&pw=x%41");
        assertThat(ctx.eval("req.body")).isEqualTo("user=bob&pw=x%41");
        assertThat(ctx.eval("req.body_len")).isEqualTo("16");
        assertThat(ctx.eval("req.body_size")).isEqualTo("15");
        assertThat(ctx.eval("req.body_param(pw)")).isEqualTo("x%41");
        assertThat(ctx.eval("req.body_param")).isEqualTo("bob");
        assertThat(ctx.eval("req.body_param(none)")).isNull();
        ctx.request("POST", "/");
        assertThat(ctx.eval("req.body_size")).isEqualTo("16");
    }

    @Test
    void capturesUniqueIdAndState() {
        TestContext ctx = new TestContext().request("GET", "http://h/p?q", "Host", "h");
        ctx.reqCaptures.add("cap0");
        ctx.resCaptures.add("rcap0");
        ctx.uniqueId = "ID-1";
        ctx.first = false;
        ctx.stopping = true;
        assertThat(ctx.eval("capture.req.hdr(0)")).isEqualTo("cap0");
        assertThat(ctx.eval("capture.req.hdr(1)")).isNull();
        assertThat(ctx.eval("capture.res.hdr(0)")).isEqualTo("rcap0");
        assertThat(ctx.eval("capture.req.uri")).isEqualTo("/p?q");
        assertThat(ctx.eval("unique-id")).isEqualTo("ID-1");
        assertThat(ctx.eval("http_first_req")).isEqualTo("0");
        assertThat(ctx.eval("stopping")).isEqualTo("1");
        assertThat(ctx.eval("thread")).isEqualTo("0");
        assertThat(ctx.eval("nbproc")).isEqualTo("1");
        assertThat(ctx.eval("url_ip")).isNull();
        assertThat(ctx.eval("url_port")).isEqualTo("80");
        ctx.request("GET", "http://10.1.2.3:8443/x");
        assertThat(ctx.eval("url_ip")).isEqualTo("10.1.2.3");
        assertThat(ctx.eval("url_port")).isEqualTo("8443");
        assertThat(ctx.eval("path")).isEqualTo("/x");
    }

    @Test
    void clockRandomnessAndEnvironment() {
        TestContext ctx = new TestContext();
        ctx.now = 1_700_000_000_123L;
        assertThat(ctx.eval("date")).isEqualTo("1700000000");
        assertThat(ctx.eval("date(3600)")).isEqualTo("1700003600");
        assertThat(ctx.eval("date(0,ms)")).isEqualTo("1700000000123");
        assertThat(ctx.eval("date(0,us)")).isEqualTo("1700000000123000");
        assertThat(ctx.eval("date_us")).isEqualTo("123000");
        for (int i = 0; i < 50; i++) {
            assertThat(Long.parseLong(ctx.eval("rand(10)"))).isBetween(0L, 9L);
            assertThat(Long.parseLong(ctx.eval("rand"))).isBetween(0L, 4294967295L);
        }
        assertThat(ctx.eval("rand(0)")).isEqualTo("0");
        assertThat(ctx.eval("uuid")).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(ctx.eval("env(PATH)")).isEqualTo(System.getenv("PATH"));
        assertThat(ctx.eval("env(FULCRUM_SURELY_UNSET_VARIABLE)")).isNull();
        assertThat(ctx.eval("hostname")).isNotEmpty();
    }

    @Test
    void authorizationHeader() {
        TestContext ctx = new TestContext().request("GET", "/", "Authorization", "Basic dXMgZXI6cGE6c3M=");
        ctx.userlists.put("u", new UserlistView() {
            @Override
            public boolean check(String user, String password) {
                return user.equals("us er") && password.equals("pa:ss");
            }

            @Override
            public boolean inGroup(String user, String group) {
                return group.equals("admins");
            }
        });
        assertThat(ctx.eval("http_auth(u)")).isEqualTo("1");
        assertThat(ctx.eval("http_auth_group(u)")).isEqualTo("us er");
        assertThat(ctx.eval("http_auth(other)")).isEqualTo("0");
        ctx.request("GET", "/", "Authorization", "Bearer tok.en");
        assertThat(ctx.eval("http_auth_bearer")).isEqualTo("tok.en");
        assertThat(ctx.eval("http_auth_type")).isEqualTo("Bearer");
        assertThat(ctx.eval("http_auth_user")).isNull();
        assertThat(ctx.eval("http_auth(u)")).isEqualTo("0");
    }

    @Test
    void payloadFetchesWaitForTheirData() throws SampleParseException {
        TestContext ctx = new TestContext();
        ctx.buffer("GET / HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.ISO_8859_1));
        ctx.isFinal = false;
        assertThat(ctx.eval("req.len")).isEqualTo("25");
        assertThat(ctx.eval("req.payload(0,3)")).isEqualTo("GET");
        assertThat(compile("req.payload(0,100)").anyMatch(ctx, new Sample(), (c, s) -> true))
                .isEqualTo(SampleExpr.Match.MISS);
        assertThat(compile("req.proto_http").anyMatch(ctx, new Sample(), (c, s) -> true)).isEqualTo(SampleExpr.Match.MISS);
        ctx.buffer("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(ctx.eval("req.proto_http")).isEqualTo("1");
        ctx.buffer(new byte[] {0, 5, 'h', 'e', 'l', 'l', 'o', '!'});
        assertThat(ctx.eval("req.payload_lv(0,2)")).isEqualTo("hello");
        assertThat(ctx.eval("req.payload_lv(0,2,+1)")).isEqualTo("ello!");
        assertThat(ctx.eval("req.payload(2,0)")).isEqualTo("hello!");
        ctx.isFinal = true;
        assertThat(compile("req.payload(0,100)").anyMatch(ctx, new Sample(), (c, s) -> true))
                .isEqualTo(SampleExpr.Match.FAIL);
    }

    @Test
    void tlsClientHelloIsParsed() {
        byte[] hello = clientHello("www.example.org");
        TestContext ctx = new TestContext().buffer(hello);
        assertThat(ctx.eval("req.ssl_hello_type")).isEqualTo("1");
        assertThat(ctx.eval("req.ssl_sni")).isEqualTo("www.example.org");
        assertThat(ctx.eval("req_ssl_sni")).isEqualTo("www.example.org");
        // record version 3.1 (TLS 1.0) as HAProxy reports it: major * 65536 + minor
        assertThat(ctx.eval("req.ssl_ver")).isEqualTo(Integer.toString(3 << 16 | 1));
        ctx.buffer(java.util.Arrays.copyOf(hello, hello.length - 3));
        assertThat(ctx.eval("req.ssl_sni")).isNull();
        ctx.buffer("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(ctx.eval("req.ssl_hello_type")).isNull();
    }

    /** A minimal TLS 1.2 ClientHello carrying a server_name extension (RFC 8446 4.1.2, RFC 6066 3). */
    static byte[] clientHello(String host) {
        byte[] name = host.getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream ext = new ByteArrayOutputStream();
        int listLen = 3 + name.length;
        write(ext, 0, 0, (listLen + 2) >> 8, (listLen + 2) & 0xff, listLen >> 8, listLen & 0xff, 0,
                name.length >> 8, name.length & 0xff);
        ext.writeBytes(name);
        byte[] e = ext.toByteArray();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        write(body, 3, 3);                 // client_version TLS 1.2
        body.writeBytes(new byte[32]);      // random
        write(body, 0);                     // session id
        write(body, 0, 2, 0x13, 0x01);      // one cipher suite
        write(body, 1, 0);                  // compression: null
        write(body, e.length >> 8, e.length & 0xff);
        body.writeBytes(e);
        byte[] b = body.toByteArray();
        ByteArrayOutputStream hs = new ByteArrayOutputStream();
        write(hs, 1, 0, b.length >> 8, b.length & 0xff);
        hs.writeBytes(b);
        byte[] h = hs.toByteArray();
        ByteArrayOutputStream rec = new ByteArrayOutputStream();
        write(rec, 22, 3, 1, h.length >> 8, h.length & 0xff);
        rec.writeBytes(h);
        return rec.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, int... bytes) {
        for (int b : bytes) {
            out.write(b);
        }
    }
}
