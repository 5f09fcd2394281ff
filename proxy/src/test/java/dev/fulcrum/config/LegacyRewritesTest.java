package dev.fulcrum.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The legacy rewriting keywords: what they translate into, per their HAProxy 1.x
 * definitions (a regex over each raw "Name: value" header line or over the request
 * line) and the 2.6 definitions of the modern actions (a regex over a header's
 * value, over the URI). The refusal messages are haproxy 2.6's.
 */
class LegacyRewritesTest {

    /** Lexes a configuration line, as the reader would, then translates it. */
    private static String translate(String line) throws LexException {
        List<String> words = ConfigLexer.split(line, name -> null);
        List<String> modern = LegacyRewrites.translate(words.getFirst(), words.subList(1, words.size()));
        return modern == null ? null : LegacyRewrites.render(modern);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", quoteCharacter = '"', value = {
            // header line regexes: the name and the blanks after the colon leave the regex
            "rspirep ^Location:\\ http://a(.*) Location:\\ https://a\\1 => http-response replace-header Location (?i)^http://a(.*) 'https://a\\1'",
            "rsprep ^Server:.* Server:\\ hidden => http-response replace-header Server ^.* hidden",
            "reqrep ^X-Env:\\s*dev X-Env:\\ prod if { src 127.0.0.1 } => http-request replace-header X-Env ^dev prod if { src 127.0.0.1 }",
            // the request line: method captured and put back, the rest is the URI
            "reqirep ^([^\\ :]*)\\ /old/(.*) \\1\\ /new/\\2 => http-request replace-uri (?i)^/old/(.*) '/new/\\1'",
            "reqadd X-Proxy:\\ fulcrum => http-request add-header X-Proxy fulcrum",
            "rspadd Cache-Control:\\ no-cache unless { status 200 } => http-response add-header Cache-Control no-cache unless { status 200 }",
            "reqidel ^X-Debug:.* => http-request del-header X-Debug",
            "rspdel ^Server: => http-response del-header Server",
            "block if { path_beg /admin } => http-request deny if { path_beg /admin }",
            "redispatch => option redispatch",
            // the header name inside the first group, put back by \1: the group now starts the value
            "reqirep ^(X-Foo:.*)\\ a \\1\\ b => http-request replace-header X-Foo '(?i)^(.*) a' '\\1 b'",
            "rspirep ^(Set-Cookie:.*)\\ Path=(.*) \\1\\ Path=/app\\2 => http-response replace-header Set-Cookie '(?i)^(.*) Path=(.*)' '\\1 Path=/app\\2'"})
    void translatesTheCommonShapes(String legacy, String modern) throws LexException {
        assertThat(translate(legacy)).isEqualTo(modern);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", quoteCharacter = '"', value = {
            "rsprep ^Location:(.*) X-Old-Location:\\1 => the line renamed to another header",
            "reqrep ^GET\\ (.*) POST\\ \\1 => the method changed",
            "reqirep ^([^\\ :]*)\\ /a(.*) \\1\\ /b\\2\\ \\0 => refers to the whole line",
            "rspirep ^(Set-Cookie:.*) X-Cookie:\\ \\1 => the line renamed, the group not first",
            "reqdeny ^X-Bad => any line, no single-header equivalent",
            "reqdel ^X-(Foo|Bar) => a regex over several names",
            "reqadd no-colon-here => not a header line",
            "redispatch 5 => an argument"})
    void refusesWhatHasNoAutomaticEquivalent(String legacy, String why) throws LexException {
        assertThat(translate(legacy)).as(why).isNull();
    }

    @Test
    void theLineIsParsedAsItsModernFormWithAWarningThatPrintsIt() {
        ConfigLoader.Result r = ConfigLoader.standard().loadText("t.cfg", """
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                backend be
                    redispatch
                    server s1 127.0.0.1:9000
                """);
        assertThat(r.diagnostics().alerts()).isEmpty();
        assertThat(r.diagnostics().warnings()).extracting(Diagnostic::message).containsExactly(
                "'redispatch' was removed in HAProxy 2.1; Fulcrum reads this line as: option redispatch");
        assertThat(r.diagnostics().warnings().getFirst().location().line()).isEqualTo(7);
        assertThat(r.config().backend("be").get(dev.fulcrum.backend.BackendSettings.REDISPATCH)).isEqualTo(-1);
    }

    @Test
    void untranslatableLinesGetHaproxysRefusal() {
        ConfigLoader.Result r = ConfigLoader.standard().loadText("t.cfg", "backend be\n    reqdeny ^X-Bad\n");
        assertThat(r.diagnostics().alerts()).extracting(Diagnostic::message).containsExactly(
                "The 'reqdeny' not supported anymore since HAProxy 2.1. Use 'http-request deny' instead.");
    }

    @Test
    void renderingQuotesWhatTheLexerWouldSplitOrInterpret() throws LexException {
        List<String> words = List.of("a b", "it's", "$HOME", "plain", "", "x\\1");
        String line = LegacyRewrites.render(words);
        assertThat(ConfigLexer.split(line, name -> "expanded")).isEqualTo(words);
    }
}
