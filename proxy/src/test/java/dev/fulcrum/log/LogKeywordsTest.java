package dev.fulcrum.log;

import dev.fulcrum.config.Address;
import dev.fulcrum.config.ConfigLoader;
import dev.fulcrum.config.Diagnostic;
import dev.fulcrum.config.ProxyConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Accepted forms and error messages of the logging keywords; the messages are
 * those of {@code haproxy -c} 2.6.12 on the same lines (each was run through
 * it), except where haproxy prints no reason at all.
 */
class LogKeywordsTest {

    private static ConfigLoader.Result load(String global, String body) {
        String text = "global\n" + global + "\ndefaults\n mode http\n timeout client 1s\n timeout server 1s\n"
                + " timeout connect 1s\nfrontend fe\n bind 127.0.0.1:9\n" + body + "\n";
        return ConfigLoader.standard().loadText("t.cfg", text);
    }

    private static ProxyConfig frontend(String global, String body) {
        ConfigLoader.Result r = load(global, body);
        assertThat(r.diagnostics().alerts()).isEmpty();
        return r.config().frontend("fe");
    }

    private static String alert(String body) {
        List<Diagnostic> alerts = load("", body).diagnostics().alerts();
        assertThat(alerts).hasSize(1);
        assertThat(alerts.getFirst().location().line()).isEqualTo(10);
        return alerts.getFirst().message();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "log                                  | log : expects <address> and <facility> or global as arguments",
            "log 127.0.0.1                        | log : expects <address> and <facility> or global as arguments",
            "log 127.0.0.1 foo                    | log : unknown log facility 'foo'",
            "log global x                         | log : unknown log facility 'x'",
            "log 127.0.0.1 local0 foo             | log : unknown optional log level 'foo'",
            "log 127.0.0.1 local0 info bar        | log : unknown optional minimum log level 'bar'",
            "log 127.0.0.1 local0 info err x      | log : cannot handle unexpected argument 'x'",
            "log 127.0.0.1 format foo local0      | log : unknown log format 'foo'",
            "log 127.0.0.1 sample 1:0 local0      | log : wrong sample size '0' for sample range '1'",
            "log 127.0.0.1 sample x local0        | log : Missing sample size",
            "log 127.0.0.1 len 100 local0 len 2   | log : unknown optional log level 'len'",
            "no log x                             | log : 'no log' does not expect arguments",
            "log-format                           | log-format expects an argument.",
            "log-format a b                       | log-format expects only one argument, don't forget to escape spaces!",
            "unique-id-format a b                 | unique-id-format expects only one argument, don't forget to escape spaces!",
            "log-tag                              | 'log-tag' expects a tag for use in syslog.",
            "unique-id-header                     | unique-id-header expects an argument.",
            "option httplog foo                   | keyword 'httplog' only supports option 'clf'.",
            "option httplog clf x                 | 'option httplog' cannot handle unexpected argument 'x'.",
            "option tcplog x                      | 'option tcplog' cannot handle unexpected argument 'x'.",
            "option dontlognull x                 | 'option dontlognull' cannot handle unexpected argument 'x'.",
            "log-format-sd                        | log-format-sd expects an argument.",
    })
    void refusesWhatHaproxyRefuses(String line, String message) {
        assertThat(alert(" " + line)).isEqualTo(message);
    }

    @Test
    void sampleSizeMustCoverTheRanges() {
        assertThat(alert(" log 127.0.0.1 sample 3:2 local0"))
                .isEqualTo("log : sample size 2 should be greater or equal to 3 the maximum of the high ranges limits");
    }

    @Test
    void badFormatStringsNameTheStatement() {
        assertThat(alert(" log-format %zz")).isEqualTo("failed to parse log-format : no such format variable 'zz'. "
                + "If you wanted to emit the '%' character verbatim, you need to use '%%'.");
        assertThat(alert(" unique-id-format %zz")).startsWith("failed to parse unique-id : no such format variable");
    }

    @Test
    void lengthsOutsideHaproxysRangeAreRefusedWithAReason() {
        assertThat(alert(" log 127.0.0.1 len 10 local0")).isEqualTo("log : invalid log length '10' (expected: 80-65535)");
        assertThat(alert(" log 127.0.0.1 len 70000 local0")).contains("invalid log length '70000'");
    }

    @Test
    void ringAndTcpTargetsAreNotSupportedYet() {
        assertThat(alert(" log ring@buf local0")).contains("not supported yet by Fulcrum");
        assertThat(alert(" log tcp@127.0.0.1:514 local0")).contains("not supported yet by Fulcrum");
    }

    @Test
    void parsesTargetsOfEveryKind() {
        ProxyConfig fe = frontend(" log 127.0.0.1 local0", """
                 log global
                 log udp@127.0.0.1:5514 len 4096 format rfc5424 sample 1,3-4:5 local1 notice err
                 log /dev/log local2
                 log stdout format raw daemon
                 log stderr format short daemon
                 log fd@1 user
                 log [::1]:1514 local7
                """);
        List<LogTarget> t = fe.get(LogSettings.TARGETS);
        assertThat(t).hasSize(7);
        assertThat(t.get(0).isGlobal()).isTrue();
        LogTarget udp = t.get(1);
        assertThat(udp.address()).isInstanceOf(Address.Inet.class);
        assertThat(((Address.Inet) udp.address()).portLow()).isEqualTo(5514);
        assertThat(udp.maxLength()).isEqualTo(4096);
        assertThat(udp.format()).isEqualTo(SyslogFormat.RFC5424);
        assertThat(udp.facility()).isEqualTo(Facility.LOCAL1);
        assertThat(udp.maxLevel()).isEqualTo(Level.NOTICE);
        assertThat(udp.minLevel()).isEqualTo(Level.ERR);
        assertThat(udp.sampling().size()).isEqualTo(5);
        assertThat(List.of(1L, 2L, 3L, 4L, 5L, 6L).stream().map(n -> udp.sampling().takes(n - 1)))
                .containsExactly(true, false, true, true, false, true);
        assertThat(t.get(2).address()).isEqualTo(new Address.Unix("/dev/log"));
        assertThat(t.get(3).address()).isEqualTo(new Address.Fd(1));
        assertThat(t.get(4).address()).isEqualTo(new Address.Fd(2));
        assertThat(t.get(5).address()).isEqualTo(new Address.Fd(1));
        assertThat(((Address.Inet) t.get(6).address()).host()).isEqualTo("::1");
        LogTarget noPort = frontend("", " log 127.0.0.1 local0").get(LogSettings.TARGETS).getFirst();
        assertThat(((Address.Inet) noPort.address()).portLow()).isEqualTo(514);
    }

    @Test
    void proxiesInheritTargetsAndOptionsFromDefaults() {
        String text = """
                defaults
                  mode http
                  log 127.0.0.1 local0
                  option httplog
                  option dontlognull
                  timeout client 1s
                  timeout server 1s
                  timeout connect 1s
                frontend a
                  bind 127.0.0.1:9
                frontend b
                  bind 127.0.0.1:10
                  no log
                  no option dontlognull
                  option tcplog
                frontend c
                  bind 127.0.0.1:11
                  option httplog clf
                  log-format "%ci"
                """;
        ConfigLoader.Result r = ConfigLoader.standard().loadText("t.cfg", text);
        assertThat(r.diagnostics().alerts()).isEmpty();
        ProxyConfig a = r.config().frontend("a");
        ProxyConfig b = r.config().frontend("b");
        ProxyConfig c = r.config().frontend("c");
        assertThat(a.get(LogSettings.TARGETS)).hasSize(1);
        assertThat(a.get(LogSettings.FORMAT)).isEqualTo(TrafficFormat.HTTPLOG);
        assertThat(a.get(LogSettings.DONTLOGNULL)).isTrue();
        assertThat(b.get(LogSettings.TARGETS)).isEmpty();
        assertThat(b.get(LogSettings.FORMAT)).isEqualTo(TrafficFormat.TCPLOG);
        assertThat(b.get(LogSettings.DONTLOGNULL)).isFalse();
        assertThat(c.get(LogSettings.FORMAT).kind()).isEqualTo(TrafficFormat.Kind.CUSTOM);
        assertThat(c.get(LogSettings.FORMAT).format().toString()).isEqualTo("%ci");
    }
}
