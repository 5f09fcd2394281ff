package dev.fulcrum.check;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A backend's compiled check: the rules every run executes (an implicit
 * connect first when the configuration starts with another rule), the HTTP
 * request defaults of {@code option httpchk}, and how outcomes are worded for
 * this kind of check (plain connect, HTTP, tcp-check, agent).
 *
 * @param kind          which family words the messages
 * @param rules         the steps, starting with a connect
 * @param implicitConnect whether the first connect was added (not written by the user)
 * @param httpDefaults  {@code option httpchk}'s method, URI, version and headers
 * @param disableOn404  {@code http-check disable-on-404}
 * @param sendState     {@code http-check send-state}
 * @param bufferSize    the most bytes a run keeps ({@code tune.bufsize})
 */
record CheckPlan(Kind kind, List<CheckRule> rules, boolean implicitConnect, CheckRule.HttpSend httpDefaults,
                 boolean disableOn404, boolean sendState, int bufferSize) {

    enum Kind { CONNECT, HTTP, TCP_CHECK, PROTOCOL, AGENT }

    /** The request bytes of an {@code http-check send} (or the default one), with the state header if asked. */
    byte[] request(CheckRule.HttpSend s, String stateHeader, CheckContext ctx) {
        return resolve(s, stateHeader, ctx).http1();
    }

    /**
     * An {@code http-check send} (or the default one) completed from {@code option httpchk}'s defaults,
     * its log-format parts rendered for this run.
     */
    CheckRequest resolve(CheckRule.HttpSend s, String stateHeader, CheckContext ctx) {
        CheckRule.HttpSend d = httpDefaults;
        String uri = s.uriFormat() != null ? ctx.render(s.uriFormat()) : s.uri() != null ? s.uri() : d.uri();
        String body = s.bodyFormat() != null ? ctx.render(s.bodyFormat())
                : s.body() != null ? s.body() : d.body() != null ? d.body() : "";
        return new CheckRequest(s.method() != null ? s.method() : d.method(), uri,
                s.version() != null ? s.version() : d.version(),
                headers(!s.headers().isEmpty() ? s.headers() : d.headers(), ctx), body, stateHeader);
    }

    /** The headers with their formats rendered; one whose value renders empty is left out, as haproxy does. */
    private static List<CheckRule.Header> headers(List<CheckRule.Header> configured, CheckContext ctx) {
        boolean fixed = true;
        for (CheckRule.Header h : configured) {
            fixed &= h.format() == null;
        }
        if (fixed) {
            return configured;
        }
        List<CheckRule.Header> out = new java.util.ArrayList<>(configured.size());
        for (CheckRule.Header h : configured) {
            String v = h.format() == null ? h.value() : ctx.render(h.format());
            if (!v.isEmpty()) {
                out.add(new CheckRule.Header(h.name(), v));
            }
        }
        return out;
    }

    /**
     * The result of a run that passed every rule, as HAProxy words it from the
     * last rule: an expect rule gives its {@code ok-status}, {@code on-success}
     * and {@code status-code}; a tcp-check says {@code (tcp-check)} unless all it
     * did was the connect it adds itself.
     *
     * @param tls the last connection spoke TLS: a check that only connected passed at layer 6
     * @param ctx the run's samples, for {@code on-success} and {@code status-code}
     */
    CheckResult success(byte[] data, int length, CheckStatus okStatus, boolean tls, CheckContext ctx) {
        CheckStatus connected = tls ? CheckStatus.L6OK : CheckStatus.L4OK;
        CheckRule last = rules.getLast();
        CheckResult base = switch (kind) {
            case HTTP -> {
                if (!(last instanceof CheckRule.Expect)) {
                    yield new CheckResult(CheckStatus.L7OK, 0, "", -1);
                }
                Object r = HttpCheckResponse.parse(data, length, true);
                // haproxy reports a passed HTTP check with its code and no detail
                yield new CheckResult(okStatus != null ? okStatus : CheckStatus.L7OK,
                        r instanceof HttpCheckResponse resp ? resp.status : -1, "", -1);
            }
            case TCP_CHECK -> switch (last) {
                case CheckRule.Expect e -> new CheckResult(okStatus != null ? okStatus : CheckStatus.L7OK, -1,
                        TCP_CHECK_INFO, -1);
                case CheckRule.Connect c -> new CheckResult(connected, -1,
                        implicitConnect && c == rules.getFirst() ? "" : TCP_CHECK_INFO, -1);
                default -> new CheckResult(CheckStatus.L7OK, -1, TCP_CHECK_INFO, -1);
            };
            case PROTOCOL -> hasExpect()
                    ? new CheckResult(okStatus != null ? okStatus : CheckStatus.L7OK, -1, "", -1)
                    : new CheckResult(connected, -1, "", -1);
            default -> new CheckResult(connected, -1, "", -1);
        };
        if (!(last instanceof CheckRule.Expect e) || e.report() == CheckRule.Report.NONE) {
            return base;
        }
        CheckRule.Report report = e.report();
        String info = report.onSuccess() != null ? ctx.render(report.onSuccess()) : base.info();
        int code = report.statusCode() != null ? ctx.statusCode(report.statusCode(), true, base.code()) : base.code();
        return new CheckResult(base.status(), code, info, -1);
    }

    /** What a passed tcp-check reports when its last rule does not say otherwise. */
    private static final String TCP_CHECK_INFO = "(tcp-check)";

    /**
     * A failed expect rule's result with its {@code on-error} text (followed by the
     * rule's comment, as haproxy adds it to any message) and {@code status-code}.
     *
     * @param comment the rule's comment, or {@code ""}
     */
    static CheckResult failure(CheckRule.Expect e, CheckResult r, String comment, CheckContext ctx) {
        CheckRule.Report report = e.report();
        if (report == CheckRule.Report.NONE) {
            return r;
        }
        String info = r.info();
        if (report.onError() != null) {
            info = ctx.render(report.onError()) + (comment.isEmpty() ? "" : " comment: " + comment);
        }
        int code = report.statusCode() != null ? ctx.statusCode(report.statusCode(), false, r.code()) : r.code();
        return new CheckResult(r.status(), code, info, r.durationMs());
    }

    private boolean hasExpect() {
        for (CheckRule r : rules) {
            if (r instanceof CheckRule.Expect) {
                return true;
            }
        }
        return false;
    }

    /** The user's step number of rule index {@code index} (0-based). */
    int stepOf(int index) {
        return index + (implicitConnect ? 0 : 1);
    }

    /**
     * The comment of rule index {@code index}: its own, else the text of the
     * {@code comment} rule right before it, else {@code ""}.
     */
    String commentOf(int index) {
        if (index >= rules.size()) {
            return "";
        }
        String own = rules.get(index).comment();
        if (!own.isEmpty() || index == 0 || !(rules.get(index - 1) instanceof CheckRule.Comment c)) {
            return own;
        }
        return c.comment();
    }

    /** {@code " comment: 'text'"} as failed connects and timeouts add it, or {@code ""}. */
    private String quotedComment(int index) {
        String c = commentOf(index);
        return c.isEmpty() ? "" : " comment: '" + c + "'";
    }

    /** The info of a failed connect, e.g. {@code Connection refused at step 1 of tcp-check (connect)}. */
    String connectError(String reason, int index) {
        if (kind != Kind.TCP_CHECK) {
            return reason;
        }
        if (index == 0 && implicitConnect) {
            return reason + " at initial connection step of tcp-check";
        }
        return reason + " at step " + stepOf(index) + " of tcp-check (" + describe(rules.get(index)) + ")"
                + quotedComment(index);
    }

    /** The info of a timeout, e.g. {@code  at step 1 of tcp-check (expect string 'PONG')}. */
    String timeoutInfo(int index, boolean connecting) {
        if (kind != Kind.TCP_CHECK || index >= rules.size()) {
            return "";
        }
        if (index == 0 && implicitConnect) {
            return " at initial connection step of tcp-check";
        }
        return " at step " + stepOf(index) + " of tcp-check (" + describe(rules.get(index)) + ")"
                + quotedComment(index);
    }

    private static String describe(CheckRule r) {
        return switch (r) {
            case CheckRule.Connect c -> "connect" + (c.port() > 0 ? " port " + c.port() : "")
                    + (c.addr().isEmpty() ? "" : " addr " + c.addr());
            case CheckRule.Send s -> "send";
            case CheckRule.HttpSend s -> "send";
            case CheckRule.Expect e -> "expect " + e.match().name().toLowerCase()
                    + (e.pattern() != null ? " '" + e.pattern() + "'" : "");
            case CheckRule.Comment c -> "comment";
            case CheckRule.SetVar v -> "action";
        };
    }

    /** Unescapes {@code tcp-check send} text: {@code \r \n \t \\} as HAProxy's parser leaves them. */
    static byte[] bytes(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] raw = text.getBytes(StandardCharsets.ISO_8859_1);
        out.write(raw, 0, raw.length);
        return out.toByteArray();
    }
}
