package dev.fulcrum.action;

import dev.fulcrum.config.ConfigLoader;
import dev.fulcrum.config.Diagnostic;
import dev.fulcrum.testing.Haproxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Bad rule statements: Fulcrum must refuse each with the same first alert as
 * {@code haproxy -c} 2.6 on the same file (message, file and line), and both must
 * fail the check.
 */
class RulesConfigErrorTest {

    private static Path dir;

    @BeforeAll
    static void setUp() throws Exception {
        dir = Files.createTempDirectory("rules-errors");
    }

    @AfterAll
    static void tearDown() throws Exception {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    private static String config(String section, String line) {
        return """
                defaults
                  mode http
                  timeout client 3s
                  timeout server 3s
                  timeout connect 1s
                userlist users
                  user alice insecure-password a
                %s p
                  bind 127.0.0.1:1
                  %s
                """.formatted(section, line) + (section.equals("frontend") ? "" : "  server s1 127.0.0.1:2\n");
    }

    /** The first alert's text after HAProxy's {@code [ALERT] (pid) : config : } prefix. */
    private static String firstAlert(String output) {
        return Arrays.stream(output.split("\n")).filter(l -> l.startsWith("[ALERT]"))
                .map(l -> l.substring(l.indexOf(": config : ") + 11)).findFirst().orElse("(no alert)");
    }

    @org.junit.jupiter.api.Test
    void sameWarningsAsHaproxyForConditionsThatCanNeverMatch() throws Exception {
        assumeTrue(Haproxy.available(), "haproxy 2.6 installed");
        String text = config("listen", """
                acl p path /x
                  tcp-request connection reject if p
                  tcp-response content reject if p
                  tcp-request content reject if { res.hdr(x) -m found }
                  http-request deny if { res.hdr(x) -m found }
                  http-response deny if p""");
        Path file = dir.resolve("warnings.cfg");
        Files.writeString(file, text);
        List<String> expected = Arrays.stream(Haproxy.check(file).output().split("\n"))
                .filter(l -> l.startsWith("[WARNING]")).map(l -> l.substring(l.indexOf(": config : ") + 11)).toList();
        List<String> actual = ConfigLoader.standard().loadText(file.toString(), text).diagnostics().warnings().stream()
                .map(d -> d.format(1)).map(l -> l.substring(l.indexOf(": config : ") + 11)).toList();
        assertThat(expected).hasSize(5);
        assertThat(actual).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void sameWarningsAsHaproxyForReplyArgumentsThatAreIgnored() throws Exception {
        assumeTrue(Haproxy.available(), "haproxy 2.6 installed");
        Path empty = dir.resolve("empty.txt");
        Files.writeString(empty, "");
        String text = config("frontend", """
                http-request return content-type a if { path /a }
                  http-request return errorfile /dev/null hdr a b if { path /b }
                  http-request return file %s content-type a if { path /c }
                  http-request return errorfile /dev/null content-type x if { path /d }
                  http-request return hdr content-length 3 if { path /e }
                  http-error status 503 content-type text/plain default-errorfiles
                  http-error status 503 hdr transfer-encoding x
                  errorfiles site 503
                http-errors site
                  errorfile 403 /dev/null""".formatted(empty));
        Path file = dir.resolve("reply-warnings.cfg");
        Files.writeString(file, text);
        List<String> expected = Arrays.stream(Haproxy.check(file).output().split("\n"))
                .filter(l -> l.startsWith("[WARNING]")).map(l -> l.substring(l.indexOf(": config : ") + 11)).toList();
        List<String> actual = ConfigLoader.standard().loadText(file.toString(), text).diagnostics().warnings().stream()
                .map(d -> d.format(1)).map(l -> l.substring(l.indexOf(": config : ") + 11)).toList();
        assertThat(expected).hasSize(8);
        assertThat(actual).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void anUnknownHttpErrorsSectionInARuleOfNamedDefaultsIsReportedOnce() throws Exception {
        assumeTrue(Haproxy.available(), "haproxy 2.6 installed");
        String text = """
                defaults d
                  mode http
                  timeout client 3s
                  timeout server 3s
                  timeout connect 1s
                  http-request deny errorfiles nope if { path /x }
                frontend f from d
                  bind 127.0.0.1:1
                frontend g from d
                  bind 127.0.0.1:2
                """;
        Path file = dir.resolve("defaults-section.cfg");
        Files.writeString(file, text);
        String haproxy = firstAlert(Haproxy.check(file).output());
        List<Diagnostic> alerts = ConfigLoader.standard().loadText(file.toString(), text).diagnostics().alerts();
        assertThat(alerts).hasSize(1);
        assertThat(alerts.getFirst().message()).isEqualTo(haproxy);
        assertThat(alerts.getFirst().location().line()).isEqualTo(6);
    }

    @org.junit.jupiter.api.Test
    void anUnknownHttpErrorsSectionInAReplyIsRefusedAtItsRule() throws Exception {
        assumeTrue(Haproxy.available(), "haproxy 2.6 installed");
        String text = config("frontend", "http-request deny errorfiles nope");
        Path file = dir.resolve("unknown-section.cfg");
        Files.writeString(file, text);
        // haproxy names no line for it; Fulcrum says the same and adds the rule's file:line
        String haproxy = firstAlert(Haproxy.check(file).output());
        List<Diagnostic> alerts = ConfigLoader.standard().loadText(file.toString(), text).diagnostics().alerts();
        assertThat(alerts).hasSize(1);
        assertThat(alerts.getFirst().message()).isEqualTo(haproxy);
        assertThat(alerts.getFirst().location().line()).isEqualTo(10);
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiterString = " => ", quoteCharacter = '"', value = {
            "http-request do-resolve(txn.ip,dns) hdr(host) => 'http-request do-resolve' is not supported yet by Fulcrum (DNS resolution).",
            "http-response wait-for-body time 1s => 'http-response wait-for-body' is not supported yet by Fulcrum (response body buffering).",
            "http-request use-service lua.hello => 'http-request use-service lua.hello' is not supported yet by Fulcrum (Lua).",
            "tcp-request content use-service foo => 'foo' unknown service name.",
            "http-request lua.auth => 'http-request lua.auth' is not supported yet by Fulcrum (Lua).",
            "tcp-request connection expect-netscaler-cip layer4 => 'tcp-request connection expect-netscaler-cip' is not supported yet by Fulcrum (NetScaler client IP).",
            "http-response cache-store c => 'http-response cache-store' is not supported yet by Fulcrum (HTTP cache)."})
    void unimplementedActionsAreRefusedWithFileAndLine(String line, String message) {
        String text = config("listen", line);
        ConfigLoader.Result fulcrum = ConfigLoader.standard().loadText("rules.cfg", text);
        Diagnostic first = fulcrum.diagnostics().alerts().getFirst();
        assertThat(first.message()).isEqualTo(message);
        assertThat(first.location().line()).isEqualTo(10);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "frontend|http-request foo",
            "frontend|http-request",
            "frontend|http-request deny deny_status abc",
            "frontend|http-request deny deny_status 999",
            "frontend|http-request deny deny_status 418",
            "frontend|http-request replace-path ( x",
            "frontend|http-request replace-header x ( y",
            "frontend|http-request set-header",
            "frontend|http-request set-header x",
            "frontend|http-request set-header x y z",
            "frontend|http-request redirect foo /x",
            "frontend|http-request redirect location",
            "frontend|http-request set-var(foo) str(a)",
            "frontend|http-request set-var(txn.foo)",
            "frontend|http-request return status 200 file /nonexistent",
            "frontend|http-request return status 200 string a string b",
            "frontend|http-request capture req.hdr(host)",
            "frontend|http-request capture req.hdr(host) len 0",
            "frontend|http-request del-header x -m foo",
            "frontend|http-request normalize-uri path-merge-slashes",
            "frontend|http-request set-log-level foo",
            "frontend|http-request allow foo",
            "frontend|http-request deny if foo",
            "frontend|http-request set-timeout server 5s",
            "frontend|http-request set-method",
            "frontend|http-request auth realm",
            "frontend|http-request auth if { http_auth(nope) }",
            "frontend|http-request wait-for-body",
            "frontend|http-request wait-for-body time",
            "frontend|http-request wait-for-body time abc",
            "frontend|http-request wait-for-body time 1s at-least",
            "frontend|http-request wait-for-body time 1s at-least zz",
            "frontend|http-request wait-for-body time 1s foo",
            "frontend|http-request wait-for-body at-least 10",
            "frontend|tcp-request connection expect-proxy",
            "frontend|tcp-request connection expect-proxy layer5",
            "frontend|tcp-request connection expect-proxy layer4 foo",
            "frontend|tcp-request session expect-proxy layer4",
            "frontend|tcp-request content expect-proxy layer4",
            "frontend|http-request use-service foo",
            "frontend|http-request use-service",
            "frontend|http-request use-service prometheus-exporter extra",
            "listen|tcp-request content use-service prometheus-exporter",
            "listen|tcp-request content use-service",
            "frontend|http-response foo",
            "frontend|http-after-response foo",
            "frontend|http-after-response deny",
            "frontend|capture request header x",
            "frontend|declare capture request",
            "frontend|declare capture foo len 3",
            "frontend|redirect foo",
            "frontend|redirect location",
            "frontend|monitor-uri",
            "frontend|monitor fail",
            "frontend|monitor fail if foo",
            "listen|http-response set-status 99",
            "listen|tcp-request content set-var(foo) src",
            "listen|tcp-request content accept foo",
            "listen|tcp-request connection capture src len 4",
            "listen|tcp-request content capture src",
            "listen|tcp-request inspect-delay",
            "listen|tcp-request inspect-delay abc",
            "listen|tcp-request content set-log-level foo",
            "listen|tcp-request connection foo",
            "listen|tcp-request content foo",
            "listen|tcp-response content foo",
            "listen|use-server",
            "listen|use-server s1 foo",
            "listen|use-server s1 if nope",
            "listen|use-server nope if TRUE",
            "listen|force-persist",
            "listen|ignore-persist foo",
            "listen|http-response set-header X",
            "frontend|http-request set-map(/tmp/x.map) %[src]",
            "frontend|http-request set-map(/tmp/x.map) %[src] a b",
            "frontend|http-request set-map(/tmp/x.map) %[src] %[foo]",
            "frontend|http-request set-var-fmt(txn.a) %[foo]",
            "frontend|http-request del-map(/tmp/x.map)",
            "frontend|http-request del-map(/tmp/x.map) a b",
            "frontend|http-request add-acl(/tmp/x.acl)",
            "frontend|http-request del-acl(/tmp/x.acl) a b",
            "listen|http-response set-map(/tmp/x.map) a",
            "listen|http-response add-acl(/tmp/x.acl) a b",
            "frontend|errorfiles nope",
            "frontend|http-error status 503 errorfiles nope",
            "frontend|http-error",
            "frontend|http-error foo",
            "frontend|http-error status",
            "frontend|http-error status abc",
            "frontend|http-error status 999 string x",
            "frontend|http-error status 503 string x",
            "frontend|http-error status 418 content-type text/plain string x",
            "frontend|http-error status 503 content-type text/plain lf-string %[foo]",
            "frontend|http-error status 503 content-type text/plain string x foo",
            "frontend|http-error status 503 errorfile /nonexistent",
            "frontend|http-error status 503 content-type text/plain string a string b",
            "frontend|http-error status 503 hdr x",
            "frontend|http-error status 503 deny_status 404",
            "frontend|http-error status 503 lf-file /nonexistent",
            "frontend|http-request return string x",
            "frontend|http-request return string",
            "frontend|http-request return content-type",
            "frontend|http-request return status",
            "frontend|http-request return lf-string",
            "frontend|http-request return errorfile",
            "frontend|http-request return errorfile /nonexistent",
            "frontend|http-request return foo",
            "frontend|http-request deny status 503 deny_status 404",
            "frontend|http-request deny status 418 default-errorfiles",
            "frontend|http-request deny status 418 errorfiles site",
    })
    void sameFirstAlertAsHaproxy(String spec) throws Exception {
        assumeTrue(Haproxy.available(), "haproxy 2.6 installed");
        String[] parts = spec.split("\\|", 2);
        String text = config(parts[0], parts[1]);
        Path file = dir.resolve("c" + Math.abs(spec.hashCode()) + ".cfg");
        Files.writeString(file, text);
        Haproxy.Result haproxy = Haproxy.check(file);
        ConfigLoader.Result fulcrum = ConfigLoader.standard().loadText(file.toString(), text);
        List<Diagnostic> alerts = fulcrum.diagnostics().alerts();
        assertThat(haproxy.status()).as("haproxy -c refuses it").isNotZero();
        assertThat(alerts).as("Fulcrum refuses it").isNotEmpty();
        assertThat(firstAlert(alerts.getFirst().format(1))).isEqualTo(firstAlert(haproxy.output()));
    }
}
