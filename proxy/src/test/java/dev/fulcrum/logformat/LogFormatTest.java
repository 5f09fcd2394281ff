package dev.fulcrum.logformat;

import dev.fulcrum.config.Settings;
import dev.fulcrum.sample.CompileContext;
import dev.fulcrum.sample.TestContext;
import dev.fulcrum.sample.UseSite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Log-format strings. Parse errors are haproxy 2.6's messages for {@code log-format};
 * the rendering expectations come from haproxy's own output for the same formats,
 * in a log line (raw format to stdout) and in an {@code http-request return
 * lf-string}, with the same variable values.
 */
class LogFormatTest {

    private static LogFormat parse(String text, UseSite site, LogFormat.Target target) throws LogFormatException {
        return LogFormat.parse(text, CompileContext.standalone(site, Settings.builder()), target);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
            "% => truncated line after '%'",
            "a% => truncated line after '%'",
            "%ci% => truncated line after '%'",
            "%{+Q => truncated line after '+Q'",
            "%{+Q} => parse argument modifier without variable name near '%{+Q}'",
            "%{+Q}% => parse argument modifier without variable name near '%{+Q}'",
            "%{+Q}{+E}ci => parse argument modifier without variable name near '%{+Q}'",
            "'%{+Q} ci' => parse argument modifier without variable name near '%{+Q}'",
            "%[ => failed to parse sample expression <> : missing fetch method",
            "%[] => failed to parse sample expression <]> : missing fetch method",
            "%{+Q}[str(a) => missing ']' after 'str(a)'",
            "%[src => missing ']' after 'src'",
            "%[str(a)x] => expected ']' after 'str(a)', but found 'x'",
            "%[foo] => failed to parse sample expression <foo]> : unknown fetch method 'foo'",
            "%Tx => no such format variable 'Tx'. If you wanted to emit the '%' character verbatim, you need to use '%%'.",
            "%rtx => no such format variable 'rtx'. If you wanted to emit the '%' character verbatim, you need to use '%%'.",
            "%{+Q}X => no such format variable 'X'. If you wanted to emit the '%' character verbatim, you need to use '%%'.",
            "%[res.hdr(x)] => sample fetch <res.hdr(x)]> may not be reliably used here because it needs 'HTTP response headers' which is not available here",
    })
    void rejectsWithHaproxysMessage(String text, String message) {
        assertThatThrownBy(() -> parse(text, UseSite.FE_LOG_END, LogFormat.Target.LOG)).hasMessage(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"%{}o", "%{Q}o", "%%", "%{+Q,-Q}ci", "%{+Q,,}ci", "%{ +Q}ci", "%{+Qx}ci", "%{foo}ci",
            "%ci %CC %HM %ID %ST %T %Ta %Tc %Td %Tl %Th %Ti %Tq %TR %Tr %Ts %Tt %Tu %Tw %U %ac %b %bc %bi %bp %bq %cp "
                    + "%f %fc %fi %fp %ft %lc %hr %hrl %hs %hsl %ms %pid %r %rc %rt %s %sc %si %sp %sq %sslc %sslv %t "
                    + "%tr %trg %trl %ts %tsc %B %CS %H %HP %HPO %HQ %HU %HV %o"})
    void acceptsWhatHaproxyAccepts(String text) throws LogFormatException {
        parse(text, UseSite.FE_LOG_END, LogFormat.Target.LOG);
    }

    /** The values haproxy had when it produced the reference output. */
    private static final Map<LogVar, Object> VALUES = new EnumMap<>(Map.ofEntries(
            Map.entry(LogVar.STATUS_CODE, 200L), Map.entry(LogVar.TIMESTAMP, 1795325652L),
            Map.entry(LogVar.PID, 32360L), Map.entry(LogVar.REQUEST_COUNTER, 0L), Map.entry(LogVar.BACKEND_NAME, "f"),
            Map.entry(LogVar.SERVER_NAME, "<NOSRV>"), Map.entry(LogVar.HTTP_URI, "/a%22b]c?x=1"),
            Map.entry(LogVar.FRONTEND_PORT, 27436L), Map.entry(LogVar.ACCEPT_MILLISECONDS, 340L),
            Map.entry(LogVar.CLIENT_PORT, 55286L), Map.entry(LogVar.HTTP_METHOD, "GET")));

    private static final LogVariables STUB = (var, out) -> {
        Object v = VALUES.get(var);
        switch (v) {
            case null -> {
                if (var == LogVar.CLIENT_IP) {
                    out.address(TestContext.addr("127.0.0.1"));
                } else if (var == LogVar.HOSTNAME) {
                    out.string("vm");
                } else if (var == LogVar.CAPTURED_REQUEST_HEADERS) {
                    out.raw("");
                }
            }
            case Long n -> out.number(n);
            default -> out.string((String) v);
        }
    };

    private static String render(String text, LogFormat.Target target) throws LogFormatException {
        TestContext ctx = new TestContext().request("GET", "/");
        return parse(text, UseSite.FE_LOG_END, target).render(ctx, STUB);
    }

    @Test
    void variablesRenderInLogLinesAsHaproxyDoes() throws LogFormatException {
        assertThat(render("A[%{+Q}ST] B[%{+X}ST] C[%{+Q}Ts] D[%{+X}Ts] E[%{+X}pid] F[%{+X}rt] G[%{+Q}b] "
                + "H[%{+Q}s] I[%{+X}bp] J[%{+Q}bi] K[%{+E}HU] L[%{+Q}HU] M[%{+X}Tt] O[%{+Q}ID] P[%ID] Q[%{+Q}CC] "
                + "R[%CC] S[%{+Q}hr] T[%{+X}fp] U[%{+X}ms] V[%ST] W[%{+Q,+X}cp] X[%{+X}si] Z[%{+Q}H]", LogFormat.Target.LOG))
                .isEqualTo("A[200] B[200] C[1795325652] D[6B027ED4] E[7E68] F[0000] G[\"f\"] H[\"<NOSRV>\"] I[-] "
                        + "J[\"\"] K[/a%22b\\]c?x=1] L[\"/a%22b]c?x=1\"] M[-] O[\"\"] P[-] Q[\"\"] R[-] S[] T[6B2C] "
                        + "U[340] V[200] W[D7F6] X[-] Z[\"vm\"]");
        assertThat(render("%{+Q}ci %{+X}ci:%{+X}cp", LogFormat.Target.LOG)).isEqualTo("\"127.0.0.1\" 7F000001:D7F6");
    }

    @Test
    void variablesRenderInHttpValuesAsHaproxyDoes() throws LogFormatException {
        assertThat(render("A[%{+Q}ST] C[%{+Q}Ts] G[%{+Q}b] H[%{+Q}s] K[%{+E}HU] L[%{+Q}HU] O[%{+Q}ID] P[%ID] "
                + "R[%CC] Z[%{+Q}H]", LogFormat.Target.HTTP))
                .isEqualTo("A[200] C[1795325652] G[\"f\"] H[\"<NOSRV>\"] K[/a%22b\\]c?x=1] L[\"/a%22b]c?x=1\"] "
                        + "O[\"\"] P[] R[] Z[\"vm\"]");
    }

    @Test
    void samplesRenderInLogLinesWithFlags() throws LogFormatException {
        assertThat(render("A[%[str()]] B[%{+Q}[str()]] C[%[var(txn.nope)]] D[%{+Q}[var(txn.nope)]] "
                + "E[%{+Q}[str(ab)]] F[%{+Q}[int(5)]] H[%{+E}[str(a]b)]] I[%{+Q}HM] J[%HM] "
                + "K[%{+Q}o %[str(x)] %HM %{-Q}[str(y)]] L[%{+X}[int(255)]]", LogFormat.Target.LOG))
                .isEqualTo("A[-] B[\"\"] C[-] D[\"\"] E[\"ab\"] F[\"5\"] H[a\\]b] I[\"GET\"] J[GET] "
                        + "K[ \"x\" \"GET\" y] L[\"255\"]");
        assertThat(render("C[%{+E}[str(a\\\\b)]] D[%{+Q,+E}[str(a\\\\b)]] P[%{+Q,+E}[str(\\\"x)]] "
                + "F[%[bin(0041)]] G[%{+Q}[bin(0041)]]", LogFormat.Target.LOG))
                .isEqualTo("C[a\\\\b] D[\"a\\\\b\"] P[\"\\\"x\"] F[-] G[\"\"]");
    }

    @Test
    void samplesRenderInHttpValuesUnquotedAndEncoded() throws LogFormatException {
        assertThat(render("A[%[str()]] B[%{+Q}[str()]] C[%[var(txn.nope)]] E[%{+Q}[str(ab)]] H[%{+E}[str(a]b)]] "
                + "K[%{+Q}o %[str(x)] %{-Q}[str(y)]] G[%[bin(0102417f22),concat()]]", LogFormat.Target.HTTP))
                .isEqualTo("A[] B[] C[] E[ab] H[a\\]b] K[ x y] G[%01%02A%7F\"]");
    }

    @Test
    void constantFormatsAndVariableUse() throws LogFormatException {
        LogFormat f = parse("be_%%static", UseSite.FE_SET_BCK, LogFormat.Target.HTTP);
        assertThat(f.isConstant()).isTrue();
        assertThat(f.constantText()).isEqualTo("be_%static");
        LogFormat g = parse("%ci:%cp %[path]", UseSite.FE_HRQ_HDR, LogFormat.Target.HTTP);
        assertThat(g.isConstant()).isFalse();
        assertThat(g.variables()).containsExactlyInAnyOrder(LogVar.CLIENT_IP, LogVar.CLIENT_PORT);
        assertThat(g.toString()).isEqualTo("%ci:%cp %[path]");
        assertThat(LogVar.of("sslc")).isEqualTo(LogVar.SSL_CIPHERS);
        assertThat(LogVar.of("SSLC")).isNull();
    }

    @Test
    void logLinesCollapseSpacesAroundEmptyFieldsButHttpValuesKeepThem() throws LogFormatException {
        // haproxy 2.6: log-format " A  B %hr %hr C %{+Q}o D %[str(x)] %hs %[str(y)] ..." logs
        // "A B C D \"x\" \"y\" ..." (runs of spaces are one separator, written once, never first),
        // while lf-string "[ A  B %[str(x)]  %[str(y)] %[str()] %[str(z)] C %{+Q}o D ]" answers every space
        assertThat(render(" A  B %[str()] C %{+Q}o D %[str(x)] %[str(y)] E ", LogFormat.Target.LOG))
                .isEqualTo("A B - C D \"x\" \"y\" E ");
        assertThat(render("[ A  B %[str(x)]  %[str(y)] %[str()] %[str(z)] C %{+Q}o D ]", LogFormat.Target.HTTP))
                .isEqualTo("[ A  B x  y  z C  D ]");
    }
}
