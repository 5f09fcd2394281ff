package dev.fulcrum.sample;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Converter edge cases; the expected outputs are those haproxy 2.6 printed for the
 * same expressions in an lf-string (collected by hand; the differential test
 * re-checks many of them against a live haproxy).
 */
class ConverterTest {

    private final TestContext ctx = new TestContext();

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", nullValues = "FAILS", value = {
            // arithmetic saturates instead of wrapping
            "str(9223372036854775807),add(1) => 9223372036854775807",
            "int(-9223372036854775808),sub(1) => -9223372036854775808",
            "int(9223372036854775807),mul(2) => 9223372036854775807",
            "int(-9223372036854775808),mul(-1) => 9223372036854775807",
            "int(-9223372036854775808),div(-1) => 9223372036854775807",
            "int(-5),div(0) => 9223372036854775807",
            "int(5),mod(0) => 0",
            "int(1),add() => 1",
            "int(5),add(txn.nope) => FAILS",
            // string to integer casts read a leading signed number
            "str(12abc),add(0) => 12",
            "str(+5),add(0) => 5",
            "str(abc),add(0) => 0",
            "str( 5),add(0) => 0",
            "str(),add(0) => FAILS",
            "str(99999999999999999999),add(0) => 9223372036854775807",
            // fields and words
            "str(f1_f2_f3__f5),field(6,_) => FAILS",
            "str(f1_f2_f3__f5),field(4,_) => ''",
            "str(a.b-c),field(2,.-) => b",
            "str(___),word(1,_) => FAILS",
            "str(/f1/f2/f3/f4),word(1,/) => f1",
            // bytes
            "str(abcdef),bytes(6) => ''",
            "str(abcdef),bytes(-1) => FAILS",
            // hex and base64
            "str(zz),hex2i => FAILS",
            "str(-1),hex2i => FAILS",
            "str(7fffffffffffffffff),hex2i => -1",
            "str(aGVsbG8),b64dec => FAILS",
            "str(!!!),b64dec => FAILS",
            "str(a%20b+c%2f%zz%4),url_dec => FAILS",
            "bin(0aff),be2hex => 0AFF",
            "bin(ffffffffffffffff),be2dec(:,8) => 18446744073709551615",
            // misc
            "str(x),iif(yes,no) => no",
            "str(),iif(yes,no) => FAILS",
            "str(a:b),port_only => 50",
            "str(h),port_only => 0",
            "ipv6(2001:db8::1),ipmask(24) => FAILS",
            "str(1.2.3),ipmask(32) => FAILS",
            "str(::ffff:1.2.3.4),ipmask(32,128) => 1.2.3.4",
            "int(1700000000123456),http_date(0,us) => Tue, 14 Nov 2023 22:13:20.123456 GMT",
            "int(1700000000),utime(%s %u %w %U %W %V %G %g %p %I %l %k %C %D %F %R %T %h %x %X %r %Z %z %%) => "
                    + "1700000000 2 2 46 46 46 2023 23 PM 10 10 22 20 11/14/23 2023-11-14 22:13 22:13:20 Nov "
                    + "11/14/23 22:13:20 10:13:20 PM GMT +0000 %",
            "bin(61f09f988062),json(utf8) => FAILS",
            "bin(61f09f988062),json(utf8s) => ab",
            "bin(61c0af62),json(utf8) => FAILS",
            "bin(61c0af62),json(utf8ps) => a\\/b",
            "bin(61c0af62),json(utf8s) => ab",
            "bin(61eda080),json(utf8p) => FAILS",
            "bin(41004243),length => 1",
    })
    void convertsAsHaproxy(String expr, String expected) {
        assertThat(ctx.eval(expr)).isEqualTo(expected);
    }

    @Test
    void setVarConditionsDecideWhetherTheConverterPasses() {
        // haproxy 2.6: a set-var converter whose condition fails makes the expression fail
        assertThat(ctx.eval("str(a),set-var(txn.x,ifempty),concat(-)")).isNull();
        assertThat(ctx.eval("int(5),set-var(txn.n)")).isEqualTo("5");
        assertThat(ctx.eval("int(3),set-var(txn.n,ifgt)")).isEqualTo("3");
        assertThat(ctx.eval("int(7),set-var(txn.n,ifgt)")).isNull();
        assertThat(ctx.eval("var(txn.n)")).isEqualTo("3");
        assertThat(ctx.eval("int(7),set-var(txn.n,iflt)")).isEqualTo("7");
        assertThat(ctx.eval("str(9),set-var(txn.n,iflt)")).isEqualTo("9"); // not two integers: considered true
        assertThat(ctx.eval("str(b),set-var(txn.n,ifnotset)")).isNull();
        assertThat(ctx.eval("str(b),set-var(txn.y,ifexists)")).isNull();
        assertThat(ctx.eval("str(b),set-var(proc.y,ifexists)")).isEqualTo("b"); // proc variables always exist
        assertThat(ctx.eval("str(b),set-var(txn.z,ifnotexists)")).isEqualTo("b");
        assertThat(ctx.eval("str(a),unset-var(txn.z)")).isEqualTo("a");
        assertThat(ctx.eval("var(txn.z)")).isNull();
        assertThat(ctx.eval("int(7),set-var(txn.t),add(1),set-var(txn.t),concat(/)")).isEqualTo("8/");
        assertThat(ctx.eval("var(txn.t)")).isEqualTo("8");
    }

    @Test
    void variableOperandsAndComparisons() {
        ctx.eval("int(5),set-var(txn.v)");
        ctx.eval("str(3),set-var(txn.s)");
        ctx.eval("str(abc),set-var(txn.a)");
        ctx.eval("str(a2V5),set-var(txn.key)");
        assertThat(ctx.eval("int(2),add(txn.v)")).isEqualTo("7");
        assertThat(ctx.eval("int(2),sub(txn.v)")).isEqualTo("-3");
        assertThat(ctx.eval("int(2),mul(txn.s)")).isEqualTo("6");
        assertThat(ctx.eval("str(abc),strcmp(txn.a)")).isEqualTo("0");
        assertThat(ctx.eval("str(ab),strcmp(txn.a)")).isEqualTo("-1");
        assertThat(ctx.eval("int(5),strcmp(txn.a)")).isEqualTo("-44");
        assertThat(ctx.eval("str(abc),strcmp(txn.none)")).isNull();
        assertThat(ctx.eval("str(abc),secure_memcmp(txn.a)")).isEqualTo("1");
        assertThat(ctx.eval("str(abd),secure_memcmp(txn.a)")).isEqualTo("0");
        assertThat(ctx.eval("str(a),hmac(sha256,txn.key),hex")).isEqualTo(ctx.eval("str(a),hmac(sha256,a2V5),hex"));
        assertThat(ctx.eval("str(),add_item(-,txn.a)")).isEqualTo("abc");
        assertThat(ctx.eval("str(x),add_item(-,txn.none)")).isEqualTo("x");
        assertThat(ctx.eval("str(x),add_item(-,,s)")).isEqualTo("x-s");
    }

    @Test
    void hashesAndDigestsOfKnownValues() {
        // FIPS 180 and RFC 4231-style reference values
        assertThat(ctx.eval("str(abc),sha1,hex")).isEqualTo("A9993E364706816ABA3E25717850C26C9CD0D89D");
        assertThat(ctx.eval("str(abc),sha2,hex"))
                .isEqualTo("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD");
        assertThat(ctx.eval("str(abc),digest(SHA256),hex")).isEqualTo(ctx.eval("str(abc),sha2(256),hex"));
        assertThat(ctx.eval("str(abc),digest(sha3-256),hex"))
                .isEqualTo("3A985DA74FE225B2045C172D6BD390BD855F086E3E9D525B46BFE24511431532");
    }

    @Test
    void aRegexThatOverflowsTheStackFailsInsteadOfThrowing() {
        TestContext big = new TestContext().request("GET", "/", "x", "ab".repeat(200_000));
        // java.util.regex recurses once per repetition of this group
        assertThat(big.eval("req.fhdr(x),regsub(\"(a|b)*c\",y)")).isNull();
        assertThat(big.eval("req.fhdr(x),length")).isEqualTo("400000");
    }

    @Test
    void regsubFollowsSedSemantics() {
        assertThat(ctx.eval("str(/a//b///c),regsub(/+,/,g)")).isEqualTo("/a/b/c");
        assertThat(ctx.eval("str(?;&q=1),regsub([?;&]*,'')")).isEqualTo("q=1");
        assertThat(ctx.eval("str(abc),regsub(b,x\\\\y)")).isEqualTo("axyc");
        assertThat(ctx.eval("str(abc),regsub(z,y)")).isEqualTo("abc");
    }
}
