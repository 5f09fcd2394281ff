package dev.fulcrum.config;

import dev.fulcrum.config.Diagnostic.Style;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Messages, locations and outcomes of configuration errors and warnings. Every
 * expectation here was obtained by running {@code haproxy -c} 2.6 on the same
 * configuration (the differential corpus test re-checks such files against the
 * installed haproxy; this test keeps the facts when haproxy is absent).
 */
class HaproxyMessagesTest {

    private static final String DEFAULTS = """
            defaults
                mode http
                timeout connect 5s
                timeout client 30s
                timeout server 30s
            """;

    private static ConfigLoader.Result load(String text) {
        return ConfigLoader.standard().loadText("t.cfg", text);
    }

    /** Loads defaults + {@code body}; the first line of {@code body} is line 6. */
    private static List<Diagnostic> alerts(String body) {
        return load(DEFAULTS + body).diagnostics().alerts();
    }

    private static Diagnostic onlyAlert(String body) {
        List<Diagnostic> alerts = alerts(body);
        assertThat(alerts).hasSize(1);
        return alerts.getFirst();
    }

    private static List<String> warnings(String text) {
        ConfigLoader.Result r = load(text);
        assertThat(r.diagnostics().alerts()).isEmpty();
        return r.diagnostics().warnings().stream().map(Diagnostic::message).toList();
    }

    @Test
    void timersThatWouldOverflowAreRefused() {
        Diagnostic d = onlyAlert("backend b\n    timeout queue 9999999999d\n");
        assertThat(d.message()).isEqualTo("timer overflow in argument '9999999999d' to 'timeout queue' "
                + "(maximum value is 2147483647 ms or ~24.8 days)");
        assertThat(d.location().line()).isEqualTo(7);
    }

    @Test
    void extraWordsOnADefaultsLineAreIgnored() {
        assertThat(load("defaults base extra words\n    mode http\n").diagnostics().alerts()).isEmpty();
    }

    @Test
    void aProxyLineWithFromAndAnAddressGetsBothMessages() {
        List<Diagnostic> a = load("defaults b\nfrontend fe from b extra\n    bind :8080\n").diagnostics().alerts();
        assertThat(a).extracting(Diagnostic::message).containsExactly(
                "'frontend' cannot handle unexpected argument 'extra'.",
                "please use the 'bind' keyword for listening addresses.");
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", quoteCharacter = '"', value = {
            "frontends fe => unknown keyword 'frontends' in 'defaults' section; did you mean 'frontend' maybe ?",
            "option zzzzzzzz => unknown option 'zzzzzzzz'.",
            "option httplogg => unknown option 'httplogg'; did you mean 'httplog' maybe ?"})
    void suggestionsEndTheSentenceOrAFullStopDoes(String line, String message) {
        assertThat(onlyAlert("    " + line + "\n").message()).isEqualTo(message);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", quoteCharacter = '"', value = {
            "server s1 127.0.0.1:9000 wieght 10 => 'server be/s1' : unknown keyword 'wieght'; did you mean 'weight' maybe ?",
            "server s1 127.0.0.1:9000 zzzzzz => 'server be/s1' : unknown keyword 'zzzzzz'.",
            "server s1 127.0.0.1:9000 weight 300 => 'server be/s1' : weight of server s1 is not within 0 and 256 (300)..",
            "server s1 127.0.0.1:9000 id abc => 'server be/s1' : 'id' : custom id has to be > 0.",
            "default-server weight 300 => weight of server default-server is not within 0 and 256 (300)..",
            "server s1 127.0.0.1.1:9000 => 'server be/s1' : could not resolve address '127.0.0.1.1'."})
    void serverLineMessages(String line, String message) {
        Diagnostic d = onlyAlert("backend be\n    " + line + "\n");
        assertThat(d.message()).isEqualTo(message);
        assertThat(d.style()).isEqualTo(Style.BARE);
    }

    /** haproxy reads these with atol(): a missing or malformed value is not an error. */
    @Test
    void serverCountsAreReadLikeAtol() {
        ConfigLoader.Result r = load(DEFAULTS
                + "backend be\n    server s1 127.0.0.1:9000 maxconn 10k weight 5x\n    server s2 127.0.0.1:9001 id 1x maxqueue\n");
        assertThat(r.diagnostics().alerts()).isEmpty();
        ServerConfig s1 = r.config().backend("be").server("s1");
        assertThat(s1.get(dev.fulcrum.server.ServerSettings.MAXCONN)).isEqualTo(10);
        assertThat(s1.get(dev.fulcrum.server.ServerSettings.WEIGHT)).isEqualTo(5);
        ServerConfig s2 = r.config().backend("be").server("s2");
        assertThat(s2.get(dev.fulcrum.server.ServerSettings.ID)).isEqualTo(1);
        assertThat(s2.get(dev.fulcrum.server.ServerSettings.MAXQUEUE)).isZero();
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", quoteCharacter = '"', value = {
            "name => 'name' : missing name",
            "id => 'id' : expects an integer argument",
            "id x => 'id' : expects an integer argument, found 'x'",
            "id 0 => 'id' : custom id has to be > 0",
            "maxconn => 'maxconn' : missing value",
            "maxconn -1 => 'maxconn' : invalid value -1, must be >= 0",
            "backlog => 'backlog' : missing value"})
    void bindOptionMessages(String options, String message) {
        Diagnostic d = onlyAlert("frontend fe\n    bind :8080 " + options + "\n");
        assertThat(d.message()).isEqualTo("'bind :8080' in section 'frontend' : " + message);
        assertThat(d.style()).isEqualTo(Style.PARSING);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", quoteCharacter = '"', value = {
            "tcp9@127.0.0.1:8080 => 'bind' : invalid address: 'tcp9@127.0.0.1' in 'tcp9@127.0.0.1:8080'",
            "foo@bar => 'bind' : missing port specification in 'foo@bar'",
            "[::1:80 => 'bind' : invalid address: '[::1' in '[::1:80'",
            "1.2.3.4.5:80 => 'bind' : invalid address: '1.2.3.4.5' in '1.2.3.4.5:80'",
            "127.0.0.256:80 => 'bind' : invalid address: '127.0.0.256' in '127.0.0.256:80'",
            "fd@1000 => 'bind' : cannot use file descriptor '1000' : Bad file descriptor."})
    void bindAddressMessages(String address, String message) {
        assertThat(onlyAlert("frontend fe\n    bind " + address + "\n").message()).isEqualTo(message);
    }

    /** inet_aton()'s short forms are addresses, not names (haproxy accepts them). */
    @Test
    void shortNumericAddressesAreAccepted() {
        assertThat(alerts("frontend fe\n    bind 127.1:8080\n    bind 999:8081\n    bind 010.1.1.1:8082\n"))
                .isEmpty();
    }

    @Test
    void nbthreadMessages() {
        assertThat(load("global\n    nbthread many\n").diagnostics().alerts().getFirst().message())
                .isEqualTo("'nbthread' passed a missing or unparsable integer value in 'many'");
        assertThat(load("global\n    nbthread 0\n").diagnostics().alerts().getFirst().message())
                .isEqualTo("'nbthread' value must be between 1 and 4096 (was 0)");
    }

    /** haproxy complains about the prefix, then parses the line without it. */
    @Test
    void negatingAKeywordThatIsNotAnOption() {
        List<Diagnostic> a = load("global\n    no maxconn 100\ndefaults\n    no timeout client\n")
                .diagnostics().alerts();
        String generic = "negation/default currently supported only for options, log, busy-polling, set-dumpable, "
                + "strict-limits, insecure-fork-wanted and numa-cpu-mapping.";
        assertThat(a).extracting(Diagnostic::message).containsExactly(generic, generic,
                "'timeout client' expects an integer value (in milliseconds)");
        assertThat(a.getFirst().style()).isEqualTo(Style.COMPACT);
    }

    /** haproxy 2.6 counts the option's own name as an argument after "default"; redispatch escapes it. */
    @Test
    void defaultPrefixOnOptions() {
        assertThat(onlyAlert("backend b\n    default option http-server-close\n").message())
                .isEqualTo("'option http-server-close' cannot handle unexpected argument 'http-server-close'.");
        assertThat(alerts("backend b\n    default option redispatch\n")).isEmpty();
    }

    @Test
    void duplicateCustomProxyIds() {
        List<Diagnostic> a = load("frontend fe\n id 5\n bind :80\nfrontend f2\n id 5\n id 6\nbackend b\n id 6\n")
                .diagnostics().alerts();
        assertThat(a).extracting(d -> d.location().line() + " " + d.message()).containsExactly(
                "5 frontend f2 reuses same custom id as frontend fe (declared at t.cfg:1).",
                "8 backend b reuses same custom id as frontend f2 (declared at t.cfg:4).");
    }

    /** Found after parsing, so it is reported even when the lines are far apart, and only then. */
    @Test
    void duplicateServerNames() {
        Diagnostic d = onlyAlert("backend be\n    server s1 127.0.0.1:9000\n    server s1 127.0.0.1:9001\n");
        assertThat(d.location().line()).isEqualTo(8);
        assertThat(d.message()).isEqualTo("backend 'be', another server named 's1' was already defined at line 7, "
                + "please use distinct names.");
    }

    @Test
    void httpFrontendsCannotUseTcpBackends() {
        String text = """
                defaults
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                frontend fe
                    mode http
                    bind 127.0.0.1:8080
                    use_backend raw if { path_beg /raw }
                    default_backend raw
                backend raw
                    mode tcp
                    server s1 127.0.0.1:9000
                """;
        assertThat(load(text).diagnostics().alerts()).extracting(Diagnostic::message).containsExactly(
                "http frontend 'fe' (t.cfg:5) tries to use incompatible tcp backend 'raw' (t.cfg:10) as its "
                        + "default backend (see 'mode').",
                "http frontend 'fe' (t.cfg:5) tries to use incompatible tcp backend 'raw' (t.cfg:10) in a "
                        + "'use_backend' rule (see 'mode').");
        // the other way round is fine
        assertThat(load(text.replace("mode http", "mode HTTP").replace("mode tcp", "mode http")
                .replace("mode HTTP", "mode tcp")).diagnostics().alerts()).isEmpty();
    }

    @Test
    void missingTimeoutsAndMissingBindAreWarnedPerProxy() {
        String help = "\nWhile not properly invalid, you will certainly encounter various problems\n"
                + "with such a configuration. To fix this, please ensure that all following\n"
                + "timeouts are set to a non-zero value: 'client', 'connect', 'server'.";
        List<String> w = warnings("""
                defaults
                    mode http
                frontend fe
                    bind 127.0.0.1:8080
                    default_backend be
                frontend off
                    disabled
                frontend nobind
                    timeout client 1s
                    default_backend be
                backend be
                    server s1 127.0.0.1:9000
                backend serverless
                listen both
                    bind 127.0.0.1:8081
                    timeout client 5s
                    timeout connect 5s
                    server s1 127.0.0.1:9000
                """);
        assertThat(w).containsExactly(
                "missing timeouts for frontend 'fe'." + help,
                "frontend 'nobind' has no 'bind' directive. Please declare it as a backend if this was intended.",
                "missing timeouts for backend 'be'." + help,
                "missing timeouts for proxy 'both'." + help);
    }

    @Test
    void missingTimeoutsPrintWithHaproxysContinuationLines() {
        List<String> w = warnings("frontend fe\n    bind :8080\n");
        assertThat(new Diagnostic(Severity.WARNING, SourceLocation.NONE, w.getFirst()).format(42)).isEqualTo("""
                [WARNING]  (42) : config : missing timeouts for frontend 'fe'.
                   | While not properly invalid, you will certainly encounter various problems
                   | with such a configuration. To fix this, please ensure that all following
                   | timeouts are set to a non-zero value: 'client', 'connect', 'server'.""");
    }

    @Test
    void httpOptionsOnTcpProxiesAreIgnoredWithAWarning() {
        List<String> w = warnings("""
                defaults
                    mode http
                    option forwardfor
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                listen raw
                    mode tcp
                    bind 127.0.0.1:8443
                    option originalto
                    option http-buffer-request
                    server s1 127.0.0.1:9443
                """);
        assertThat(w).containsExactlyInAnyOrder(
                "'option forwardfor' ignored for proxy 'raw' as it requires HTTP mode.",
                "'option originalto' ignored for proxy 'raw' as it requires HTTP mode.",
                "'option http-buffer-request' ignored for proxy 'raw' as it requires HTTP mode.");
    }
}
