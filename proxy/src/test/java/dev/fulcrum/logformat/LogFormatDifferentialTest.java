package dev.fulcrum.logformat;

import dev.fulcrum.config.Settings;
import dev.fulcrum.sample.CompileContext;
import dev.fulcrum.sample.HaproxyProcess;
import dev.fulcrum.sample.TestContext;
import dev.fulcrum.sample.UseSite;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Differential test against the real haproxy: each expression is rendered by
 * haproxy as {@code http-request return ... lf-string '<expr>'} for one fixed raw
 * request, and by Fulcrum's {@link LogFormat} for the same request; the bodies
 * must be identical. Skipped when /usr/sbin/haproxy is not installed.
 */
class LogFormatDifferentialTest {

    /** Header lines of the request, in order, as both sides see them. */
    private static final String[][] HEADERS = {
            {"Host", "example.com:8080"},
            {"X", "a, \"b,c\" ,,d"},
            {"x", "e ,f"},
            {"Cookie", "a=1; b=22; a=3"},
            {"cookie", "c= x y ; d"},
            {"Authorization", "Basic dXMgZXI6cGE6c3M="},
            {"ip", "1.2.3.4:80, ::1, [::2]"},
            {"User-Agent", "Mozilla/5.0 (X11; Linux) Tést"},
    };
    private static final String URI = "/p/a;x=1?a=1&b=2;c=3&d&e=&a=x";

    private static final List<String> EXPRESSIONS = List.of(
            "[%[path]|%[pathq]|%[query]|%[url]|%[base]|%[baseq]|%[method]|%[req.ver]]",
            "[%[capture.req.uri]|%[capture.req.ver]|%[capture.req.method]|%[fe_name]]",
            "[%[hdr(x,1)]|%[hdr(x,2)]|%[hdr(x,3)]|%[hdr(x,4)]|%[hdr(x,5)]|%[hdr(x,6)]|%[hdr(x,-1)]|%[hdr(x,-3)]|%[hdr(x)]|%[hdr(x,9)]]",
            "[%[req.hdr_cnt(x)]|%[req.fhdr_cnt(x)]|%[req.hdr_cnt]|%[req.fhdr_cnt]|%[req.fhdr(x)]|%[req.fhdr(x,1)]|%[hdr(host)]]",
            "[%[req.hdr_names]|%[req.hdr_names(;x)]|%[req.hdrs]]",
            "[%[req.cook(a)]|%[req.cook(b)]|%[req.cook(c)]|%[req.cook]|%[req.cook_cnt(a)]|%[req.cook_cnt]|%[req.cook_val(b)]|%[cook(d)]]",
            "[%[url_param(a)]|%[urlp(b)]|%[urlp(c)]|%[urlp(c,;)]|%[url_param]|%[urlp_val(a)]|%[urlp(e)]|%[urlp(x)]]",
            "[%[base32]|%[url32]|%[base32+src,hex]|%[url32+src,hex]|%[base,sdbm(1)]]",
            "[%[http_auth_type]|%[http_auth_user]|%[http_auth_pass]|%[req.hdr_ip(ip,1)]|%[req.hdr_ip(ip,2)]|%[req.hdr_ip(ip,3)]|%[req.hdr_val(x-t)]]",
            "[%[src]|%[dst]|%[src,ipmask(24)]|%[src,hex]|%[req.fhdr(user-agent)]|%[req.fhdr(user-agent),json(utf8)]|%[req.fhdr(user-agent),lower,url_enc]]",
            "[%[str(f1_f2_f3__f5),field(5,_)]|%[str(f1_f2_f3__f5),field(2,_,0)]|%[str(f1_f2_f3__f5),field(-2,_,3)]|%[str(f1_f2_f3__f5),field(-3,_,0)]|%[str(f1_f2_f3__f5),field(4,_,9)]]",
            "[%[str(f1_f2_f3__f5),word(4,_)]|%[str(f1_f2_f3__f5),word(3,_,2)]|%[str(f1_f2_f3__f5),word(-2,_,3)]|%[str(__a__b__),word(-1,_,0)]|%[str(__a__b__),word(1,_,0)]]",
            "[%[str(abcdef),bytes(2)]|%[str(abcdef),bytes(2,3)]|%[str(abcdef),bytes(4,9)]|%[str(abcdef),bytes(0,0)]|%[str(abcdef),bytes(1,-1)]|%[str(AbC),lower]|%[str(AbC),upper]|%[str(AbC),length]]",
            "[%[str(aXbXc),regsub(X,_)]|%[str(aXbXc),regsub(x,_,gi)]|%[str(abc),regsub(b*,-,g)]|%[str(foo123),regsub(\"([a-z]+)([0-9]+)\",\"\\2\\1\")]|%[str(aaa),regsub(a,\\0b,g)]]",
            "[%[bin(61225c2f3c3e26),json]|%[bin(68c3a96c6c6f),json]|%[bin(68c3a96c6c6f),json(utf8)]|%[bin(61c3),json(utf8s)]|%[bin(61e282ac62),json(utf8)]|%[bin(61c0af62),json(utf8p)]|%[bin(611f7f09080c0a0d),json]]",
            "[%[str(a b&c=d/e~_.-*!),url_enc]|%[str(a%20b+c),url_dec(1)]|%[str(x?a+b),url_dec]|%[str(a+b?c+d),url_dec(0)]|%[str(%41%4a),url_dec]]",
            "[%[str(hello),base64]|%[str(aGVsbG8=),b64dec]|%[bin(fbff),ub64enc]|%[bin(fbff),base64]|%[str(-_8=),ub64dec,hex]|%[str(YQ==),ub64dec,hex]|%[str(YWI),ub64dec,hex]|%[str(YQ),b64dec,hex]|%[str(ABC),hex]|%[str(1a),hex2i]|%[str(ffffffffffffffff),hex2i]]",
            "[%[bin(01020304050607),be2dec(:,2)]|%[bin(01020304050607),be2dec(-,2,1)]|%[bin(7f000001),be2dec(.,1)]|%[bin(01020304050607),be2hex(:,2)]|%[bin(0102030405060708),be2hex(,3,1)]|%[bin(0aff),be2hex]]",
            "[%[int(5),add(3)]|%[int(5),sub(8)]|%[int(-7),div(2)]|%[int(-7),mod(2)]|%[int(5),div(0)]|%[int(5),mod(0)]|%[int(9223372036854775807),add(1)]|%[int(-9223372036854775808),neg]|%[int(5),cpl]]",
            "[%[int(6),odd]|%[int(6),even]|%[int(0),not]|%[int(3),bool]|%[int(12),and(10)]|%[int(12),or(3)]|%[int(12),xor(10)]|%[str(12abc),add(0)]|%[str(-5),mul(3)]]",
            "[%[str(a),sha1,hex]|%[str(a),sha2(384),hex]|%[str(a),digest(sha512),hex]|%[str(a),hmac(sha1,a2V5),hex]|%[int(258),htonl,hex]]",
            "[%[str(abc),set-var(txn.a)]|%[str(a),concat(<,txn.a,>)]|%[str(x),add_item(-,txn.a)]|%[str(abd),strcmp(txn.a)]|%[var(txn.a)]|%[var(txn.none,dflt)]]",
            "[%[int(1),iif(yes,no)]|%[str(  ab  ),ltrim( )]|%[str(  ab  ),rtrim( )]|%[str(Example.COM:8080),host_only]|%[str([::1]:80),port_only]]",
            "[%[int(1700000000),utime(%Y-%m-%d %H:%M:%S %a %b %e %j)]|%[int(1700000000),http_date]|%[int(1700000000123),http_date(0,ms)]|%[int(1700000000),ltime(%c)]]",
            "[%[ipv6(::ffff:1.2.3.4)]|%[ipv6(1:0:0:1:0:0:0:1)]|%[ipv6(2001:db8::1),ipmask(24,64)]|%[ipv4(10.1.2.3),ipmask(255.255.0.0)]|%[ipv6(::ffff:1.2.3.4),ipmask(16,128)]]",
            "[%[str(abc),map(%DIR%/p.map)]|%[str(/abc),map_beg(%DIR%/p.map)]|%[str(xabcx),map_sub(%DIR%/p.map)]|%[str(xab),map_end(%DIR%/p.map)]|%[str(zz),map(%DIR%/p.map,none)]]",
            "[%[ipv4(10.1.2.3),map_ip(%DIR%/ip.map)]|%[ipv4(10.9.9.9),map_ip(%DIR%/ip.map)]|%[ipv6(::1),map_ip(%DIR%/ip.map)]|%[str(/x/abc/42),map_regm(%DIR%/re.map)]|%[int(6),map_int(%DIR%/i.map)]]",
            "[%[bin(0102417f),concat()]|%{+E}[str(a]b)]|%{+Q}[str(q)]|%[str(x)] %{+Q}o %[str(y)]]");

    @TempDir
    Path dir;

    @Test
    void lfStringsRenderAsInHaproxy() throws Exception {
        Assumptions.assumeTrue(HaproxyProcess.available(), "haproxy is not installed");
        Files.writeString(dir.resolve("p.map"), "abc first\nabc second\nab short\n/a x\n/ab y\n");
        Files.writeString(dir.resolve("ip.map"), "10.0.0.0/8 big\n10.1.0.0/16 mid\n10.1.2.3 host\n::1 v6one\n");
        Files.writeString(dir.resolve("re.map"), "^/x/([a-z]+)/([0-9]+) \\2-\\1\n");
        Files.writeString(dir.resolve("i.map"), "1 10\n5:9 30\n");
        List<String> exprs = EXPRESSIONS.stream().map(e -> e.replace("%DIR%", dir.toString())).toList();
        int port = HaproxyProcess.freePort();
        StringBuilder cfg = new StringBuilder("frontend f\n  bind 127.0.0.1:%PORT%\n");
        for (int i = 0; i < exprs.size(); i++) {
            cfg.append("  http-request return status 200 content-type text/plain lf-string '").append(exprs.get(i))
                    .append("' if { req.hdr(x-t) ").append(i).append(" }\n");
        }
        List<String> mismatches = new ArrayList<>();
        try (HaproxyProcess haproxy = HaproxyProcess.start(cfg.toString(), port)) {
            for (int i = 0; i < exprs.size(); i++) {
                String theirs = new String(haproxy.exchange(HaproxyProcess.request(URI, HEADERS, i)), StandardCharsets.ISO_8859_1);
                String ours = render(exprs.get(i), i, port);
                if (!theirs.equals(ours)) {
                    mismatches.add(exprs.get(i) + "\n   haproxy: " + theirs + "\n   fulcrum: " + ours);
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    private String render(String expr, int i, int port) throws LogFormatException {
        TestContext ctx = new TestContext();
        ctx.request = HaproxyProcess.head(URI, HEADERS, i);
        ctx.frontend = new TestContext.TestProxy("f", 1);
        ctx.dstPort = port;
        LogFormat f = LogFormat.parse(expr, CompileContext.standalone(UseSite.FE_HRQ_HDR, Settings.builder()),
                LogFormat.Target.HTTP);
        return f.render(ctx, LogVariables.NONE);
    }
}
