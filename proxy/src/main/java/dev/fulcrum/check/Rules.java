package dev.fulcrum.check;

import dev.fulcrum.config.ConfigException;
import dev.fulcrum.config.KeywordContext;
import dev.fulcrum.config.Units;
import dev.fulcrum.logformat.LogFormat;
import dev.fulcrum.sample.SampleExpr;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Parses {@code http-check} and {@code tcp-check} rule lines
 * ({@code connect}, {@code send}, {@code send-binary}, {@code expect}) into
 * {@link CheckRule}s, with haproxy -c's messages. Options Fulcrum cannot honour
 * yet (SOCKS4, {@code name-lf}/{@code value-lf} header patterns) are refused by name.
 */
final class Rules {

    private Rules() {
    }

    static CheckRule.Expect httpStatus(List<int[]> ranges, boolean negate) {
        return new CheckRule.Expect(true, CheckRule.Match.STATUS, negate, null, null, null, ranges, null, null, null,
                null, 0, null, null, null, "", null);
    }

    static CheckRule.Connect connect(KeywordContext ctx, int from) throws ConfigException {
        String addr = "";
        int port = 0;
        boolean linger = false;
        boolean defaults = false;
        boolean ssl = false;
        String sni = "";
        List<String> alpn = List.of();
        String proto = "";
        String comment = "";
        for (int i = from; i < ctx.argCount() && !ctx.arg(i).isEmpty(); i++) {
            String w = ctx.arg(i);
            switch (w) {
                case "default" -> defaults = true;
                case "linger" -> linger = true;
                case "ssl" -> ssl = true;
                case "sni" -> {
                    sni = ctx.arg(++i);
                    if (sni.isEmpty()) {
                        throw ctx.error(ctx.quoted() + " : 'sni' expects a string as argument..");
                    }
                }
                case "alpn" -> {
                    try {
                        alpn = dev.fulcrum.tls.TlsKeywords.alpn(ctx.arg(++i), "'alpn'");
                    } catch (IllegalArgumentException e) {
                        throw ctx.error(ctx.quoted() + " : " + e.getMessage());
                    }
                }
                case "port" -> {
                    String v = ctx.arg(++i);
                    if (!Units.isInteger(v)) {
                        throw ctx.error(ctx.quoted() + " : error detected while parsing port expression : "
                                + "unknown fetch method '" + v + "'.");
                    }
                    long n = Long.parseLong(v);
                    if (n < 1 || n > 65535) {
                        throw ctx.error(ctx.quoted() + " : invalid port '" + v + "' (expected: 1-65535).");
                    }
                    port = (int) n;
                }
                case "addr" -> {
                    String v = ctx.arg(++i);
                    if (!isIpLiteral(v)) {
                        throw ctx.error(ctx.quoted() + " : 'addr' expects an IPv4 or IPv6 address, got '" + v + "'.");
                    }
                    addr = v;
                }
                case "comment" -> comment = ctx.arg(++i);
                case "proto" -> proto = proto(ctx, ctx.arg(++i));
                case "send-proxy", "via-socks4" -> throw ctx.error(ctx.quoted()
                        + " : '" + w + "' is not supported yet by Fulcrum (" + (w.equals("send-proxy")
                        ? "PROXY protocol" : "SOCKS4") + ").");
                default -> throw ctx.error(ctx.quoted() + " : expects 'comment', 'port', 'addr', 'send-proxy', "
                        + "'via-socks4', 'ssl', 'sni', 'alpn', 'proto', 'linger', 'default' but got '" + w
                        + "' as argument.");
            }
        }
        return new CheckRule.Connect(addr, port, linger, comment, defaults, ssl, sni, alpn, proto);
    }

    /** A connect rule's {@code proto}: one the check family speaks (h1 or h2 for http-check, none for tcp-check). */
    private static String proto(KeywordContext ctx, String name) throws ConfigException {
        if (name.isEmpty()) {
            throw ctx.error(ctx.quoted() + " : 'proto' expects a MUX protocol as argument..");
        }
        boolean http = ctx.keyword().name().startsWith("http-check");
        if (name.equals("fcgi")) {
            throw ctx.error(ctx.quoted() + " : 'proto' : 'fcgi' is not supported yet by Fulcrum (FastCGI).");
        }
        if (!CheckProtos.known(name)) {
            throw ctx.error(ctx.quoted() + " : 'proto' : unknown MUX protocol '" + name + "'..");
        }
        if (CheckProtos.http(name) != http) {
            throw ctx.error(ctx.quoted() + " : 'proto' : invalid MUX protocol '" + name + "' for "
                    + (http ? "http-check" : "tcp-check") + ".");
        }
        return name;
    }

    static boolean isIpLiteral(String v) {
        if (v.isEmpty()) {
            return false;
        }
        if (v.indexOf(':') >= 0) {
            return v.matches("[0-9A-Fa-f:.]+");
        }
        return v.matches("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    }

    static CheckRule.HttpSend httpSend(KeywordContext ctx, int from) throws ConfigException {
        String meth = null;
        String uri = null;
        String ver = null;
        String body = null;
        String comment = "";
        LogFormat uriLf = null;
        LogFormat bodyLf = null;
        List<CheckRule.Header> headers = new ArrayList<>();
        for (int i = from; i < ctx.argCount() && !ctx.arg(i).isEmpty(); i++) {
            String w = ctx.arg(i);
            switch (w) {
                case "meth", "uri", "ver", "body", "comment", "uri-lf", "body-lf" -> {
                    String v = ctx.arg(++i);
                    if (v.isEmpty()) {
                        throw ctx.error(ctx.quoted() + " : '" + w + "' expects a string as argument..");
                    }
                    switch (w) {
                        case "meth" -> meth = v;
                        case "uri" -> {
                            uri = v;
                            uriLf = null;
                        }
                        case "uri-lf" -> {
                            LogFormat f = CheckFormats.lf(ctx, v);
                            uriLf = constantOrNull(f);
                            uri = f.isConstant() ? f.constantText() : v;
                        }
                        case "ver" -> ver = v;
                        case "body" -> {
                            body = v;
                            bodyLf = null;
                        }
                        case "body-lf" -> {
                            LogFormat f = CheckFormats.lf(ctx, v);
                            bodyLf = constantOrNull(f);
                            body = f.isConstant() ? f.constantText() : v;
                        }
                        default -> comment = v;
                    }
                }
                case "hdr" -> {
                    String name = ctx.arg(++i);
                    String value = ctx.arg(++i);
                    if (name.isEmpty() || value.isEmpty()) {
                        throw ctx.error(ctx.quoted() + " : 'hdr' expects <name> and <value> as arguments..");
                    }
                    // a header value is a log-format string
                    LogFormat f = CheckFormats.headerLf(ctx, value);
                    headers.add(new CheckRule.Header(name, f.isConstant() ? f.constantText() : value,
                            constantOrNull(f)));
                }
                default -> throw ctx.error(ctx.quoted() + " : expects 'comment', 'meth', 'uri', 'uri-lf', 'ver', "
                        + "'hdr', 'body' or 'body-lf' but got '" + w + "' as argument..");
            }
        }
        return new CheckRule.HttpSend(meth, uri, ver, List.copyOf(headers), body, comment, uriLf, bodyLf);
    }

    /** A format worth rendering per run, or {@code null} when it is fixed text (then sent as written). */
    private static LogFormat constantOrNull(LogFormat f) {
        return f.isConstant() ? null : f;
    }

    /**
     * {@code expect} lines: options ({@code min-recv}, {@code comment}, {@code ok-status},
     * {@code error-status}, {@code tout-status}) may come before or after the match,
     * as haproxy reads them.
     */
    static CheckRule.Expect expect(KeywordContext ctx, int from, boolean http) throws ConfigException {
        int minRecv = 0;
        String comment = "";
        CheckStatus ok = null;
        CheckStatus err = null;
        CheckStatus tout = null;
        boolean negate = false;
        CheckRule.Match m = null;
        String pattern = null;
        String headerName = null;
        String headerValue = null;
        CheckRule.HeaderMethod nameMethod = CheckRule.HeaderMethod.STR;
        CheckRule.HeaderMethod valueMethod = CheckRule.HeaderMethod.STR;
        LogFormat onSuccess = null;
        LogFormat onError = null;
        SampleExpr statusCode = null;
        LogFormat patternLf = null;
        for (int i = from; i < ctx.argCount() && !ctx.arg(i).isEmpty(); i++) {
            String w = ctx.arg(i);
            switch (w) {
                case "min-recv" -> minRecv = (int) Math.max(0, Units.atol(ctx.arg(++i)));
                case "comment" -> comment = ctx.arg(++i);
                case "ok-status" -> ok = status(ctx, w, ctx.arg(++i), "'L4OK', 'L6OK', 'L7OK' or 'L7OKC'",
                        "L4OK", "L6OK", "L7OK", "L7OKC");
                case "error-status" -> err = status(ctx, w, ctx.arg(++i), "'L7RSP', 'L7STS', 'L6RSP' or 'L4CON'",
                        "L7RSP", "L7STS", "L6RSP", "L4CON");
                case "tout-status" -> tout = status(ctx, w, ctx.arg(++i), "'L7TOUT', 'L6TOUT' or 'L4TOUT'",
                        "L7TOUT", "L6TOUT", "L4TOUT");
                case "on-success", "on-error" -> {
                    String v = ctx.arg(++i);
                    if (v.isEmpty()) {
                        throw ctx.error(ctx.quoted() + " : '" + w + "' expects a string as argument.");
                    }
                    LogFormat f = CheckFormats.lf(ctx, v);
                    if (w.equals("on-success")) {
                        onSuccess = f;
                    } else {
                        onError = f;
                    }
                }
                case "status-code" -> {
                    String v = ctx.arg(++i);
                    if (v.isEmpty()) {
                        throw ctx.error(ctx.quoted() + " : '" + w + "' expects an expression as argument.");
                    }
                    statusCode = CheckFormats.statusCode(ctx, v);
                }
                case "!" -> negate = true;
                default -> {
                    if (m != null) {
                        throw ctx.error(ctx.quoted() + " : only one pattern expected but got '" + w + "'.");
                    }
                    m = matchOf(ctx, w, http);
                    if (m == CheckRule.Match.HDR || m == CheckRule.Match.FHDR) {
                        // name <name> [-m <meth>] [value <value>] [-m <meth>]
                        boolean afterValue = false;
                        while (i + 1 < ctx.argCount()) {
                            String k = ctx.arg(i + 1);
                            if (k.equals("name")) {
                                headerName = ctx.arg(i + 2);
                            } else if (k.equals("value")) {
                                headerValue = ctx.arg(i + 2);
                                afterValue = true;
                            } else if (k.equals("-m")) {
                                CheckRule.HeaderMethod hm = method(ctx, ctx.arg(i + 2));
                                if (afterValue) {
                                    valueMethod = hm;
                                } else {
                                    nameMethod = hm;
                                }
                            } else if (k.equals("name-lf") || k.equals("value-lf")) {
                                throw ctx.error(ctx.quoted() + " : '" + k
                                        + "' is not supported yet by Fulcrum (log-format strings in checks).");
                            } else {
                                break;
                            }
                            i += 2;
                        }
                        if (headerName == null || headerName.isEmpty()) {
                            throw ctx.error(ctx.quoted() + " : '" + w + "' expects 'name' and a header name as "
                                    + "argument.");
                        }
                        pattern = headerName;
                    } else {
                        pattern = ctx.arg(++i);
                        if (pattern.isEmpty()) {
                            throw ctx.error(ctx.quoted() + " : '" + w + "' expects a <pattern> as argument.");
                        }
                        if (w.endsWith("-lf")) {
                            patternLf = CheckFormats.lf(ctx, pattern);
                        }
                    }
                }
            }
        }
        if (m == null) {
            throw ctx.error(ctx.quoted() + " : expects a pattern type ("
                    + (http ? "status, rstatus, string, rstring, hdr or fhdr" : "string, rstring, binary or rbinary")
                    + ").");
        }
        Pattern regex = null;
        byte[] bytes = null;
        List<int[]> statuses = List.of();
        switch (m) {
            case RSTRING, RSTATUS, RBINARY -> regex = regex(ctx, pattern);
            case STRING -> bytes = pattern.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            case BINARY -> bytes = patternLf != null ? null : hex(ctx, pattern, false);
            case STATUS -> statuses = statuses(ctx, pattern);
            case HDR, FHDR -> {
                if (nameMethod == CheckRule.HeaderMethod.REG) {
                    regex(ctx, headerName);
                }
                if (headerValue != null && valueMethod == CheckRule.HeaderMethod.REG) {
                    regex(ctx, headerValue);
                }
            }
            default -> {
            }
        }
        return new CheckRule.Expect(http, m, negate, pattern, regex, bytes, statuses, headerName, nameMethod,
                headerValue, valueMethod, minRecv, ok, err, tout, comment, null,
                onSuccess == null && onError == null && statusCode == null ? CheckRule.Report.NONE
                        : new CheckRule.Report(onSuccess, onError, statusCode), patternLf);
    }

    private static CheckRule.Match matchOf(KeywordContext ctx, String w, boolean http) throws ConfigException {
        CheckRule.Match m = switch (w) {
            case "string", "string-lf" -> CheckRule.Match.STRING;
            case "rstring" -> CheckRule.Match.RSTRING;
            case "status" -> http ? CheckRule.Match.STATUS : null;
            case "rstatus" -> http ? CheckRule.Match.RSTATUS : null;
            case "hdr" -> http ? CheckRule.Match.HDR : null;
            case "fhdr" -> http ? CheckRule.Match.FHDR : null;
            case "binary", "binary-lf" -> http ? null : CheckRule.Match.BINARY;
            case "rbinary" -> http ? null : CheckRule.Match.RBINARY;
            default -> null;
        };
        if (m == null) {
            throw ctx.error(ctx.quoted() + " : " + (http
                    ? "'only supports min-recv, [!]string', '[!]rstring', '[!]string-lf', '[!]status', '[!]rstatus', "
                    + "[!]hdr, [!]fhdr or comment"
                    : "'only supports min-recv, '[!]binary', '[!]string', '[!]rstring', '[!]string-lf'"
                    + "'[!]rbinary', '[!]binary-lf' or comment") + " but got '" + w + "' as argument..");
        }
        return m;
    }

    private static CheckRule.HeaderMethod method(KeywordContext ctx, String meth) throws ConfigException {
        return switch (meth) {
            case "str" -> CheckRule.HeaderMethod.STR;
            case "beg" -> CheckRule.HeaderMethod.BEG;
            case "end" -> CheckRule.HeaderMethod.END;
            case "sub" -> CheckRule.HeaderMethod.SUB;
            case "reg" -> CheckRule.HeaderMethod.REG;
            default -> throw ctx.error(ctx.quoted() + " : '-m' parameter only supports 'str', 'beg', 'end', 'sub' "
                    + "or 'reg' (got '" + meth + "').");
        };
    }

    private static CheckStatus status(KeywordContext ctx, String option, String value, String allowed,
                                      String... names) throws ConfigException {
        for (String n : names) {
            if (n.equals(value)) {
                return CheckStatus.byCode(n);
            }
        }
        throw ctx.error(ctx.quoted() + " : '" + option + "' only supports " + allowed + " status (got '" + value
                + "')..");
    }

    static Pattern regex(KeywordContext ctx, String pattern) throws ConfigException {
        try {
            return Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw ctx.error(ctx.quoted() + " : regex '" + pattern + "' is invalid (" + e.getDescription() + ").");
        }
    }

    /** Status codes and ranges separated by commas: {@code 200}, {@code 200-399}, {@code 200,301}. */
    private static List<int[]> statuses(KeywordContext ctx, String text) throws ConfigException {
        List<int[]> out = new ArrayList<>();
        for (String part : text.split(",")) {
            int dash = part.indexOf('-');
            try {
                int lo = Integer.parseInt(dash < 0 ? part : part.substring(0, dash));
                int hi = dash < 0 ? lo : Integer.parseInt(part.substring(dash + 1));
                out.add(new int[] {lo, hi});
            } catch (NumberFormatException e) {
                throw ctx.error(ctx.quoted() + " : invalid status code or range '" + part + "'.");
            }
        }
        return List.copyOf(out);
    }

    static byte[] hex(KeywordContext ctx, String text, boolean quoteValue) throws ConfigException {
        for (int k = 0; k < text.length(); k++) {
            if (Character.digit(text.charAt(k), 16) < 0) {
                throw ctx.error(ctx.quoted() + " : " + (quoteValue ? "'" + text + "' " : "")
                        + "invalid binary string (an hex digit is expected (found '" + text.charAt(k) + "')).");
            }
        }
        if (text.length() % 2 != 0) {
            throw ctx.error(ctx.quoted() + " : " + (quoteValue ? "'" + text + "' " : "")
                    + "invalid binary string (odd number of hex digits).");
        }
        return HexFormat.of().parseHex(text);
    }
}
