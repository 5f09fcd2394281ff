package dev.fulcrum.acl;

import dev.fulcrum.sample.Configs;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code acl} keyword's errors and warnings, each compared with what haproxy
 * 2.6 prints for the same line (after "parsing [file:line] : ").
 */
class AclKeywordTest {

    private static String error(String aclLine) {
        var alerts = Configs.alerts(Configs.DEFAULTS + "frontend f\n  bind 127.0.0.1:1\n  " + aclLine + "\n");
        assertThat(alerts).hasSize(1);
        return alerts.getFirst().replaceFirst("^t\\.cfg:8: ", "");
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
            "acl a1 foo => error detected while parsing ACL 'a1' : unknown fetch method 'foo' in ACL expression 'foo'.",
            "acl a3 path,foo => error detected while parsing ACL 'a3' : ACL keyword 'path' : unknown converter 'foo'..",
            "acl a8 int(x) 1 => error detected while parsing ACL 'a8' : fetch method 'int' : failed to parse 'x' as type 'integer' at position 1 in ACL expression 'int(x)'.",
            "acl a9 path -f /nonexistent => error detected while parsing ACL 'a9' : failed to open pattern file </nonexistent>.",
            "acl b1 path -m foo x => error detected while parsing ACL 'b1' : unknown matching method 'foo' when parsing ACL expression.",
            "acl b1 path -m => error detected while parsing ACL 'b1' : unknown matching method '' when parsing ACL expression.",
            "acl b2 src 1.2.3.4/33 => error detected while parsing ACL 'b2' : '1.2.3.4/33' is not a valid IPv4 or IPv6 address.",
            "acl b2 src ::1/129 => error detected while parsing ACL 'b2' : '::1/129' is not a valid IPv4 or IPv6 address.",
            "acl b3 src -n foo.bar => error detected while parsing ACL 'b3' : 'foo.bar' is not a valid IPv4 or IPv6 address.",
            "acl b4 bytes(1) => error detected while parsing ACL 'b4' : unknown fetch method 'bytes' in ACL expression 'bytes(1)'.",
            "acl b5 path,bytes(x) 1 => error detected while parsing ACL 'b5' : ACL keyword 'path' : invalid arg 1 in converter 'bytes' : failed to parse 'x' as type 'integer' at position 1..",
            "acl b8 int(1,2) 3 => error detected while parsing ACL 'b8' : fetch method 'int' : expected ')' before ',2)' in ACL expression 'int(1,2)'.",
            "acl b9 hdr_beg(host,1,2) x => error detected while parsing ACL 'b9' : ACL keyword 'hdr_beg' : expected ')' before ',2)'.",
            "acl c1 ipv6(::1) -m int 1 => error detected while parsing ACL 'c1' : matching method 'int' cannot be used with fetch keyword 'ipv6'.",
            "acl c2 bin(00) -m ip 1.2.3.4 => error detected while parsing ACL 'c2' : matching method 'ip' cannot be used with fetch keyword 'bin'.",
            "acl c3 always_true -m ip 1.2.3.4 => error detected while parsing ACL 'c3' : matching method 'ip' cannot be used with fetch keyword 'always_true'.",
            "acl c4 meth(GET) GET => error detected while parsing ACL 'c4' : matching method must be specified first (using '-m') when using a sample fetch of this type ('meth').",
            "acl c5 var(txn.x) foo => error detected while parsing ACL 'c5' : matching method must be specified first (using '-m') when using a sample fetch of this type ('var').",
            "acl c6 req.payload(0,1) 00 => error detected while parsing ACL 'c6' : matching method must be specified first (using '-m') when using a sample fetch of this type ('req.payload').",
            "acl c7 path -q x => error detected while parsing ACL 'c7' : '-q' is not a valid ACL option. Please use '--' before any pattern beginning with a '-'.",
            "acl c8 status -5 => error detected while parsing ACL 'c8' : '-5' is not a valid ACL option. Please use '--' before any pattern beginning with a '-'.",
            "acl d1 status abc => error detected while parsing ACL 'd1' : 'abc' is not a number.",
            "acl d2 status 1:2:3 => error detected while parsing ACL 'd2' : '1:2:3' is not a valid number range.",
            "acl d3 status 5:3 => error detected while parsing ACL 'd3' : '5:3' is not a valid number range.",
            "acl d4 status 1.2 => error detected while parsing ACL 'd4' : '1.2' is not a number.",
            "acl d5 path -m len abc => error detected while parsing ACL 'd5' : 'abc' is not a number.",
            "acl d6 req.ssl_ver abc => error detected while parsing ACL 'd6' : 'abc' is not a dotted number.",
            "acl d7 path -u x x => error detected while parsing ACL 'd7' : the argument of -u must be an integer.",
            "acl d8 path -m bin 0a1 => error detected while parsing ACL 'd8' : an even number of hex digit is expected.",
            "acl d9 path -m bin zz => error detected while parsing ACL 'd9' : an hex digit is expected (found 'z').",
            "acl x => error detected while parsing ACL 'x' : missing fetch method in ACL expression ''.",
            "acl e1 ipv6(::1),add(1) 3 => error detected while parsing ACL 'e1' : converter 'add' cannot be applied in ACL expression 'ipv6(::1),add(1)'.",
            "acl e2 str(a),map(/nonexist) x => error detected while parsing ACL 'e2' : invalid args in converter 'map' : failed to open pattern file </nonexist> in ACL expression 'str(a),map(/nonexist)'.",
            "acl bad!name path x => character '!' is not permitted in acl name 'bad!name'.",
    })
    void rejectsWithHaproxysMessage(String line, String message) {
        assertThat(error(line)).isEqualTo(message);
    }

    @Test
    void aclsAreOnlyAllowedInNamedDefaultsSections() {
        // haproxy 2.6: "'acl' not allowed in anonymous 'defaults' section."
        assertThat(Configs.alerts("defaults\n  mode http\n  acl a path /x\n"))
                .containsExactly("t.cfg:3: 'acl' not allowed in anonymous 'defaults' section.");
        assertThat(Configs.alerts("defaults d\n  mode http\n  acl a path /x\n")).isEmpty();
    }

    @Test
    void invalidRegexesAreReportedWithTheirOffset() {
        assertThat(error("acl a5 src_port -m reg (")).startsWith(
                "error detected while parsing ACL 'a5' : regex '(' is invalid (error=").endsWith(", erroffset=1).");
    }

    @Test
    void warnsWhenThereIsNothingToMatch() {
        var warnings = Configs.warnings(Configs.DEFAULTS + """
                frontend f
                  bind 127.0.0.1:1
                  acl a path
                  acl b path --
                  acl c always_true
                  acl d path -m found
                  acl e status
                """);
        assertThat(warnings).hasSize(2);
        assertThat(warnings.getFirst()).isEqualTo("t.cfg:8: parsing acl keyword 'path' :\n"
                + "  no pattern to match against were provided, so this ACL will never match.\n"
                + "  If this is what you intended, please add '--' to get rid of this warning.\n"
                + "  If you intended to match only for existence, please use '-m found'.\n"
                + "  If you wanted to force an int to match as a bool, please use '-m bool'.");
        assertThat(warnings.get(1)).startsWith("t.cfg:12: parsing acl keyword 'status' :");
    }

    @Test
    void acceptedForms() {
        assertThat(Configs.load(Configs.DEFAULTS + """
                frontend f
                  bind 127.0.0.1:1
                  acl TRUE path /
                  acl a path_beg,lower X
                  acl b hdr_len(host),lower 4
                  acl c method -i get
                  acl d status -m ip 1.2.3.4
                  acl e src -m str x
                  acl f src -m bin 0a
                  acl g str(a) -m sub a -m beg b
                  acl h path -u 5 x
                  acl i int(5) lt 4 gt 4
                  acl j req.ssl_ver 3:3.1
                  acl k src localhost
                  acl l.m-n:o_p path x
                """).ok()).isTrue();
    }
}
