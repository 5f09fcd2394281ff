package dev.fulcrum.map;

import dev.fulcrum.config.Settings;
import dev.fulcrum.sample.CompileContext;
import dev.fulcrum.sample.Sample;
import dev.fulcrum.sample.SampleExpr;
import dev.fulcrum.sample.SampleParseException;
import dev.fulcrum.sample.Samples;
import dev.fulcrum.sample.TestContext;
import dev.fulcrum.sample.UseSite;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The map converters. Which entry wins when several keys match was observed with
 * haproxy 2.6: the first of equal exact keys, the longest prefix for map_beg,
 * the most specific network for map_ip, and the first in file order otherwise.
 */
class MapConverterTest {

    @TempDir
    Path dir;

    private final Settings.Builder global = Settings.builder();
    private final TestContext ctx = new TestContext();

    @BeforeEach
    void files() throws IOException {
        Files.writeString(dir.resolve("p.map"), "abc first\nabc second\nab short\n/a x\n/ab y\nb z\n");
        Files.writeString(dir.resolve("ip.map"), "10.0.0.0/8 big\n10.1.0.0/16 mid\n10.1.2.3 host\n::1 v6one\n"
                + "2001:db8::/32 doc\n");
        Files.writeString(dir.resolve("re.map"), "^/x/([a-z]+)/([0-9]+) \\2-\\1\n^/y short\n(b)c \\1\\1\\0\n");
        Files.writeString(dir.resolve("i.map"), "1 10\n2 20\n5:9 30\n");
        Files.writeString(dir.resolve("toip.map"), "a 1.2.3.4\nb ::1\n");
    }

    private String eval(String expr) {
        try {
            SampleExpr e = Samples.parse(expr.replace("%D", dir.toString()),
                    CompileContext.standalone(UseSite.FE_HRQ_HDR, global));
            Sample s = new Sample();
            return e.eval(ctx, s) ? s.text() : null;
        } catch (SampleParseException ex) {
            throw new IllegalArgumentException(ex.getMessage(), ex);
        }
    }

    @Test
    void winnersFollowHaproxysIndexes() {
        assertThat(eval("str(abc),map(%D/p.map)")).isEqualTo("first");
        assertThat(eval("str(ABC),map(%D/p.map,none)")).isEqualTo("none");
        assertThat(eval("str(/abc),map_beg(%D/p.map)")).isEqualTo("y");
        assertThat(eval("str(abcd),map_beg(%D/p.map)")).isEqualTo("first");
        assertThat(eval("str(xabcx),map_sub(%D/p.map)")).isEqualTo("first");
        assertThat(eval("str(xab),map_end(%D/p.map)")).isEqualTo("short");
        assertThat(eval("str(q/ab/c),map_dir(%D/p.map)")).isEqualTo("short");
        assertThat(eval("str(q.abc.c),map_dom(%D/p.map)")).isEqualTo("first");
        assertThat(eval("str(zzab),map_reg(%D/p.map)")).isEqualTo("short");
    }

    @Test
    void addressesMatchTheMostSpecificNetwork() {
        assertThat(eval("ipv4(10.1.2.3),map_ip(%D/ip.map)")).isEqualTo("host");
        assertThat(eval("ipv4(10.1.9.9),map_ip(%D/ip.map)")).isEqualTo("mid");
        assertThat(eval("ipv4(10.9.9.9),map_ip(%D/ip.map)")).isEqualTo("big");
        assertThat(eval("ipv6(::1),map_ip(%D/ip.map)")).isEqualTo("v6one");
        assertThat(eval("ipv6(2001:db8::5),map_ip(%D/ip.map)")).isEqualTo("doc");
        assertThat(eval("str(10.1.2.3),map_ip(%D/ip.map)")).isEqualTo("host");
        assertThat(eval("ipv6(::ffff:10.1.2.3),map_ip(%D/ip.map)")).isEqualTo("host");
        assertThat(eval("ipv4(11.0.0.1),map_ip(%D/ip.map,def)")).isEqualTo("def");
    }

    @Test
    void regmSubstitutesGroupsAndOutputTypesConvert() {
        assertThat(eval("str(/x/abc/42),map_regm(%D/re.map)")).isEqualTo("42-abc");
        assertThat(eval("str(/y/abc/42),map_regm(%D/re.map)")).isEqualTo("short");
        assertThat(eval("str(zbcz),map_regm(%D/re.map)")).isEqualTo("bbbc");
        assertThat(eval("str(/x/abc/42),map_reg(%D/re.map)")).isEqualTo("\\2-\\1");
        assertThat(eval("str(2),map_int_int(%D/i.map,7),add(1)")).isEqualTo("21");
        assertThat(eval("int(6),map_int(%D/i.map)")).isEqualTo("30");
        assertThat(eval("str(3),map_int(%D/i.map,7)")).isEqualTo("7");
        assertThat(eval("str(a),map_str_ip(%D/toip.map),ipmask(16)")).isEqualTo("1.2.0.0");
        assertThat(eval("str(b),map_str_ip(%D/toip.map)")).isEqualTo("::1");
    }

    @Test
    void loadErrorsAreConfigurationErrors() throws IOException {
        Files.writeString(dir.resolve("bad.map"), "a 1.2.3.4\nc notip\n");
        assertThatThrownBy(() -> eval("str(a),map_str_ip(%D/bad.map)")).hasMessage(
                "invalid args in converter 'map_str_ip' : unable to parse 'notip' at line 2 of file '"
                        + dir.resolve("bad.map") + "'");
        assertThatThrownBy(() -> eval("str(a),map_int(%D/p.map)")).hasMessage(
                "invalid args in converter 'map_int' : 'abc' is not a number at line 1 of file '"
                        + dir.resolve("p.map") + "'");
        assertThatThrownBy(() -> eval("str(a),map(%D/none.map)")).hasMessage(
                "invalid args in converter 'map' : failed to open pattern file <" + dir.resolve("none.map") + ">");
        assertThatThrownBy(() -> eval("str(a),map_str_int(%D/i.map,x)")).hasMessage(
                "invalid arg 2 in converter 'map_str_int' : failed to parse 'x' as type 'integer' at position 2");
    }

    @Test
    void aCompiledConverterSeesRuntimeChanges() throws SampleParseException {
        SampleExpr e = Samples.parse("str(new),map(" + dir.resolve("p.map") + ",none)",
                CompileContext.standalone(UseSite.FE_HRQ_HDR, global));
        Sample s = new Sample();
        assertThat(e.eval(ctx, s) ? s.text() : null).isEqualTo("none");
        PatternRef ref = PatternStore.of(global).byFile(dir.resolve("p.map").toString());
        ref.add("new", "added");
        assertThat(e.eval(ctx, s) ? s.text() : null).isEqualTo("added");
        assertThat(PatternStore.of(global).all()).hasSize(1);
    }
}
