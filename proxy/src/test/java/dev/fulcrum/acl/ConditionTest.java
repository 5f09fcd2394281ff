package dev.fulcrum.acl;

import dev.fulcrum.config.ConfigEnvironment;
import dev.fulcrum.config.ConfigLoader;
import dev.fulcrum.config.Diagnostic;
import dev.fulcrum.config.KeywordRegistry;
import dev.fulcrum.config.ProxyConfig;
import dev.fulcrum.config.Sections;
import dev.fulcrum.config.Setting;
import dev.fulcrum.sample.Configs;
import dev.fulcrum.sample.Sample;
import dev.fulcrum.sample.SampleExpr;
import dev.fulcrum.sample.TestContext;
import dev.fulcrum.sample.UseSite;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conditions as rule parsers get them. A test keyword, {@code test-if <site>
 * [if|unless <cond>]}, stands for a rule: it compiles its condition with
 * {@link Conditions#parse} at the given use site. Messages were compared with
 * haproxy 2.6 using {@code http-request deny} rules.
 */
class ConditionTest {

    private static final Setting<List<Condition>> CONDITIONS = Setting.list("test conditions");

    private static final KeywordRegistry REGISTRY = KeywordRegistry.builder()
            .include(new dev.fulcrum.runtime.GlobalKeywords())
            .include(new dev.fulcrum.proxy.ProxyKeywords())
            .include(new dev.fulcrum.server.ServerKeywords())
            .include(new dev.fulcrum.sample.SampleKeywords())
            .include(new AclKeywords())
            .include(new dev.fulcrum.switching.SwitchingKeywords())
            .keyword("test-if", Sections.DFB, 0, "a rule with a condition, for tests", ctx ->
                    ctx.settings().add(CONDITIONS, Conditions.parse(ctx, 1, "http-request deny",
                            UseSite.valueOf(ctx.arg(0)))))
            .build();

    private static ConfigLoader.Result load(String body) {
        return new ConfigLoader(REGISTRY, ConfigEnvironment.system()).loadText("t.cfg", Configs.DEFAULTS + body);
    }

    /** The conditions of the first frontend, in order. */
    private static List<Condition> conditions(String body) {
        ConfigLoader.Result r = load(body);
        assertThat(r.diagnostics().alerts()).isEmpty();
        ProxyConfig p = r.config().proxies().getFirst();
        return p.get(CONDITIONS);
    }

    private static List<String> messages(String body) {
        return load(body).diagnostics().all().stream().filter(d -> d.severity() != dev.fulcrum.config.Severity.NOTICE)
                .map(Diagnostic::message).toList();
    }

    @Test
    void combinesAclsWithAndOrAndNot() {
        List<Condition> c = conditions("""
                frontend f
                  acl get method GET
                  acl admin path_beg /admin
                  acl admin path_beg /root
                  acl local src 127.0.0.0/8
                  test-if FE_HRQ_HDR if get admin
                  test-if FE_HRQ_HDR if get admin or local
                  test-if FE_HRQ_HDR if !local || !get
                  test-if FE_HRQ_HDR unless admin
                  test-if FE_HRQ_HDR if !!local ! admin
                  test-if FE_HRQ_HDR
                  test-if FE_HRQ_HDR if
                  test-if FE_HRQ_HDR unless
                  test-if FE_HRQ_HDR if TRUE or or FALSE
                  test-if FE_HRQ_HDR if { path_end .png } !{ hdr(host) -i example.org }
                """);
        TestContext root = new TestContext().request("GET", "/root/x", "Host", "Example.ORG");
        TestContext png = new TestContext().request("POST", "/img/a.png", "Host", "www");
        png.src = TestContext.addr("10.0.0.1");
        assertThat(results(c, root)).containsExactly(true, true, false, false, false, true, false, true, true, false);
        assertThat(results(c, png)).containsExactly(false, false, true, true, false, true, false, true, true, true);
        assertThat(c.get(5).isAlways()).isTrue();
        assertThat(c.get(0).toString()).isEqualTo("if get admin");
    }

    private static List<Boolean> results(List<Condition> conditions, TestContext ctx) {
        return conditions.stream().map(c -> c.test(ctx)).toList();
    }

    @Test
    void predefinedAclsAndOverrides() {
        List<Condition> c = conditions("""
                frontend f
                  test-if FE_HRQ_HDR if METH_GET HTTP_1.1 HTTP_URL_SLASH !HTTP_URL_STAR !HTTP_URL_ABS LOCALHOST
                  test-if FE_HRQ_HDR if HTTP_CONTENT
                  test-if FE_HRQ_HDR if METH_POST or METH_PUT or METH_DELETE or METH_OPTIONS or METH_TRACE
                  acl TRUE always_false
                  test-if FE_HRQ_HDR if TRUE
                  test-if FE_HRQ_HDR if HTTP FALSE
                """);
        TestContext ctx = new TestContext().request("HEAD", "/", "Content-Length", "12");
        assertThat(results(c, ctx)).containsExactly(true, true, false, false, false);
    }

    @Test
    void missingDataIsUnknownUntilTheInspectionEnds() {
        List<Condition> c = conditions("""
                frontend f
                  test-if FE_REQ_CNT if { req.len ge 10 }
                  test-if FE_REQ_CNT unless { req.len ge 10 }
                  test-if FE_REQ_CNT if { req.payload(0,3) -m bin 474554 } or TRUE
                  test-if FE_REQ_CNT if WAIT_END
                """);
        TestContext ctx = new TestContext();
        ctx.isFinal = false;
        ctx.buffer(new byte[] {'G', 'E'});
        Sample s = new Sample();
        // req.len "does not return false as long as the buffer is changing" (configuration.txt 7.3.5)
        assertThat(c.get(0).evaluate(ctx, s)).isEqualTo(SampleExpr.Match.MISS);
        assertThat(c.get(1).evaluate(ctx, s)).isEqualTo(SampleExpr.Match.MISS);
        assertThat(c.get(2).evaluate(ctx, s)).isEqualTo(SampleExpr.Match.PASS);
        assertThat(c.get(3).evaluate(ctx, s)).isEqualTo(SampleExpr.Match.MISS);
        ctx.isFinal = true;
        assertThat(c.get(0).evaluate(ctx, s)).isEqualTo(SampleExpr.Match.FAIL);
        assertThat(c.get(1).evaluate(ctx, s)).isEqualTo(SampleExpr.Match.PASS);
        assertThat(c.get(3).evaluate(ctx, s)).isEqualTo(SampleExpr.Match.PASS);
    }

    @Test
    void errorsReadLikeHaproxys() {
        assertThat(messages("""
                frontend f
                  test-if FE_HRQ_HDR if nope
                """)).containsExactly("error detected while parsing an 'http-request deny' condition : "
                + "no such ACL : 'nope'.");
        assertThat(messages("""
                frontend f
                  test-if FE_HRQ_HDR if { foo }
                """)).containsExactly("error detected while parsing an 'http-request deny' condition : "
                + "unknown fetch method 'foo' in ACL expression 'foo'.");
        assertThat(messages("""
                frontend f
                  test-if FE_HRQ_HDR if { path x
                """)).containsExactly("error detected while parsing an 'http-request deny' condition : "
                + "missing closing '}' in condition.");
        assertThat(messages("""
                frontend f
                  test-if FE_HRQ_HDR if path x }
                """)).containsExactly("error detected while parsing an 'http-request deny' condition : "
                + "no such ACL : 'path'.");
    }

    @Test
    void aclsOfADefaultsSectionStayThere() {
        // haproxy 2.6: "ACLs defined in a defaults section are not visible from other sections using it"
        assertThat(messages("""
                defaults d
                  mode http
                  acl a path /x
                  test-if FE_HRQ_HDR if a
                frontend f from d
                  test-if FE_HRQ_HDR if a
                """)).containsExactly("error detected while parsing an 'http-request deny' condition : "
                + "no such ACL : 'a'.");
    }

    @Test
    void aclsThatCannotMatchHereAreReportedAndNeverMatch() {
        ConfigLoader.Result r = load("""
                frontend f
                  mode http
                  acl resp res.hdr(x) foo
                  test-if FE_HRQ_HDR if resp
                  test-if FE_HRQ_HDR if !resp
                  test-if FE_HRQ_HDR if { status 200 }
                  test-if FE_CON_ACC if { path x }
                  test-if FE_HRQ_HDR if { req.len gt 0 }
                  bind 127.0.0.1:8080
                """);
        assertThat(r.diagnostics().warnings()).extracting(Diagnostic::message).containsExactly(
                "acl 'resp' will never match because it only involves keywords that are incompatible with "
                        + "'frontend http-request header rule'",
                "acl 'resp' will never match because it only involves keywords that are incompatible with "
                        + "'frontend http-request header rule'",
                "anonymous acl will never match because it uses keyword 'status' which is incompatible with "
                        + "'frontend http-request header rule'",
                "anonymous acl will never match in 'tcp-request connection' because it uses keyword 'path' which is "
                        + "incompatible with 'frontend tcp-request connection rule'",
                "Proxy 'f': L6 sample fetches ignored on HTTP proxies (declared at t.cfg:13).");
        List<Condition> c = r.config().proxies().getFirst().get(CONDITIONS);
        TestContext ctx = new TestContext().request("GET", "/x").response(200, "x", "foo");
        assertThat(results(c, ctx)).containsExactly(false, true, false, false, false);
    }
}
