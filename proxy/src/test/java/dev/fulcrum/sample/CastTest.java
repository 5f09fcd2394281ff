package dev.fulcrum.sample;

import org.junit.jupiter.api.Test;

import static dev.fulcrum.sample.SampleType.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The implicit casts. Which pairs exist was checked with haproxy 2.6 by applying
 * converters of each input type ({@code lower}, {@code add}, {@code ipmask},
 * {@code hex}, {@code bool}) to fetches of each type; the values come from the
 * same runs ({@code %[int(258),hex]} is {@code 0000000000000102}...).
 */
class CastTest {

    @Test
    void castMatrixMatchesHaproxy() {
        // rows: from; columns: BOOL SINT ADDR STR BIN (the input types of bool, add, ipmask, lower, hex)
        assertThat(row(BOOL)).isEqualTo("YY-YY");
        assertThat(row(SINT)).isEqualTo("YYYYY");
        assertThat(row(IPV4)).isEqualTo("-YYYY");
        assertThat(row(IPV6)).isEqualTo("--YYY");
        assertThat(row(STR)).isEqualTo("YYYYY");
        assertThat(row(BIN)).isEqualTo("---YY");
        assertThat(row(METH)).isEqualTo("---YY");
        assertThat(METH.acceptsFrom(STR)).isTrue();
        assertThat(ANY.acceptsFrom(BIN)).isTrue();
        assertThat(SINT.acceptsFrom(ANY)).isTrue();
    }

    private static String row(SampleType from) {
        StringBuilder b = new StringBuilder();
        for (SampleType to : new SampleType[] {BOOL, SINT, ADDR, STR, BIN}) {
            b.append(to.acceptsFrom(from) ? 'Y' : '-');
        }
        return b.toString();
    }

    @Test
    void valuesConvertAsHaproxyPrintsThem() {
        TestContext ctx = new TestContext();
        assertThat(ctx.eval("int(258),hex")).isEqualTo("0000000000000102");
        assertThat(ctx.eval("always_true,hex")).isEqualTo("0000000000000001");
        assertThat(ctx.eval("ipv4(1.2.3.4),hex")).isEqualTo("01020304");
        assertThat(ctx.eval("ipv4(1.2.3.4),add(0)")).isEqualTo("16909060");
        assertThat(ctx.eval("ipv6(::1),hex")).isEqualTo("00000000000000000000000000000001");
        assertThat(ctx.eval("int(16909060),ipmask(32)")).isEqualTo("1.2.3.4");
        assertThat(ctx.eval("int(-1),ipmask(32)")).isEqualTo("255.255.255.255");
        assertThat(ctx.eval("meth(GET),hex")).isEqualTo("474554");
        assertThat(ctx.eval("int(1),concat(x)")).isEqualTo("1x");
        assertThat(ctx.eval("always_false,upper")).isEqualTo("0");
        assertThat(ctx.eval("bin(41004243)")).isEqualTo("A");
    }

    @Test
    void ipv6TextIsFormattedLikeInetNtop() {
        TestContext ctx = new TestContext();
        assertThat(ctx.eval("ipv6(::ffff:1.2.3.4)")).isEqualTo("::ffff:1.2.3.4");
        assertThat(ctx.eval("ipv6(1:0:0:1:0:0:0:1)")).isEqualTo("1:0:0:1::1");
        assertThat(ctx.eval("ipv6(::1.2.3.4)")).isEqualTo("::1.2.3.4");
        assertThat(ctx.eval("ipv6(1:0:0:0:0:0:0:0)")).isEqualTo("1::");
        assertThat(ctx.eval("ipv6(0:0:0:0:0:ffff:0:0)")).isEqualTo("::ffff:0.0.0.0");
        assertThat(ctx.eval("ipv6(::2)")).isEqualTo("::2");
        assertThat(ctx.eval("ipv6(1::2:0:0:3)")).isEqualTo("1::2:0:0:3");
        assertThat(ctx.eval("ipv6(::)")).isEqualTo("::");
    }

    @Test
    void sampleHolderCopiesAndReportsEmptiness() {
        Sample a = new Sample();
        a.setIpv6(new byte[] {0x20, 1, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 0);
        Sample b = new Sample().copyFrom(a);
        a.setStr("");
        assertThat(b.text()).isEqualTo("2001:db8::1");
        assertThat(a.isEmpty()).isTrue();
        assertThat(b.isEmpty()).isFalse();
        assertThat(b.bytes()).hasSize(16);
        assertThat(new Sample().castTo(STR)).isFalse();
    }
}
