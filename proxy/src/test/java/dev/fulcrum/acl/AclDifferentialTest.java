package dev.fulcrum.acl;

import dev.fulcrum.config.Settings;
import dev.fulcrum.sample.CompileContext;
import dev.fulcrum.sample.HaproxyProcess;
import dev.fulcrum.sample.Sample;
import dev.fulcrum.sample.SampleExpr;
import dev.fulcrum.sample.TestContext;
import dev.fulcrum.sample.UseSite;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Differential test of ACL matching against the real haproxy: each criterion is
 * used as an anonymous ACL in a rule that answers "yes" or "no" for one fixed
 * request; Fulcrum evaluates the same ACL on the same request. Skipped when
 * /usr/sbin/haproxy is not installed.
 */
class AclDifferentialTest {

    private static final String[][] HEADERS = {
            {"Host", "www.Example.com:8080"},
            {"X", "a, \"b,c\" ,,d"},
            {"x", "e ,f"},
            {"Cookie", "a=1; b=22; a=3"},
            {"X-Forwarded-For", "10.1.2.3, 2001:db8::7"},
            {"Content-Length", "0"},
    };
    private static final String URI = "/images/png/logo/32x32.png?a=1&a=x&b=2";

    private static final List<String> CRITERIA = List.of(
            "str(/images/png/logo/32x32.png) -m dir png", "path_dir png", "path_dir 32x32", "path_dir /png/",
            "path_dir mages", "path_end .png", "path_beg /images/", "path_sub logo", "path_reg ^/[a-z]+/png",
            "path_len 26", "path_len gt 30", "path -i /IMAGES/png/logo/32x32.png", "path /IMAGES/png/logo/32x32.png",
            "str(http://www1.dc-eu.example.com:80/blah) -m dom www1", "str(http://www1.dc-eu.example.com:80/blah) -m dom eu",
            "str(http://www1.dc-eu.example.com:80/blah) -m dom :www1:", "hdr_dom(host) example", "hdr_dom(host) -i example",
            "hdr_beg(host) -i www.", "hdr_end(host) :8080", "hdr(x) d", "hdr(x) b", "hdr(x,1) a", "hdr(x,1) d",
            "hdr_cnt(x) 6", "req.fhdr_cnt(x) 2", "hdr_len(x) 0", "req.hdr(x) -m found", "req.hdr(nope) -m found",
            "cook(a) 1", "cook(a) 3", "cook_val(b) gt 20", "cook_cnt(a) 2", "urlp(a) x", "urlp(a) 1", "urlp(b) 2",
            "url_param(a) -m len 1", "req.hdr_ip(x-forwarded-for) 10.0.0.0/8", "req.hdr_ip(x-forwarded-for) 2001:db8::/32",
            "req.hdr_ip(x-forwarded-for,1) 2001:db8::/32", "hdr_val(content-length) eq 0", "method GET", "method get",
            "method -i get", "req.ver 1.1", "url_beg /", "url *", "url_reg ^[^/:]*://",
            "int(5) 5", "int(5) 1:4 5", "int(5) lt 4 gt 4", "int(5) le 4", "int(5) eq 4 6", "int(5) :5", "int(5) 6:",
            "int(-5) -- -5", "int(-5) lt 0", "int(5) -m bool", "int(0) -m bool", "int(0) -m found",
            "var(txn.nope) -m found", "str(ab) -m str -- -i", "str(-i) -m str -i -i", "str(ab) -m str ab -i",
            "str(ab) -m sub a -m", "str(-m) -m sub a -m", "str(abc) -m bin 616263", "str(abc) -m bin 6162",
            "ipv4(10.1.2.3) 10.1", "ipv4(10.0.0.1) 10.1", "ipv4(10.1.2.3) 10.1.2.3/255.255.0.0",
            "ipv4(10.1.2.3) 10.0.0.0/255.0.255.0", "ipv6(::ffff:10.1.2.3) 10.0.0.0/8", "ipv6(2002:a01:203::1) 10.0.0.0/8",
            "ipv6(::a01:203) 10.0.0.0/8", "ipv4(10.1.2.3) ::ffff:10.0.0.0/104", "str(10.1.2.3) 10.0.0.0/8",
            "str(10.1.2.3) -m ip 10.0.0.0/8", "src 127.0.0.1", "src -f %DIR%/nets.lst", "path -f %DIR%/paths.lst",
            "path -i -f %DIR%/paths.lst", "path -M -f %DIR%/paths.map", "always_true", "always_false", "status 200",
            "str(abc),upper ABC", "path_beg,upper /IMAGES", "str(x),length 1", "str(a),bool 0");

    @TempDir
    Path dir;

    @Test
    void aclsMatchAsInHaproxy() throws Exception {
        Assumptions.assumeTrue(HaproxyProcess.available(), "haproxy is not installed");
        Files.writeString(dir.resolve("nets.lst"), "# networks\n10.0.0.0/8\n  127.0.0.0/8\n");
        Files.writeString(dir.resolve("paths.lst"), "/IMAGES/png/logo/32x32.png\n/other\n");
        Files.writeString(dir.resolve("paths.map"), "/images/png/logo/32x32.png yes\n");
        List<String> criteria = CRITERIA.stream().map(c -> c.replace("%DIR%", dir.toString())).toList();
        StringBuilder cfg = new StringBuilder("frontend f\n  bind 127.0.0.1:%PORT%\n");
        for (int i = 0; i < criteria.size(); i++) {
            cfg.append("  http-request return status 200 content-type text/plain string yes if { req.hdr(x-t) ")
                    .append(i).append(" } { ").append(criteria.get(i)).append(" }\n")
                    .append("  http-request return status 200 content-type text/plain string no if { req.hdr(x-t) ")
                    .append(i).append(" }\n");
        }
        List<String> mismatches = new ArrayList<>();
        try (HaproxyProcess haproxy = HaproxyProcess.start(cfg.toString(), HaproxyProcess.freePort())) {
            for (int i = 0; i < criteria.size(); i++) {
                String theirs = new String(haproxy.exchange(HaproxyProcess.request(URI, HEADERS, i)), StandardCharsets.ISO_8859_1);
                String ours = evaluate(criteria.get(i), i) ? "yes" : "no";
                if (!theirs.equals(ours)) {
                    mismatches.add(criteria.get(i) + ": haproxy " + theirs + ", fulcrum " + ours);
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    private static boolean evaluate(String criterion, int i) throws AclParser.AclException {
        TestContext ctx = new TestContext();
        ctx.request = HaproxyProcess.head(URI, HEADERS, i);
        CompileContext cc = CompileContext.standalone(UseSite.FE_HRQ_HDR, Settings.builder());
        AclTerm term = AclParser.parse(Arrays.asList(criterion.split(" ")), cc, w -> { });
        return term.eval(ctx, new Sample()) == SampleExpr.Match.PASS;
    }
}
