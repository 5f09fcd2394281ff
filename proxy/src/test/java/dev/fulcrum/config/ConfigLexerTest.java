package dev.fulcrum.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Expected words were taken from haproxy 2.6's own `.notice` output for the same lines. */
class ConfigLexerTest {

    private static final Map<String, String> ENV = Map.of("FOO", "hello", "EMPTY", "", "LIST", "a b c");

    private static List<String> split(String line) throws LexException {
        return ConfigLexer.split(line, ENV::get);
    }

    @Test
    void splitsOnUnprotectedBlanksAndStopsAtHash() throws Exception {
        assertThat(split("  bind\t:80   name  web # comment")).containsExactly("bind", ":80", "name", "web");
        assertThat(split("global#this is the global section")).containsExactly("global");
        assertThat(split(".notice ab#cd")).containsExactly(".notice", "ab");
    }

    @Test
    void expandsVariablesOnlyInsideDoubleQuotes() throws Exception {
        assertThat(split(".notice \"A: ${FOO} | $FOO | ${BAR-dflt} | ${EMPTY-dflt} | \\$FOO\""))
                .containsExactly(".notice", "A: hello | hello | dflt |  | $FOO");
        assertThat(split(".notice ${FOO}")).containsExactly(".notice", "${FOO}");
        assertThat(split(".notice $FOO")).containsExactly(".notice", "$FOO");
        assertThat(split(".notice '${FOO}'")).containsExactly(".notice", "${FOO}");
        assertThat(split(".notice \"$FOO.bar\"")).containsExactly(".notice", "hello.bar");
        assertThat(split(".notice \"$FOO-x\"")).containsExactly(".notice", "hello-x");
        assertThat(split(".notice \"${UNSET- x }\"")).containsExactly(".notice", " x ");
        assertThat(split(".notice \"${UNSET}x\"")).containsExactly(".notice", "x");
        assertThat(split(".notice $")).containsExactly(".notice", "$");
    }

    @Test
    void listVariablesBecomeSeveralWords() throws Exception {
        assertThat(split("x \"${LIST[*]}\"")).containsExactly("x", "a", "b", "c");
    }

    @Test
    void resolvesEscapesAndConcatenatesQuotedParts() throws Exception {
        assertThat(split(".notice \"x\"'y'z\\ w\\#\\x41\\q")).containsExactly(".notice", "xyz w#A\\q");
        assertThat(split(".notice \"a\\tb\\\"c\\\\d\\$e\"")).containsExactly(".notice", "a\tb\"c\\d$e");
        assertThat(split(".notice 'a\\tb'")).containsExactly(".notice", "a\\tb");
        assertThat(split(".notice \\\"a")).containsExactly(".notice", "\"a");
        assertThat(split("log-format \"%{+Q}o %t\"' %s'\\ %{-Q}r"))
                .containsExactly("log-format", "%{+Q}o %t %s %{-Q}r");
    }

    @Test
    void keepsUnknownEscapesForRegexes() throws Exception {
        assertThat(split("reqirep ^([^\\ :]*)\\ /mirror/foo/(.*) \\1\\ /\\2"))
                .containsExactly("reqirep", "^([^ :]*) /mirror/foo/(.*)", "\\1 /\\2");
        assertThat(split("acl a path_reg ^/a\\.b$")).containsExactly("acl", "a", "path_reg", "^/a\\.b$");
    }

    @Test
    void emptyQuotesMakeAnEmptyWord() throws Exception {
        assertThat(split("a \"\" b")).containsExactly("a", "", "b");
    }

    @Test
    void reportsPositionsAsHaproxyDoes() {
        assertThatThrownBy(() -> split("    .notice \"abc"))
                .isInstanceOfSatisfying(LexException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("unmatched quote");
                    assertThat(e.position()).isEqualTo(13);
                    assertThat(e.render("    .notice \"abc")).isEqualTo(
                            "unmatched quote at position 13:\n  .notice \"abc\n          ^");
                });
        assertThatThrownBy(() -> split("    .notice \"$\""))
                .isInstanceOfSatisfying(LexException.class, e -> assertThat(e.position()).isEqualTo(15));
        assertThatThrownBy(() -> split("    .notice \"${FOO\""))
                .isInstanceOfSatisfying(LexException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("unmatched brace in environment variable name");
                    assertThat(e.position()).isEqualTo(15);
                });
        assertThatThrownBy(() -> split("    .notice \"${9FOO}\""))
                .isInstanceOfSatisfying(LexException.class, e -> assertThat(e.position()).isEqualTo(16));
        assertThatThrownBy(() -> split("    .notice ab\\x4g"))
                .isInstanceOfSatisfying(LexException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("truncated or invalid hexadecimal sequence");
                    assertThat(e.position()).isEqualTo(15);
                });
    }
}
