package dev.fulcrum.switching;

import dev.fulcrum.config.ConfigLoader;
import dev.fulcrum.logformat.LogVariables;
import dev.fulcrum.sample.Configs;
import dev.fulcrum.sample.ProxyView;
import dev.fulcrum.sample.Sample;
import dev.fulcrum.sample.TestContext;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** use_backend and default_backend; messages compared with haproxy 2.6's. */
class SwitchingTest {

    private static String only(List<String> messages) {
        assertThat(messages).hasSize(1);
        return messages.getFirst();
    }

    private static List<String> alerts(String frontendBody) {
        return Configs.alerts(Configs.DEFAULTS + "frontend f\n  bind 127.0.0.1:1\n" + frontendBody + "backend b\n");
    }

    @Test
    void parseErrors() {
        assertThat(only(alerts("  use_backend\n"))).isEqualTo("t.cfg:8: 'use_backend' expects a backend name.");
        assertThat(only(alerts("  use_backend b foo\n"))).isEqualTo(
                "t.cfg:8: unexpected keyword 'foo' after switching rule, only 'if' and 'unless' are allowed.");
        assertThat(only(alerts("  use_backend b if nope\n"))).isEqualTo(
                "t.cfg:8: error detected while parsing switching rule : no such ACL : 'nope'.");
        assertThat(only(alerts("  use_backend b if { foo }\n"))).isEqualTo(
                "t.cfg:8: error detected while parsing switching rule : unknown fetch method 'foo' in ACL expression 'foo'.");
        assertThat(only(alerts("  use_backend b if { path\n"))).isEqualTo(
                "t.cfg:8: error detected while parsing switching rule : missing closing '}' in condition.");
        assertThat(only(alerts("  use_backend b if TRUE extra\n"))).isEqualTo(
                "t.cfg:8: error detected while parsing switching rule : no such ACL : 'extra'.");
        assertThat(only(alerts("  use_backend %[path\n"))).isEqualTo(
                "t.cfg:8: failed to parse use_backend rule '%[path' : missing ']' after 'path'.");
        assertThat(only(alerts("  use_backend %[path,foo]\n"))).isEqualTo(
                "t.cfg:8: failed to parse use_backend rule '%[path,foo]' : failed to parse sample expression "
                        + "<path,foo]> : unknown converter 'foo'.");
    }

    @Test
    void namedBackendsMustExist() {
        assertThat(only(alerts("  use_backend nob\n"))).isEqualTo("Proxy 'f': unable to find required use_backend: 'nob'.");
        assertThat(only(alerts("  default_backend nob2\n")))
                .isEqualTo("Proxy 'f': unable to find required default_backend: 'nob2'.");
        assertThat(alerts("""
                  use_backend b if
                  use_backend %[path]
                  use_backend a%[path]b
                  use_backend be_%[req.hdr(host)] unless !TRUE
                  default_backend b
                """)).isEmpty();
    }

    @Test
    void theFirstMatchingRuleChoosesTheBackend() {
        ConfigLoader.Result r = Configs.load(Configs.DEFAULTS + """
                frontend f
                  bind 127.0.0.1:1
                  acl api path_beg /api
                  use_backend never if FALSE
                  use_backend api if api
                  use_backend be_%[req.hdr(host),lower] if { req.hdr(host) -m found }
                  use_backend stat%[str(ic)]
                backend never
                backend api
                backend be_www
                backend static
                """);
        assertThat(r.ok()).isTrue();
        List<SwitchingRule> rules = r.config().frontend("f").get(SwitchingSettings.USE_BACKEND);
        assertThat(rules).extracting(SwitchingRule::backend).containsExactly("never", "api", null, null);
        TestContext ctx = new TestContext();
        for (String name : List.of("never", "api", "be_www", "static")) {
            ctx.proxy(name, 2);
        }
        Sample s = new Sample();
        assertThat(select(rules, ctx.request("GET", "/api/x", "Host", "WWW"), s)).isEqualTo("api");
        assertThat(select(rules, ctx.request("GET", "/x", "Host", "WWW"), s)).isEqualTo("be_www");
        assertThat(select(rules, ctx.request("GET", "/x"), s)).isEqualTo("static");
        // a dynamic name that designates no backend stops the search: default_backend applies
        assertThat(select(rules, ctx.request("GET", "/x", "Host", "other"), s)).isNull();
    }

    private static String select(List<SwitchingRule> rules, TestContext ctx, Sample s) {
        ProxyView p = Switching.select(rules, ctx, LogVariables.NONE, s);
        return p == null ? null : p.name();
    }
}
