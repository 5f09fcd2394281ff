package dev.fulcrum.main;

import dev.fulcrum.testing.Haproxy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Whole alert texts of invalid statements, compared with {@code haproxy -c} 2.6
 * line for line: the message, its location style ({@code parsing [f:l] :},
 * {@code Parsing [f:l]:} for formats haproxy compiles after reading), whether
 * the load stops at the statement (an invalid HTTP rule stops it: the unknown
 * keyword on the next line is never reported) and the closing summaries.
 * Each case is one statement placed in a frontend, followed by an unknown keyword.
 */
class ConfigMessagesDifferentialTest {

    private static final Pattern ALERT = Pattern.compile("^\\[ALERT] +\\(\\d+\\) : (.*)$", Pattern.MULTILINE);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "http-request bogus",
            "http-response bogus",
            "http-after-response bogus",
            "http-request deny if unknown_acl",
            "http-request set-header X %zz",
            "http-request set-header X %[str(a)",
            "http-request set-header X %[str(a),concat(-,b,-)]",
            "http-request set-var-fmt(txn.x) \"%[str(a),strcmp(b)]\"",
            "http-request redirect location %[unknown_fetch]",
            "http-request return status 200 string \"x\"",
            "http-request return status 200 file /etc/hostname",
            "http-request return status 200 lf-string \"%[str(a)]\"",
            "http-request return status 200 lf-file /etc/hostname",
            "http-request return status 200 content-type text/plain string \"\"",
            "http-request return status 200 content-type text/plain lf-string \"\"",
            "http-request return status 200 errorfile \"\"",
            "http-request deny deny_status 200 lf-string \"x\"",
            "http-response set-header X %[str(a),field(0,.)]",
            "tcp-request content bogus",
            "log-format \"%zz\"",
            "log-format \"%[str(a),concat(-,b,-)]\"",
            "unique-id-format \"%[str(a),concat(-,b,-)]\"",
            "use_backend %[str(a),concat(-,b,-)]",
            "acl a path_beg -m",
            "http-request deny if { hdr(x-empty) \"\" }",
            "use_backend be if { path /x } \"\" { path /y }",
    })
    void sameAlertsAsHaproxy(String statement) throws IOException, InterruptedException {
        assumeTrue(Haproxy.available(), "haproxy is not installed");
        String config = """
                defaults
                  mode http
                  timeout client 1s
                  timeout server 1s
                  timeout connect 1s
                frontend fe
                  bind 127.0.0.1:1
                  %s
                  not_a_keyword
                  default_backend be
                backend be
                  server s1 127.0.0.1:2
                """.formatted(statement);
        Path file = Files.createTempFile("messages", ".cfg");
        try {
            Files.writeString(file, config);
            Haproxy.Result h = Haproxy.check(file);
            InProcessCheck f = InProcessCheck.of(file);
            String fulcrum = f.output();
            assertThat(f.status()).as(fulcrum).isEqualTo(h.status());
            assertThat(alerts(fulcrum)).as("haproxy said:\n%s\nFulcrum said:\n%s", h.output(), fulcrum)
                    .isEqualTo(alerts(h.output()));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static List<String> alerts(String output) {
        return ALERT.matcher(output).results().map(m -> m.group(1)).toList();
    }
}
