package dev.fulcrum.check;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Evaluates an expect rule against what a check received so far, with HAProxy's
 * verdicts and failure descriptions ({@code HTTP content check did not match},
 * {@code TCPCHK did not match content 'x' at step 2}...).
 */
final class Expectations {

    /** Returned when the rule is satisfied. */
    static final CheckResult PASS = new CheckResult(CheckStatus.CHECKED, -1, "", -1);

    private Expectations() {
    }

    /**
     * @param full   the receive buffer is full: judge now
     * @param step    the rule's 1-based position, for messages
     * @param comment the rule's comment (its own or a {@code comment} rule's right before it), or {@code ""}
     * @return {@link #PASS}, a failure, or {@code null} to wait for more bytes
     */
    static CheckResult evaluate(CheckRule.Expect e, byte[] data, int length, boolean closed, boolean full, int step,
                                String comment) {
        boolean last = closed || full;
        if (e.minRecv() > 0 && length < e.minRecv() && !last) {
            return null;
        }
        if (e.match() == CheckRule.Match.CUSTOM) {
            if (last && length == 0 && e.errorStatus() != null) {
                return new CheckResult(e.errorStatus(), 0, "TCPCHK got an empty response at step " + step, -1);
            }
            return e.custom().evaluate(data, length, last);
        }
        return e.http() ? http(e, data, length, last, comment) : tcp(e, data, length, last, step, comment);
    }

    private static CheckResult http(CheckRule.Expect e, byte[] data, int length, boolean last, String comment) {
        Object parsed = HttpCheckResponse.parse(data, length, last);
        if (parsed == null) {
            return null;
        }
        if (!(parsed instanceof HttpCheckResponse r)) {
            return new CheckResult(or(e.errorStatus(), CheckStatus.L7RSP), -1, "", -1);
        }
        boolean matched;
        switch (e.match()) {
            case STATUS -> matched = statusIn(e, r.status);
            case RSTATUS -> matched = e.regex().matcher(Integer.toString(r.status)).find();
            case HDR, FHDR -> matched = header(e, r);
            case STRING, RSTRING -> {
                boolean enough = r.complete || last || (e.minRecv() > 0 && r.body.length >= e.minRecv());
                if (!enough) {
                    return null;
                }
                String body = new String(r.body, StandardCharsets.ISO_8859_1);
                matched = e.match() == CheckRule.Match.STRING ? body.contains(e.pattern()) : e.regex().matcher(body).find();
                if (matched != e.negate()) {
                    return PASS;
                }
                String info = e.negate() ? "HTTP check matched unwanted content" : "HTTP content check did not match";
                return new CheckResult(or(e.errorStatus(), CheckStatus.L7RSP), r.status, withComment(info, comment), -1);
            }
            default -> throw new IllegalStateException(e.match().name());
        }
        if (matched != e.negate()) {
            return PASS;
        }
        return new CheckResult(or(e.errorStatus(), CheckStatus.L7STS), r.status, withComment(r.reason, comment), -1);
    }

    private static boolean statusIn(CheckRule.Expect e, int status) {
        for (int[] range : e.statuses()) {
            if (status >= range[0] && status <= range[1]) {
                return true;
            }
        }
        return false;
    }

    private static boolean header(CheckRule.Expect e, HttpCheckResponse r) {
        for (String[] h : r.headers) {
            if (!compare(e.nameMethod(), h[0].toLowerCase(), e.headerName().toLowerCase(), true)) {
                continue;
            }
            if (e.headerValue() == null) {
                return true;
            }
            for (String v : r.values(h[0], e.match() == CheckRule.Match.FHDR)) {
                if (compare(e.valueMethod(), v, e.headerValue(), false)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean compare(CheckRule.HeaderMethod m, String actual, String wanted, boolean name) {
        return switch (m) {
            case STR -> actual.equals(wanted);
            case BEG -> actual.startsWith(wanted);
            case END -> actual.endsWith(wanted);
            case SUB -> actual.contains(wanted);
            case REG -> java.util.regex.Pattern.compile(wanted, name ? java.util.regex.Pattern.CASE_INSENSITIVE : 0)
                    .matcher(actual).find();
        };
    }

    private static CheckResult tcp(CheckRule.Expect e, byte[] data, int length, boolean last, int step,
                                   String comment) {
        boolean matched = switch (e.match()) {
            case STRING, BINARY -> HttpCheckResponse.indexOf(data, length, e.bytes(), 0) >= 0;
            case RSTRING -> e.regex().matcher(new String(data, 0, length, StandardCharsets.ISO_8859_1)).find();
            case RBINARY -> e.regex().matcher(HexFormat.of().withUpperCase().formatHex(data, 0, length)).find();
            default -> throw new IllegalStateException(e.match().name());
        };
        if (matched && !e.negate()) {
            return PASS;
        }
        if (!matched && e.negate() && last) {
            return PASS;
        }
        if (!last && !matched) {
            return null; // more bytes may still match
        }
        StringBuilder b = new StringBuilder("TCPCHK ").append(matched ? "matched unwanted" : "did not match")
                .append(" content");
        switch (e.match()) {
            case STRING -> b.append(e.patternLf() != null ? " (log-format string)" : " '" + e.pattern() + "'");
            case BINARY -> b.append(e.patternLf() != null ? " (log-format binary)" : " (binary)");
            default -> b.append(" (regex)");
        }
        b.append(" at step ").append(step);
        return new CheckResult(or(e.errorStatus(), CheckStatus.L7RSP), -1, withComment(b.toString(), comment), -1);
    }

    private static String withComment(String info, String comment) {
        return comment.isEmpty() ? info : info + " comment: " + comment;
    }

    private static CheckStatus or(CheckStatus s, CheckStatus dflt) {
        return s != null ? s : dflt;
    }
}
