package dev.fulcrum.check;

import dev.fulcrum.config.ConfigLoader;
import dev.fulcrum.config.Diagnostic;
import dev.fulcrum.testing.Haproxy;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad check options and rules are refused with haproxy -c's message, file and
 * line. The expected text was taken from haproxy 2.6; when haproxy is installed
 * the test also runs it on the same file and requires the same alert.
 */
class CheckConfigErrorTest {

    @TempDir
    Path dir;

    private static final String HEAD = """
            defaults
                mode http
                timeout connect 1s
                timeout client 1s
                timeout server 1s
            backend bk
                server s1 127.0.0.1:1 check
            """;

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
            "    server s2 127.0.0.1:2 rise 0 => 'server bk/s2' : 'rise' has to be > 0..",
            "    server s2 127.0.0.1:2 fall 0 => 'server bk/s2' : 'fall' has to be > 0..",
            "    server s2 127.0.0.1:2 inter 0 => 'server bk/s2' : invalid value 0 for argument 'inter' of server s2..",
            "    server s2 127.0.0.1:2 inter abc => 'server bk/s2' : unexpected character 'a' in 'agent-inter' argument of server s2..",
            "    server s2 127.0.0.1:2 fastinter 1x => 'server bk/s2' : unexpected character 'x' in 'agent-inter' argument of server s2..",
            "    server s2 127.0.0.1:2 agent-inter 0 => 'server bk/s2' : invalid value 0 for argument 'agent-inter' of server s2..",
            "    server s2 127.0.0.1:2 slowstart abc => 'server bk/s2' : unexpected character 'a' in 'slowstart' argument of server s2..",
            "    server s2 127.0.0.1:2 observe foo => 'server bk/s2' : 'observe' expects one of 'none', 'layer4', 'layer7' but got 'foo'.",
            "    server s2 127.0.0.1:2 error-limit 0 => 'server bk/s2' : error-limit has to be > 0..",
            "    server s2 127.0.0.1:2 on-error foo => 'server bk/s2' : 'on-error' expects one of 'fastinter', 'fail-check', 'sudden-death' or 'mark-down' but got 'foo'.",
            "    server s2 127.0.0.1:2 on-marked-down foo => 'server bk/s2' : 'on-marked-down' expects 'shutdown-sessions' but got 'foo'.",
            "    server s2 127.0.0.1:2 on-marked-up foo => 'server bk/s2' : 'on-marked-up' expects 'shutdown-backup-sessions' but got 'foo'.",
            "    server s2 127.0.0.1:2 track bk/nosuch => 'server bk/s2' : unable to find required server 'nosuch' for tracking.",
            "    server s2 127.0.0.1:2 track nosuch/s1 => 'server bk/s2' : unable to find required proxy 'nosuch' for tracking.",
            "    http-check expect foo bar => 'http-check expect' : 'only supports min-recv, [!]string', '[!]rstring', '[!]string-lf', '[!]status', '[!]rstatus', [!]hdr, [!]fhdr or comment but got 'foo' as argument..",
            "    http-check expect status => 'http-check expect' : 'status' expects a <pattern> as argument.",
            "    http-check send meth => 'http-check send' : 'meth' expects a string as argument..",
            "    http-check send foo => 'http-check send' : expects 'comment', 'meth', 'uri', 'uri-lf', 'ver', 'hdr', 'body' or 'body-lf' but got 'foo' as argument..",
            "    http-check expect ok-status FOO status 200 => 'http-check expect' : 'ok-status' only supports 'L4OK', 'L6OK', 'L7OK' or 'L7OKC' status (got 'FOO')..",
            "    tcp-check send-binary zz => 'tcp-check send-binary' : 'zz' invalid binary string (an hex digit is expected (found 'z')).",
            "    tcp-check expect binary zz => 'tcp-check expect' : invalid binary string (an hex digit is expected (found 'z')).",
            "    option httpchk a b c d => 'option httpchk' cannot handle unexpected argument 'd'.",
            "    tcp-check set-var(check.x) => 'tcp-check set-var(check.x)' : 'set-var' : missing fetch method.",
            "    tcp-check set-var(foo) int(1) => 'tcp-check set-var(foo)' : 'set-var' : invalid variable name 'foo'. A variable name must be start by its scope. The scope can be 'proc', 'sess', 'txn', 'req', 'res' or 'check'.",
            "    tcp-check set-var(check.x,bogus) int(1) => 'tcp-check set-var(check.x,bogus)' : 'set-var' : unknown condition \"bogus\".",
            "    tcp-check set-var(check.x) nosuch => 'tcp-check set-var(check.x)' : 'set-var' : unknown fetch method 'nosuch'.",
            "    http-check set-var(check.x) req.hdr(host) => 'http-check set-var(check.x)' : 'set-var' : fetch method 'set-var(check.x)' extracts information from 'HTTP request headers', none of which is available here.",
            "    tcp-check unset-var(check.x,ifset) => 'tcp-check unset-var(check.x,ifset)' : 'unset-var' : unset-var does not expect parameters after the variable name. Only \"set-var\" and \"set-var-fmt\" manage conditions.",
            "    tcp-check unset-var() => 'tcp-check unset-var()' : 'unset-var' : Empty variable name cannot be accepted.",
            "    tcp-check send-lf => 'tcp-check send-lf' : 'string' expects a send-lf as argument.",
            "    tcp-check send-binary-lf => 'tcp-check send-binary-lf' : 'string' expects a send-binary-lf as argument.",
            "    tcp-check send-lf %[nosuch] => 'tcp-check send-lf' : '%[nosuch]' invalid log-format string (failed to parse sample expression <nosuch]> : unknown fetch method 'nosuch').",
            "    tcp-check send-lf %[fe_name] => 'tcp-check send-lf' : '%[fe_name]' invalid log-format string (sample fetch <fe_name]> may not be reliably used here because it needs 'frontend' which is not available here).",
            "    tcp-check send-lf %[req.hdr(host)] => 'tcp-check send-lf' : '%[req.hdr(host)]' invalid log-format string (sample fetch <req.hdr(host)]> may not be reliably used here because it needs 'HTTP request headers' which is not available here).",
            "    tcp-check send-lf x foo => 'tcp-check send-lf' : expects 'comment' but got 'foo' as argument..",
            "    tcp-check send x comment => 'tcp-check send' : 'comment' expects a string as argument..",
            "    tcp-check expect on-success %[nosuch] string x => 'tcp-check expect' : '%[nosuch]' invalid log-format string (failed to parse sample expression <nosuch]> : unknown fetch method 'nosuch').",
            "    tcp-check expect on-error \"\" string x => 'tcp-check expect' : 'on-error' expects a string as argument.",
            "    tcp-check expect status-code nosuch string x => 'tcp-check expect' : error detected while parsing status-code expression : unknown fetch method 'nosuch'.",
            "    http-check send uri-lf %[nosuch] => 'http-check send' : '%[nosuch]' invalid log-format string (failed to parse sample expression <nosuch]> : unknown fetch method 'nosuch').",
            "    http-check send body-lf %[method] => 'http-check send' : '%[method]' invalid log-format string (sample fetch <method]> may not be reliably used here because it needs 'HTTP request' which is not available here).",
            "    http-check send hdr X %[nosuch] => 'http-check send' : failed to parse sample expression <nosuch]> : unknown fetch method 'nosuch'.",
            "    http-check send uri-lf => 'http-check send' : 'uri-lf' expects a string as argument..",
            "    tcp-check expect string-lf %[nosuch] => 'tcp-check expect' : '%[nosuch]' invalid log-format string (failed to parse sample expression <nosuch]> : unknown fetch method 'nosuch').",
            "    http-check expect binary-lf 41 => 'http-check expect' : 'only supports min-recv, [!]string', '[!]rstring', '[!]string-lf', '[!]status', '[!]rstatus', [!]hdr, [!]fhdr or comment but got 'binary-lf' as argument..",
            "    tcp-check expect string-lf => 'tcp-check expect' : 'string-lf' expects a <pattern> as argument."})
    void badCheckConfigurationIsRefusedAsHaproxyRefusesIt(String line, String message) throws Exception {
        String text = HEAD + line + "\n";
        int lineNo = 8;
        List<Diagnostic> alerts = ConfigLoader.standard().loadText("t.cfg", text).diagnostics().alerts();
        assertThat(alerts).as("alerts for %s", line).isNotEmpty();
        assertThat(alerts.getFirst().message()).endsWith(message.substring(message.indexOf(" : ") + 3));
        assertThat(alerts.getFirst().location().line()).isEqualTo(lineNo);
        String ours = alerts.getFirst().format(1).replaceFirst("^\\[ALERT] +\\(1\\) : ", "");

        if (Haproxy.available()) {
            Haproxy.Result r = Haproxy.check(dir, text);
            String theirs = r.firstAlert();
            assertThat(ours).isEqualTo(theirs);
            assertThat(r.status()).isNotZero();
        }
    }
}
