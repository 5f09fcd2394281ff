package dev.fulcrum.action;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The examples of configuration.txt for each normalize-uri normalizer. */
class UriNormalizerTest {

    @ParameterizedTest(name = "{0} {2}: {1} -> {3}")
    @CsvSource(delimiter = ' ', value = {
            "FRAGMENT_ENCODE /#foo false /%23foo",
            "FRAGMENT_STRIP /#foo false /",
            "PATH_STRIP_DOT /. false /",
            "PATH_STRIP_DOT /./bar/ false /bar/",
            "PATH_STRIP_DOT /a/./a false /a/a",
            "PATH_STRIP_DOT /.well-known/ false /.well-known/",
            "PATH_STRIP_DOTDOT /foo/../ false /",
            "PATH_STRIP_DOTDOT /foo/../bar/ false /bar/",
            "PATH_STRIP_DOTDOT /foo/bar/../ false /foo/",
            "PATH_STRIP_DOTDOT /../bar/ false /../bar/",
            "PATH_STRIP_DOTDOT /bar/../../ false /../",
            "PATH_STRIP_DOTDOT /foo//../ false /foo/",
            "PATH_STRIP_DOTDOT /foo/%2E%2E/ false /foo/%2E%2E/",
            "PATH_STRIP_DOTDOT /../bar/ true /bar/",
            "PATH_STRIP_DOTDOT /bar/../../ true /",
            "PATH_MERGE_SLASHES // false /",
            "PATH_MERGE_SLASHES /foo//bar false /foo/bar",
            "PERCENT_DECODE_UNRESERVED /%61dmin false /admin",
            "PERCENT_DECODE_UNRESERVED /foo%3Fbar=baz false /foo%3Fbar=baz",
            "PERCENT_DECODE_UNRESERVED /%%36%36 false /%66",
            "PERCENT_DECODE_UNRESERVED /%ZZ false /%ZZ",
            "PERCENT_TO_UPPERCASE /%6f false /%6F",
            "PERCENT_TO_UPPERCASE /%zz false /%zz",
            "QUERY_SORT_BY_NAME /?c=3&a=1&b=2 false /?a=1&b=2&c=3",
            "QUERY_SORT_BY_NAME /?aaa=3&a=1&aa=2 false /?a=1&aa=2&aaa=3",
            "QUERY_SORT_BY_NAME /?a=3&b=4&a=1&b=5&a=2 false /?a=3&a=1&a=2&b=4&b=5",
            "PATH_MERGE_SLASHES http://h//a//b?x=//y false http://h/a/b?x=//y"})
    void documentedExamples(UriNormalizer.Mode mode, String in, boolean option, String out) {
        assertThat(UriNormalizer.normalize(in, mode, option)).isEqualTo(out);
    }

    @Test
    void strictModesRefuseInvalidPercentSequences() {
        assertThatThrownBy(() -> UriNormalizer.normalize("/%%36%36", UriNormalizer.Mode.PERCENT_DECODE_UNRESERVED, true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UriNormalizer.normalize("/%zz", UriNormalizer.Mode.PERCENT_TO_UPPERCASE, true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void replaceValueRewritesMatchingElementsAndDropsTheirLeadingBlanks() {
        var regex = java.util.regex.Pattern.compile("^a(.*)$");
        assertThat(HeaderActions.replaceValues("abc, b, aa", regex, "z\\1")).isEqualTo("zbc, b,za");
        assertThat(HeaderActions.replaceValues("x, y", regex, "z")).isNull();
        assertThat(Regexes.replace("foo123", java.util.regex.Pattern.compile("foo(\\d+)"), "<\\1|\\0|\\\\>"))
                .isEqualTo("<123|foo123|\\>");
    }
}
