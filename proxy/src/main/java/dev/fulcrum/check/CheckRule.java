package dev.fulcrum.check;

import dev.fulcrum.logformat.LogFormat;
import dev.fulcrum.sample.SampleExpr;
import dev.fulcrum.sample.VarRef;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One step of a check sequence ({@code tcp-check ...} or {@code http-check ...}
 * line, or a step of a built-in protocol check). A run executes the steps in
 * order on one connection; a {@link Connect} step (re)opens it.
 */
public sealed interface CheckRule {

    /** The {@code comment} shown in failure reports, or {@code ""}. */
    String comment();

    /**
     * {@code connect [default] [addr <ip>] [port <port>] [ssl] [sni <name>] [alpn <list>] [proto <name>] [linger]};
     * port 0 means the check port.
     *
     * @param defaults the server's check options apply where the rule sets none ({@code default}, and the
     *                 connect a check adds itself): {@code check-ssl}, {@code check-sni}, {@code check-alpn}
     * @param ssl      speak TLS whatever the server's options
     * @param sni      the SNI to send, or {@code ""}
     * @param alpn     the ALPN protocols to offer, or empty
     * @param proto    the protocol spoken on it ({@code h1}, {@code h2}, {@code none}), or {@code ""} to choose
     *                 as HAProxy does (the server's {@code check-proto} for a default connect, else ALPN)
     */
    record Connect(String addr, int port, boolean linger, String comment, boolean defaults, boolean ssl, String sni,
                   List<String> alpn, String proto) implements CheckRule {

        public Connect {
            alpn = List.copyOf(alpn);
        }

        /** The connect a check runs when its rules start with something else: the server's options, all of them. */
        static Connect implicit(boolean linger) {
            return new Connect("", 0, linger, "", true, false, "", List.of(), "");
        }
    }

    /**
     * {@code tcp-check comment}/{@code http-check comment}: does nothing but count
     * as a step and give its text to the next rule when that has no comment of its own.
     */
    record Comment(String comment, boolean http) implements CheckRule {
    }

    /**
     * {@code tcp-check send}/{@code send-binary}: bytes written as they are; or
     * {@code send-lf}/{@code send-binary-lf}: {@code format} rendered for the run
     * (then read as hexadecimal digits when {@code binary}).
     *
     * @param format the log-format string, or {@code null} for fixed {@code data}
     */
    record Send(byte[] data, String text, boolean binary, String comment, LogFormat format) implements CheckRule {

        Send(byte[] data, String text, boolean binary, String comment) {
            this(data, text, binary, comment, null);
        }
    }

    /**
     * {@code http-check send}: the request, completed from {@code option httpchk}'s defaults when a part is unset.
     *
     * @param uriFormat  {@code uri-lf}, or {@code null}
     * @param bodyFormat {@code body-lf}, or {@code null}
     */
    record HttpSend(String method, String uri, String version, List<Header> headers, String body, String comment,
                    LogFormat uriFormat, LogFormat bodyFormat) implements CheckRule {

        HttpSend(String method, String uri, String version, List<Header> headers, String body, String comment) {
            this(method, uri, version, headers, body, comment, null, null);
        }
    }

    /**
     * A request header; {@code format} (an {@code http-check send hdr} value) is rendered for each run,
     * and a header whose value renders empty is not sent.
     */
    record Header(String name, String value, LogFormat format) {

        Header(String name, String value) {
            this(name, value, null);
        }
    }

    /**
     * {@code set-var(<scope.name>[,<cond>...]) <expr>}, {@code set-var-fmt(...) <fmt>} and
     * {@code unset-var(<scope.name>)} of {@code tcp-check} and {@code http-check}.
     *
     * @param expr   the value ({@code set-var}), or {@code null}
     * @param format the value ({@code set-var-fmt}), or {@code null}
     * @param unset  {@code unset-var}
     * @param http   an http-check rule (kept only by HTTP checks) rather than a tcp-check one
     */
    record SetVar(VarRef ref, int conditions, SampleExpr expr, LogFormat format, boolean unset, boolean http)
            implements CheckRule {

        @Override
        public String comment() {
            return "";
        }
    }

    /** What an expect rule matches. */
    enum Match { STATUS, RSTATUS, STRING, RSTRING, BINARY, RBINARY, HDR, FHDR, CUSTOM }

    /** How a header name or value compares ({@code -m str|beg|end|sub|reg}). */
    enum HeaderMethod { STR, BEG, END, SUB, REG }

    /**
     * {@code expect [min-recv N] [ok-status S] [error-status S] [tout-status S] [comment C] [!] <match> <pattern>}.
     *
     * @param http     an http-check rule (matches the parsed response) rather than raw bytes
     * @param custom   for {@link Match#CUSTOM}: a built-in protocol's reply checker
     * @param report   {@code on-success}, {@code on-error} and {@code status-code}, or {@link Report#NONE}
     * @param patternLf the pattern of {@code string-lf}/{@code binary-lf} (a {@link Match#STRING} or
     *                  {@link Match#BINARY} rendered for each run), or {@code null}
     */
    record Expect(boolean http, Match match, boolean negate, String pattern, Pattern regex, byte[] bytes,
                  List<int[]> statuses, String headerName, HeaderMethod nameMethod, String headerValue,
                  HeaderMethod valueMethod, int minRecv, CheckStatus okStatus, CheckStatus errorStatus,
                  CheckStatus toutStatus, String comment, CustomExpect custom, Report report, LogFormat patternLf)
            implements CheckRule {

        Expect(boolean http, Match match, boolean negate, String pattern, Pattern regex, byte[] bytes,
               List<int[]> statuses, String headerName, HeaderMethod nameMethod, String headerValue,
               HeaderMethod valueMethod, int minRecv, CheckStatus okStatus, CheckStatus errorStatus,
               CheckStatus toutStatus, String comment, CustomExpect custom, Report report) {
            this(http, match, negate, pattern, regex, bytes, statuses, headerName, nameMethod, headerValue,
                    valueMethod, minRecv, okStatus, errorStatus, toutStatus, comment, custom, report, null);
        }

        /** This rule with its {@code string-lf}/{@code binary-lf} pattern as rendered for one run. */
        Expect rendered(String text, byte[] data) {
            return new Expect(http, match, negate, text, regex, data, statuses, headerName, nameMethod, headerValue,
                    valueMethod, minRecv, okStatus, errorStatus, toutStatus, comment, custom, report, patternLf);
        }

        Expect(boolean http, Match match, boolean negate, String pattern, Pattern regex, byte[] bytes,
               List<int[]> statuses, String headerName, HeaderMethod nameMethod, String headerValue,
               HeaderMethod valueMethod, int minRecv, CheckStatus okStatus, CheckStatus errorStatus,
               CheckStatus toutStatus, String comment, CustomExpect custom) {
            this(http, match, negate, pattern, regex, bytes, statuses, headerName, nameMethod, headerValue,
                    valueMethod, minRecv, okStatus, errorStatus, toutStatus, comment, custom, Report.NONE);
        }
    }

    /**
     * What an expect rule reports instead of the default: the check's info when it
     * passes as the last rule ({@code on-success}) or fails ({@code on-error}), and
     * its code ({@code status-code}); each {@code null} when not set.
     */
    record Report(LogFormat onSuccess, LogFormat onError, SampleExpr statusCode) {
        static final Report NONE = new Report(null, null, null);
    }

    /** A built-in protocol's check of the bytes received so far. */
    @FunctionalInterface
    interface CustomExpect {
        /** Returns {@code null} while more bytes are needed, else the result (with {@code durationMs} unset). */
        CheckResult evaluate(byte[] data, int length, boolean closed);
    }
}
