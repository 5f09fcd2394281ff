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

    /**
     * Message and caret position (1-based, in the expression) for malformed input, as
     * haproxy 2.6 prints them for {@code -cc} and for the same text on an {@code .if} line.
     */
    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
            "bad( => 1 => unparsable conditional expression 'bad('",
            "( => 1 => unparsable conditional expression '('",
            "( ) => 3 => unparsable conditional expression ')'",
            "1 && => 3 => unparsable conditional expression '&&'",
            "1 && 2 && => 3 => unparsable conditional expression '&& 2 &&'",
            "1 || => 3 => unparsable conditional expression '1 ||'",
            "(1 || => 1 => unparsable conditional expression '(1 ||'",
            "!!  => 1 => unparsable conditional expression '!!'",
            "!bad( => 1 => unparsable conditional expression '!bad('",
            "!(bad => 3 => unparsable conditional expression 'bad'",
            "1 &&& 0 => 5 => unparsable conditional expression '& 0'",
            "!(1 => 1 => expected ')' after conditional expression '!(1'",
            "defined(A) junk => 12 => unexpected character 'j' at the end of conditional expression 'defined(A) junk'",
            "version_atleast( => 17 => expected ')' in argument 1 of predicate 'version_atleast' used in conditional expression",
            "streq(a,b => 10 => expected ')' in argument 1 of predicate 'streq' used in conditional expression",
            "streq(a,b,c) => 10 => expected ')' before ',c)' in argument 1 of predicate 'streq' used in conditional expression",
            "defined(A,B) => 10 => expected ')' before ',B)' in argument 1 of predicate 'defined' used in conditional expression",
            "streq(a) => 8 => missing arguments (got 1/2), type 'string' expected in argument 1 of predicate 'streq' used in conditional expression",
            "streq => 6 => missing arguments (got 1/2), type 'string' expected in argument 1 of predicate 'streq' used in conditional expression"})
    void reportsHaproxysMessageAndPosition(String expr, int position, String message) {
        assertThatThrownBy(() -> eval(expr))
                .isInstanceOfSatisfying(ConditionExpression.SyntaxException.class,
                        e -> assertThat(e.position()).isEqualTo(position))
                .hasMessage(message);
    }

    /** haproxy -cc: an absent or empty argument list is one empty argument, not an error. */
    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
            "defined => false", "defined() => false", "version_atleast() => true", "version_before() => false",
            "streq(,) => true", "strneq(,) => false", "streq(a,) => false", "!!1 => true", "-1 => true"})
    void emptyArgumentsAreEmptyStrings(String expr, boolean expected) {
        assertThat(eval(expr)).isEqualTo(expected);
    }

    @Test
    void rendersLikeAnIfLineWithACaret() {
        ConditionExpression.SyntaxException e = org.junit.jupiter.api.Assertions.assertThrows(
                ConditionExpression.SyntaxException.class, () -> eval("streq(a,b,c)"));
        // haproxy 2.6 on ".if streq(a,b,c)":
        assertThat(e.render(".if", "streq(a,b,c)")).isEqualTo("""
                expected ')' before ',c)' in argument 1 of predicate 'streq' used in conditional expression \
                in '.if' at position 10:
                  .if streq(a,b,c)
                               ^""");
    }
}
