package dev.fulcrum.check;

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

    /** {@code tcp-check send}/{@code send-binary}: bytes written as they are. */
    record Send(byte[] data, String text, boolean binary, String comment) implements CheckRule {
    }

    /** {@code http-check send}: the request, completed from {@code option httpchk}'s defaults when a part is unset. */
    record HttpSend(String method, String uri, String version, List<Header> headers, String body, String comment)
            implements CheckRule {
    }

    record Header(String name, String value) {
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
     */
    record Expect(boolean http, Match match, boolean negate, String pattern, Pattern regex, byte[] bytes,
                  List<int[]> statuses, String headerName, HeaderMethod nameMethod, String headerValue,
                  HeaderMethod valueMethod, int minRecv, CheckStatus okStatus, CheckStatus errorStatus,
                  CheckStatus toutStatus, String comment, CustomExpect custom) implements CheckRule {
    }

    /** A built-in protocol's check of the bytes received so far. */
    @FunctionalInterface
    interface CustomExpect {
        /** Returns {@code null} while more bytes are needed, else the result (with {@code durationMs} unset). */
        CheckResult evaluate(byte[] data, int length, boolean closed);
    }
}
