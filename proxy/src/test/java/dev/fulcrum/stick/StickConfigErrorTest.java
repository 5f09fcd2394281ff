package dev.fulcrum.stick;

import dev.fulcrum.config.ConfigLoader;
import dev.fulcrum.config.Diagnostic;
import dev.fulcrum.testing.Haproxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Bad {@code stick-table} lines and stick counter rules and samples: Fulcrum must
 * refuse each with the same first alert as {@code haproxy -c} 2.6 (message, file
 * and line), and accept what haproxy accepts.
 */
class StickConfigErrorTest {

    private static final String DEFAULTS = """
            defaults
              mode http
              timeout client 3s
              timeout server 3s
              timeout connect 1s
            """;

    private static Path dir;

    @BeforeAll
    static void setUp() throws Exception {
        dir = Files.createTempDirectory("stick-errors");
    }

    @AfterAll
    static void tearDown() throws Exception {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    /**
     * A frontend {@code f} with {@code lines} (separated by {@code ;}), and a backend {@code b} with a table;
     * lines written with {@code STICK} go to a backend {@code be} instead, as {@code stick}.
     */
    private static String config(String lines) {
        if (lines.contains("STICK")) {
            return DEFAULTS + """
                    frontend f
                      bind 127.0.0.1:1
                      default_backend be
                    backend st
                      stick-table type string size 10
                    backend be
                    %s
                      server s1 127.0.0.1:2
                    """.formatted(Arrays.stream(lines.replace("STICK", "stick").split(";"))
                    .map(l -> "  " + l.trim()).reduce((a, c) -> a + "\n" + c).orElse(""));
        }
        return DEFAULTS + """
                frontend f
                  bind 127.0.0.1:1
                %s
                  default_backend b
                backend b
                  stick-table type integer size 10 store gpc0
                  server s1 127.0.0.1:2
                """.formatted(Arrays.stream(lines.split(";")).map(l -> "  " + l.trim())
                .reduce((a, c) -> a + "\n" + c).orElse(""));
    }

    private static String firstAlert(String output) {
        return Arrays.stream(output.split("\n")).filter(l -> l.startsWith("[ALERT]"))
                .map(l -> l.substring(l.indexOf(": config : ") + 11)).findFirst().orElse("(no alert)");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "stick-table",
            "stick-table type",
            "stick-table type foo size 1",
            "stick-table type ip",
            "stick-table type ip size",
            "stick-table type ip size 0",
            "stick-table type ip size x",
            "stick-table type ip size 1.5k",
            "stick-table size 1k",
            "stick-table type ip size 1k expire",
            "stick-table type ip size 1k expire 5x",
            "stick-table type ip size 1k expire 25d",
            "stick-table type ip size 1k store foo",
            "stick-table type ip size 1k store gpc0_rate",
            "stick-table type ip size 1k store gpc0_rate(x)",
            "stick-table type ip size 1k store gpc(0)",
            "stick-table type ip size 1k store gpc(101)",
            "stick-table type ip size 1k store gpc(2",
            "stick-table type ip size 1k store gpc_rate(2)",
            "stick-table type ip size 1k store conn_cnt(1)",
            "stick-table type ip size 1k store gpc(2),gpc0",
            "stick-table type ip size 1k store gpc_rate(2,1s),gpc0_rate(1s)",
            "stick-table type ip size 1k store gpt(2),gpt0",
            "stick-table type ip size 1k foo",
            "stick-table type string len 0 size 1k",
            "stick-table type string len x size 1k",
            "stick-table type ip len 4 size 1k",
            "stick-table type ip size 1k; stick-table type ip size 1k",
            "http-request track-sc0 src",
            "stick-table type ip size 1k; http-request track-sc0",
            "stick-table type ip size 1k; http-request track-sc0 src table",
            "stick-table type ip size 1k; http-request track-sc0 src table nope",
            "stick-table type ip size 1k; http-request track-sc0 src foo",
            "stick-table type ip size 1k; http-request track-sc3 src",
            "stick-table type ip size 1k; http-request track-sc0 res.hdr(x)",
            "stick-table type ip size 1k; http-request track-sc0 req.body",
            "stick-table type ip size 1k; http-request track-sc0 bool(1)",
            "stick-table type ip size 1k; http-request sc-inc-gpc0(3)",
            "stick-table type ip size 1k; http-request sc-inc-gpc0(x)",
            "stick-table type ip size 1k; http-request sc-inc-gpc0(1",
            "stick-table type ip size 1k; http-request sc-inc-gpc(1)",
            "stick-table type ip size 1k; http-request sc-inc-gpc(x,0)",
            "stick-table type ip size 1k; http-request sc-inc-gpc(0,x)",
            "stick-table type ip size 1k; http-request sc-inc-gpc(0,5)",
            "stick-table type ip size 1k; http-request sc-inc-gpc(1,0) foo",
            "stick-table type ip size 1k; http-request sc-inc-gpc0 foo",
            "stick-table type ip size 1k; http-request sc-set-gpt(0)",
            "stick-table type ip size 1k; http-request sc-set-gpt(x,0) 1",
            "stick-table type ip size 1k; http-request sc-set-gpt(0,3) 1",
            "stick-table type ip size 1k; http-request sc-set-gpt0(x) 1",
            "stick-table type ip size 1k; http-request sc-set-gpt0(5) 1",
            "stick-table type ip size 1k; http-request sc-set-gpt0(0) x",
            "stick-table type ip size 1k; http-request sc-set-gpt0(0) 1x",
            "stick-table type ip size 1k; http-request sc-set-gpt0(0) 1 foo",
            "stick-table type ip size 1k; http-request sc-set-gpt0(0) res.hdr(x)",
            "stick-table type ip size 1k; tcp-request connection sc-inc-gpc0(3)",
            "stick-table type ip size 1k; tcp-request connection track-sc3 src",
            "stick-table type ip size 1k; tcp-request connection track-sc0 src foo",
            "stick-table type ip size 1k; tcp-request connection track-sc0",
            "stick-table type ip size 1k; tcp-request connection track-sc0 req.hdr(x)",
            "stick-table type ip size 1k; tcp-request content track-sc0 src table f2",
            "http-request deny if { sc_http_req_cnt(0,nope) gt 1 }",
            "http-request deny if { src_conn_cnt gt 1 }",
            "http-request deny if { src_conn_cnt(b2) gt 1 }",
            "http-request deny if { sc_conn_cnt gt 1 }",
            "http-request deny if { sc0_conn_cnt(f) gt 1 }",
            "http-request deny if { src,table_conn_cnt(f) gt 1 }",
            "http-request deny if { src,table_conn_cnt gt 1 }",
            "http-request deny if { src,in_table(x) }",
            "http-request deny if { table_cnt(zz) gt 1 }",
            "http-request deny if { sc_get_gpt(0) gt 0 }",
            "http-request deny if { src,table_gpc(0) gt 0 }",
            "http-request deny if { src_get_gpc(200) gt 0 }",
            "http-request deny if { src_get_gpt(0) gt 0 }",
    })
    void sameFirstAlertAsHaproxy(String lines) throws Exception {
        Checked c = check(lines);
        Haproxy.Result haproxy = c.haproxy();
        List<Diagnostic> alerts = c.fulcrum().diagnostics().alerts();
        assertThat(haproxy.status()).as("haproxy -c refuses it").isNotZero();
        assertThat(alerts).as("Fulcrum refuses it").isNotEmpty();
        assertThat(firstAlert(alerts.getFirst().format(1))).isEqualTo(firstAlert(haproxy.output()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "stick-table type ip size 1k expire 30s nopurge store gpc0,gpc0_rate(10s),conn_cnt,conn_cur,conn_rate(3s)",
            "stick-table type ipv6 size 1m store http_req_cnt,http_req_rate(10s) store http_err_cnt,http_err_rate(10s)",
            "stick-table type string len 64 size 100 store gpc(3),gpc_rate(3,1m),gpt(2),bytes_in_cnt,bytes_out_rate(1s)",
            "stick-table type binary len 8 size 10 store server_id,sess_cnt,sess_rate(1s),http_fail_cnt,http_fail_rate(5s)",
            "stick-table type ip size 1k store gpc0,gpc0; http-request track-sc0 src; http-request track-sc1 src table b",
            "stick-table type ip size 1k; http-request sc-inc-gpc0; http-request sc-inc-gpc1(2); http-request sc-inc-gpc(5,1)",
            "stick-table type ip size 1k; http-request sc-set-gpt0 1; http-request sc-set-gpt0(0); http-request sc-set-gpt(1,2) src_port",
            "stick-table type ip size 1k; http-response track-sc2 src; http-response sc-inc-gpc0(2)",
            "stick-table type ip size 1k; tcp-request connection track-sc0 src; tcp-request session track-sc1 src",
            "stick-table type integer size 1k; http-request track-sc0 req.hdr(x)",
            "http-request deny if { sc_conn_cnt(5) gt 1 } || { sc0_tracked(b) } || { sc_get_gpt(100,0) gt 0 }",
            "http-request deny if { src,table_gpc(200,b) gt 0 } || { table_avl(b) lt 1 } || { src_updt_conn_cnt(b) gt 0 }",
    })
    void acceptedLikeHaproxy(String lines) throws Exception {
        Checked c = check(lines);
        assertThat(c.haproxy().status()).as(c.haproxy().output()).isZero();
        assertThat(c.fulcrum().diagnostics().alerts()).isEmpty();
    }

    private record Checked(Haproxy.Result haproxy, ConfigLoader.Result fulcrum) {
    }

    /** Checks the configuration made of {@code lines} with haproxy -c and with Fulcrum. */
    private static Checked check(String lines) throws Exception {
        assumeTrue(Haproxy.available(), "haproxy 2.6 installed");
        String text = config(lines);
        Path file = dir.resolve("c" + Math.abs(lines.hashCode()) + ".cfg");
        Files.writeString(file, text);
        return new Checked(Haproxy.check(file), ConfigLoader.standard().loadText(file.toString(), text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "stick on src",
            "stick-table type ip size 1k; stick on",
            "stick-table type ip size 1k; stick foo src",
            "stick-table type ip size 1k; stick",
            "stick-table type ip size 1k; stick on src table",
            "stick-table type ip size 1k; stick on src table nope",
            "stick-table type ip size 1k; stick on src foo",
            "stick-table type ip size 1k; stick on bool(1)",
            "stick-table type ip size 1k; stick on res.hdr(x)",
            "stick-table type ip size 1k; stick match res.hdr(x)",
            "stick-table type ip size 1k; stick store-response req.hdr(x)",
            "stick-table type ip size 1k; stick on nope",
            "stick-table type ip size 1k; stick on src if nope",
            "stick-table type string size 1k; stick on req.hdr(x) table f",
            "stick-table type ip size 1k; option persist foo",
    })
    void stickRulesHaveHaproxysFirstAlert(String lines) throws Exception {
        Checked c = check(lines.replace("stick", "STICK"));
        assertThat(c.haproxy().status()).as("haproxy -c refuses it").isNotZero();
        assertThat(c.fulcrum().diagnostics().alerts()).as("Fulcrum refuses it").isNotEmpty();
        assertThat(firstAlert(c.fulcrum().diagnostics().alerts().getFirst().format(1)))
                .isEqualTo(firstAlert(c.haproxy().output()));
    }

    @Test
    void stickRulesHaproxyAcceptsAreAccepted() throws Exception {
        Checked c = check("STICK-table type ip size 1k expire 1m; STICK on src; STICK match req.hdr(x) table st; "
                + "STICK store-request src if { src 127.0.0.1 }; STICK store-response res.hdr(x-id) table st; "
                + "option persist; no option persist; server s2 127.0.0.1:3 non-stick; server s3 127.0.0.1:4 stick");
        assertThat(c.haproxy().status()).as(c.haproxy().output()).isZero();
        assertThat(c.fulcrum().diagnostics().alerts()).isEmpty();
    }

    @Test
    void peersAndSrvkeyAreRefusedAsNotSupportedYet() {
        for (String opt : List.of("peers p", "srvkey name")) {
            ConfigLoader.Result r = ConfigLoader.standard().loadText("t.cfg", config("stick-table type ip size 1k " + opt));
            Diagnostic first = r.diagnostics().alerts().getFirst();
            assertThat(first.message()).contains("not supported yet by Fulcrum");
            assertThat(first.location().line()).isEqualTo(8);
        }
    }
}
