package dev.fulcrum.check;

import dev.fulcrum.config.ConfigLoader;
import dev.fulcrum.config.Diagnostic;
import dev.fulcrum.testing.Haproxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TLS check options are read as haproxy reads them: certificate files are
 * loaded at parse time (a missing or broken one is an alert at its line), a
 * server whose checks verify certificates needs CAs, and bad values get
 * haproxy -c's message. Compared with the real haproxy when it is installed.
 */
class TlsCheckConfigTest {

    @TempDir
    Path dir;

    private static final String HEAD = """
            defaults
                mode http
                timeout connect 1s
                timeout client 1s
                timeout server 1s
            backend bk
            """;

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
            "    server s1 127.0.0.1:2 check check-ssl => 'server bk/s1' : verify is enabled by default but no CA file specified. If you're running on a LAN where you're certain to trust the server's certificate, please set an explicit 'verify none' statement on the 'server' line, or use 'ssl-server-verify none' in the global section to disable server-side verifications by default.",
            "    server s1 127.0.0.1:2 check-ssl ca-file ${DIR}/none.pem => 'server bk/s1' : Couldn't open the ca-file '${DIR}/none.pem' (No such file or directory).",
            "    server s1 127.0.0.1:2 check-ssl ca-file ${DIR}/junk.pem => 'server bk/s1' : Couldn't open the ca-file '${DIR}/junk.pem' (no certificate or crl found).",
            "    server s1 127.0.0.1:2 check-ssl verify none crt ${DIR}/none.pem => 'server bk/s1' : unable to stat SSL certificate from file '${DIR}/none.pem' : No such file or directory.",
            "    server s1 127.0.0.1:2 check-ssl verify none crt ${DIR}/junk.pem => 'server bk/s1' : unable to load certificate from file '${DIR}/junk.pem'.",
            "    server s1 127.0.0.1:2 check-ssl verify none crt ${DIR}/certonly.pem => 'server bk/s1' : No Private Key found in '${DIR}/certonly.pem.key'.",
            "    server s1 127.0.0.1:2 check verify maybe => 'server bk/s1' : 'verify' : unknown verify method 'maybe', only 'none' and 'required' are supported.",
            "    server s1 127.0.0.1:2 check ssl-min-ver TLSv1.4 => 'server bk/s1' : 'TLSv1.4' : unknown ssl/tls version.",
            "    option tcp-check\\n    tcp-check connect ssl\\n    server s1 127.0.0.1:2 => 'server bk/s1' : verify is enabled by default but no CA file specified. If you're running on a LAN where you're certain to trust the server's certificate, please set an explicit 'verify none' statement on the 'server' line, or use 'ssl-server-verify none' in the global section to disable server-side verifications by default.",
            "    tcp-check connect sni => 'tcp-check connect' : 'sni' expects a string as argument..",
            "    tcp-check connect alpn => 'tcp-check connect' : 'alpn' : missing the comma-delimited ALPN protocol suite.",
            "    server s1 127.0.0.1:2 check check-ssl verify none ciphers FOO => 'server bk/s1' : unable to set SSL cipher list to 'FOO'.",
            "    server s1 127.0.0.1:2 check check-ssl verify none ciphers FOO:BAR => 'server bk/s1' : unable to set SSL cipher list to 'FOO:BAR'.",
            "    server s1 127.0.0.1:2 check check-ssl verify none ciphersuites FOO => 'server bk/s1' : unable to set TLS 1.3 cipher suites to 'FOO'.",
            "    server s1 127.0.0.1:2 check check-ssl verify none ciphers => 'server bk/s1' : 'ciphers' : missing cipher suite.",
            "    server s1 127.0.0.1:2 check check-ssl verify none ciphersuites => 'server bk/s1' : 'ciphersuites' : missing cipher suite."})
    void badTlsCheckConfigurationIsRefusedAsHaproxyRefusesIt(String lines, String message) throws Exception {
        Files.writeString(dir.resolve("junk.pem"), "garbage\n");
        Files.copy(Path.of(TestTls.path("server.pem")), dir.resolve("certonly.pem"));
        String body = lines.replace("\\n", "\n").replace("${DIR}", dir.toString());
        String expected = message.replace("${DIR}", dir.toString());
        String text = HEAD + body + "\n";
        int lineNo = 7 + (int) body.chars().filter(c -> c == '\n').count();
        List<Diagnostic> alerts = ConfigLoader.standard().loadText("t.cfg", text).diagnostics().alerts();
        assertThat(alerts).as("alerts for %s", body).isNotEmpty();
        assertThat(alerts.getFirst().message()).endsWith(expected.substring(expected.indexOf(" : ") + 3));
        assertThat(alerts.getFirst().location().line()).isEqualTo(lineNo);
        String ours = alerts.getFirst().format(1).replaceFirst("^\\[ALERT] +\\(1\\) : ", "");
        if (Haproxy.available()) {
            Haproxy.Result r = Haproxy.check(dir, text);
            String theirs = r.firstAlert();
            assertThat(ours).isEqualTo(theirs);
            assertThat(r.status()).isNotZero();
        }
    }

    @Test
    void globalCipherDefaultsAreCheckedOnTheServersThatUseThem() throws Exception {
        for (String[] c : new String[][] {
                {"ssl-default-server-ciphers FOO", "[t.cfg:9] : 'server bk/s1' : unable to set SSL cipher list to 'FOO'."},
                {"ssl-default-server-ciphersuites FOO",
                        "[t.cfg:9] : 'server bk/s1' : unable to set TLS 1.3 cipher suites to 'FOO'."},
                {"ssl-default-server-ciphers", "parsing [t.cfg:2] : global statement 'ssl-default-server-ciphers' "
                        + "expects a cipher suite as an argument."}}) {
            String text = "global\n    " + c[0] + "\n" + HEAD + "    server s1 127.0.0.1:2 check check-ssl verify none\n";
            List<Diagnostic> alerts = ConfigLoader.standard().loadText("t.cfg", text).diagnostics().alerts();
            assertThat(alerts).as(c[0]).isNotEmpty();
            String ours = alerts.getFirst().format(1).replaceFirst("^\\[ALERT] +\\(1\\) : config : ", "");
            assertThat(ours).isEqualTo(c[1]);
            if (Haproxy.available()) {
                assertThat(ours).isEqualTo(Haproxy.check(dir, text).firstAlert().replaceFirst("^config : ", ""));
            }
        }
    }

    @Test
    void goodTlsCheckOptionsAreAccepted() throws Exception {
        String text = HEAD.replace("defaults", "global\n    ssl-server-verify none\ndefaults") + """
                    default-server check-ssl verifyhost check.fulcrum.test
                    server s1 127.0.0.1:2 check
                    server s2 127.0.0.1:2 check verify required ca-file ${CA} verifyhost other.test check-sni check.fulcrum.test
                    server s3 127.0.0.1:2 check no-check-ssl
                    server s4 127.0.0.1:2 check ca-file ${CA} verify required crt ${CRT} check-alpn h2,http/1.1
                    server s5 127.0.0.1:2 check ssl-min-ver TLSv1.2 ssl-max-ver TLSv1.3 ca-file @system-ca
                    server s6 127.0.0.1:2 check crt ${CRTONLY} ca-file ${CA} check-alpn ,
                    server s7 127.0.0.1:2 check ciphers ECDHE-ECDSA-AES128-GCM-SHA256:FOO ciphersuites TLS_AES_128_GCM_SHA256:FOO
                    server s8 127.0.0.1:2 check ciphers HIGH:!aNULL:!MD5:@STRENGTH ciphersuites TLS_AES_256_GCM_SHA384
                    server s9 127.0.0.1:2 check ciphers ECDHE+AESGCM:-aRSA:+SHA384
                    server s10 127.0.0.1:2 check no-check-ssl ciphers FOO
                """.replace("${CA}", TestTls.path("ca.pem")).replace("${CRT}", TestTls.path("client.pem"))
                .replace("${CRTONLY}", TestTls.path("server-bundle.pem"));
        ConfigLoader.Result r = ConfigLoader.standard().loadText("t.cfg", text);
        assertThat(r.diagnostics().alerts()).isEmpty();
        if (Haproxy.available()) {
            Haproxy.Result h = Haproxy.check(dir, text);
            assertThat(h.output()).doesNotContain("[ALERT]");
            assertThat(h.output()).contains("Configuration file has no error");
        }
    }
}
