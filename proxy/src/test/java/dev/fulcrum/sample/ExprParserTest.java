package dev.fulcrum.sample;

import dev.fulcrum.config.Settings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Sample expression syntax and its errors. Every expected message is the text
 * haproxy 2.6 prints for the same expression (after "failed to parse sample
 * expression <...> :"), collected with {@code haproxy -c}.
 */
class ExprParserTest {

    private static SampleExpr parse(String text) throws SampleParseException {
        return Samples.parse(text, CompileContext.standalone(UseSite.FE_HRQ_HDR, Settings.builder()));
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
            "foo => unknown fetch method 'foo'",
            "path,foo => unknown converter 'foo'",
            "'' => missing fetch method",
            "int => fetch method 'int' : expected type 'integer' at position 1, but got nothing",
            "int() => fetch method 'int' : expected type 'integer' at position 1, but got nothing",
            "int(x) => fetch method 'int' : failed to parse 'x' as type 'integer' at position 1",
            "int(12abc) => fetch method 'int' : failed to parse '12abc' as type 'integer' at position 1",
            "int(-0x10) => fetch method 'int' : failed to parse '-0x10' as type 'integer' at position 1",
            "int(1,2) => fetch method 'int' : expected ')' before ',2)'",
            "int(1 => fetch method 'int' : expected ')'",
            "path(1) => fetch method 'path' : expected ')' before '1)'",
            "req.payload(1) => fetch method 'req.payload' : missing arguments (got 1/2), type 'integer' expected",
            "req.payload(,) => fetch method 'req.payload' : expected type 'integer' at position 1, but got nothing",
            "req.payload(1,) => fetch method 'req.payload' : expected type 'integer' at position 2, but got nothing",
            "date(,ms) => fetch method 'date' : expected ')' before ',ms)'",
            "'str(a\\,b)' => fetch method 'str' : expected ')' before ',b)'",
            "str(a)x => missing comma after fetch keyword 'str'",
            "path,lower)x => missing comma after converter 'lower'",
            "'str(a), lower' => unknown converter ''",
            "str(a),bytes => invalid arg 1 in converter 'bytes' : expected type 'integer' at position 1, but got nothing",
            "str(a),bytes(1,2,3) => invalid arg 2 in converter 'bytes' : expected ')' before ',3)'",
            "str(a),lower(1) => invalid arg 1 in converter 'lower' : expected ')' before '1)'",
            "str(a),regsub(a) => invalid arg 2 in converter 'regsub' : missing arguments (got 1/2), type 'string' expected",
            "str(a),regsub => invalid arg 2 in converter 'regsub' : missing arguments (got 1/2), type 'string' expected",
            "str(a),field(1) => invalid arg 2 in converter 'field' : missing arguments (got 1/2), type 'string' expected",
            "str(a),field(1,_,x) => invalid arg 3 in converter 'field' : failed to parse 'x' as type 'integer' at position 3",
            "str(a),ipmask(33) => invalid arg 1 in converter 'ipmask' : failed to parse '33' as type 'IPv4 mask' at position 1",
            "src,ipmask(24,129) => invalid arg 2 in converter 'ipmask' : failed to parse '129' as type 'IPv6 mask' at position 2",
            "ipv4(1.2.3) => fetch method 'ipv4' : failed to parse '1.2.3' as type 'IPv4 address' at position 1",
            "ipv4(300.1.1.1) => fetch method 'ipv4' : failed to parse '300.1.1.1' as type 'IPv4 address' at position 1",
            "ipv6(zz) => fetch method 'ipv6' : failed to parse 'zz' as type 'IPv6 address' at position 1",
            "ipv6(::1),add(1) => converter 'add' cannot be applied",
            "str(a),set-var(txn.x,ifgt,iflt,ifset,ifempty,ifexists) => invalid arg 5 in converter 'set-var' : expected ')' before ',ifexists)'",
    })
    void rejectsWithHaproxysMessage(String expr, String message) {
        assertThatThrownBy(() -> parse(expr)).isInstanceOf(SampleParseException.class).hasMessage(message);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
            "bool(x) => invalid args in fetch method 'bool' : Expects 'true', 'false', '0' or '1'",
            "bin(abc) => invalid args in fetch method 'bin' : an even number of hex digit is expected",
            "uuid(3) => invalid args in fetch method 'uuid' : Unsupported UUID version: '3'",
            "date(1,xx) => invalid args in fetch method 'date' : expects 's', 'ms' or 'us', got 'xx'",
            "fc_rtt(xx) => invalid args in fetch method 'fc_rtt' : expects 'us' or 'ms', got 'xx'",
            "fc_rttvar(s) => invalid args in fetch method 'fc_rttvar' : expects 'us' or 'ms', got 's'",
            "var(foo.x) => invalid args in fetch method 'var' : invalid variable name 'foo.x'. A variable name must be start by its scope. The scope can be 'proc', 'sess', 'txn', 'req', 'res' or 'check'.",
            "var(txn.a-b) => invalid args in fetch method 'var' : invalid syntax at char '-b'.",
            "str(a),add(1x) => invalid args in converter 'add' : expects an integer or a variable name",
            "str(a),sha2(100) => invalid args in converter 'sha2' : Unsupported number of bits: '100'",
            "str(a),digest(foo) => invalid args in converter 'digest' : algorithm must be a valid OpenSSL message digest name.",
            "str(a),json(foo) => invalid args in converter 'json' : Unexpected input code type. Allowed value are 'ascii', 'utf8', 'utf8s', 'utf8p' and 'utf8ps'",
            "str(a),url_enc(foo) => invalid args in converter 'url_enc' : Unexpected encode type. Allowed value is 'query'",
            "str(a),word(0,_) => invalid args in converter 'word' : Unexpected value 0 for index",
            "str(a),word(1,) => invalid args in converter 'word' : Empty separators list",
            "str(a),be2dec(:,9) => invalid args in converter 'be2dec' : chunk_size out of [1..8] range (9)",
            "str(a),be2hex(:,0) => invalid args in converter 'be2hex' : chunk_size needs to be positive (0)",
            "str(a),strcmp(foo) => invalid args in converter 'strcmp' : failed to register variable name 'foo'",
            "str(a),strcmp() => invalid args in converter 'strcmp' : missing variable name",
            "str(a),concat(a,bad,) => invalid args in converter 'concat' : failed to register variable name 'bad'",
            "str(a),set-var(txn.x,ifbad) => invalid args in converter 'set-var' : unknown condition \"ifbad\"",
            "str(a),regsub(a,b,x) => invalid args in converter 'regsub' : invalid regex flag 'x', only 'i' and 'g' are supported",
            "str(a),http_date(1,zz) => invalid args in converter 'http_date' : expects 's', 'ms' or 'us', got 'zz'",
            "str(a),hmac(sha256,!!) => invalid args in converter 'hmac' : failed to parse key : argument needs to be base64 encoded, and can either be a string or a variable",
    })
    void rejectsInvalidArgumentsWithHaproxysMessage(String expr, String message) {
        assertThatThrownBy(() -> parse(expr)).hasMessage(message);
    }

    @Test
    void unimplementedHaproxyKeywordsAreNotSupportedRatherThanUnknown() {
        assertThatThrownBy(() -> parse("ssl_fc_sni")).hasMessage(
                "fetch method 'ssl_fc_sni' is not supported yet by Fulcrum (TLS)");
        assertThatThrownBy(() -> parse("fc_unacked")).hasMessage(
                "fetch method 'fc_unacked' is not supported yet by Fulcrum (connection details)");
        // names haproxy 2.6 does not know stay unknown (fhdr and pid are not 2.6 fetches)
        assertThatThrownBy(() -> parse("fhdr(x)")).hasMessage("unknown fetch method 'fhdr'");
        assertThatThrownBy(() -> parse("pid")).hasMessage("unknown fetch method 'pid'");
    }

    @Test
    void secondLevelQuotingFollowsHaproxy() {
        TestContext ctx = new TestContext();
        // outputs observed with haproxy 2.6 lf-strings
        assertThat(ctx.eval("str(\"a,b\")")).isEqualTo("a,b");
        assertThat(ctx.eval("str('a,b')")).isEqualTo("a,b");
        assertThat(ctx.eval("str(a\"b\"c)")).isEqualTo("abc");
        assertThat(ctx.eval("str(a\"b,c\"d)")).isEqualTo("ab,cd");
        assertThat(ctx.eval("str(a\\\\b)")).isEqualTo("a\\b");
        assertThat(ctx.eval("str(a\\ b)")).isEqualTo("a b");
        assertThat(ctx.eval("str(a\\b)")).isEqualTo("a\\b");
        assertThat(ctx.eval("str(\"a\\\"b\")")).isEqualTo("a\"b");
        assertThat(ctx.eval("str(a(b)")).isEqualTo("a(b");
        assertThat(ctx.eval("str")).isEqualTo("");
        assertThat(ctx.eval("str(a),,lower,")).isEqualTo("a");
    }

    @Test
    void integersSaturateBeyondSixtyFourBits() {
        TestContext ctx = new TestContext();
        assertThat(ctx.eval("int(99999999999999999999)")).isEqualTo("9223372036854775807");
        assertThat(ctx.eval("int(-99999999999999999999)")).isEqualTo("-9223372036854775808");
        assertThat(ctx.eval("int(+1)")).isEqualTo("1");
    }

    @Test
    void parseAtStopsWhereTheExpressionEnds() throws SampleParseException {
        String text = "x %[req.hdr(host),lower]y";
        SampleExpr e = Samples.parseAt(text, 4, CompileContext.standalone(UseSite.FE_HRQ_HDR, Settings.builder()));
        assertThat(e.end()).isEqualTo(text.indexOf(']'));
        assertThat(e.text()).isEqualTo("req.hdr(host),lower");
        assertThat(e.outputType()).isEqualTo(SampleType.STR);
        assertThat(e.fetchName()).isEqualTo("req.hdr");
    }
}
