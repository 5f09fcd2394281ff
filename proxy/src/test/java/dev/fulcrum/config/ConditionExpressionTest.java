package dev.fulcrum.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Results checked against `haproxy -cc` 2.6 for the same expressions. */
class ConditionExpressionTest {

    private static boolean eval(String expr) {
        return ConditionExpression.evaluate(expr, Map.of("HOME", "/root")::get);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
            "1 => true", "0 => false", "'' => false",
            "version_atleast(2.6) => true", "version_atleast(2.6.13) => false", "version_before(2.7) => true",
            "version_atleast(2.6-dev1) => true", "version_atleast(2.4-dev19) => true", "version_before(2.6) => false",
            "feature(EPOLL) => true", "feature(FOO) => false",
            "defined(HOME) => true", "!defined(HOME) => false", "defined(NOPE) => false",
            "streq(a,a) && 0 || 1 => true", "defined(HOME) && !(0 || 0) => true",
            "streq(\"a b\",'a b') => true", "strneq(a,b) => true", "1 && 0 => false", "0 || 0 || 1 => true"})
    void evaluatesLikeHaproxy(String expr, boolean expected) {
        assertThat(eval(expr)).isEqualTo(expected);
    }

    @Test
    void rejectsMalformedExpressionsWithHaproxysWording() {
        assertThatThrownBy(() -> eval("yes")).hasMessage("unparsable conditional expression 'yes'");
        assertThatThrownBy(() -> eval("(1")).hasMessage("expected ')' after conditional expression '(1'");
        assertThatThrownBy(() -> eval("foo(1)")).hasMessage("unparsable conditional expression 'foo(1)'");
        assertThatThrownBy(() -> eval("1 1")).hasMessage("unexpected character '1' at the end of conditional expression '1 1'");
        assertThatThrownBy(() -> eval("streq(a)")).hasMessageStartingWith("missing arguments (got 1/2)");
    }
}
