package dev.fulcrum.action;

import dev.fulcrum.config.ConfigException;
import dev.fulcrum.config.Units;
import dev.fulcrum.http.HttpResponseHead;
import dev.fulcrum.sample.Sample;
import dev.fulcrum.sample.SampleExpr;
import dev.fulcrum.sample.SampleType;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Actions that set one property of the stream: {@code set-src},
 * {@code set-log-level}, {@code capture}, {@code set-timeout},
 * {@code early-hint} and {@code set-status}.
 */
final class MiscActions {

    /** Syslog level names, in HAProxy's order (0 = emerg). */
    static final List<String> LOG_LEVELS = List.of("emerg", "alert", "crit", "err", "warning", "notice", "info",
            "debug");

    private MiscActions() {
    }

    /** {@code set-src <expr>}: an IPv4 or IPv6 sample becomes the client's address. */
    static HttpAction setSrc(RuleContext rc) throws ConfigException {
        rc.exactly(1, "expects exactly 1 argument <expr>.");
        SampleExpr expr = rc.expr(rc.arg(0));
        return t -> {
            Sample s = t.scratch();
            if (expr.eval(t, s) && (s.type() == SampleType.IPV4 || s.type() == SampleType.IPV6 || s.castTo(SampleType.ADDR))) {
                InetAddress a = address(s);
                if (a != null) {
                    t.source(a, t.srcPort());
                }
            }
            return Verdict.CONTINUE;
        };
    }

    private static InetAddress address(Sample s) {
        try {
            if (s.type() == SampleType.IPV4) {
                int v = s.ipv4();
                return InetAddress.getByAddress(new byte[]{(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
            }
            if (s.type() == SampleType.IPV6) {
                return InetAddress.getByAddress(s.ipv6());
            }
        } catch (UnknownHostException e) {
            return null;
        }
        return null;
    }

    /** {@code set-log-level <level>|silent}. */
    static HttpAction setLogLevel(RuleContext rc) throws ConfigException {
        String w = rc.arg(0);
        int level = w.equals("silent") ? -1 : LOG_LEVELS.indexOf(w);
        if (rc.argCount() != 1 || level < -1 || !w.equals("silent") && level < 0) {
            throw rc.error("expects exactly 1 argument (log level name or 'silent').");
        }
        return t -> {
            t.logLevel(level);
            return Verdict.CONTINUE;
        };
    }

    /**
     * {@code capture <expr> len <n>} (request rules of a frontend only: declares a
     * new slot) or {@code capture <expr> id <n>} (an existing slot).
     */
    static HttpAction capture(RuleContext rc, boolean response) throws ConfigException {
        if (rc.argCount() != 3 || !rc.arg(1).equals("len") && !rc.arg(1).equals("id")) {
            throw rc.error(response ? "expects <expression> id <idx>." : "expects <expression> [ 'len' <length> | id <idx> ].");
        }
        SampleExpr expr = rc.expr(rc.arg(0));
        int slot;
        if (rc.arg(1).equals("len")) {
            if (response) {
                throw rc.error("expects <expression> id <idx>.");
            }
            long len = Units.atol(rc.arg(2));
            if (len <= 0) {
                throw rc.error("length must be > 0.");
            }
            if (!rc.ctx.proxy().hasFrontend()) {
                throw rc.error("proxy '" + rc.ctx.proxy().name() + "' has no frontend capability.");
            }
            slot = CaptureKeywords.declare(rc.ctx, false, (int) len);
        } else {
            slot = (int) Units.atol(rc.arg(2));
            if (slot < 0) {
                throw rc.error("invalid id '" + rc.arg(2) + "'.");
            }
        }
        return t -> {
            Sample s = t.scratch();
            if (expr.eval(t, s) && s.castTo(SampleType.STR)) {
                if (response) {
                    t.captures().captureResponse(slot, s.str());
                } else {
                    t.captures().captureRequest(slot, s.str());
                }
            }
            return Verdict.CONTINUE;
        };
    }

    /** {@code set-timeout server|tunnel <time>|<expr>}. */
    static HttpAction setTimeout(RuleContext rc) throws ConfigException {
        if (!rc.ctx.proxy().hasBackend()) {
            throw rc.error("proxy '" + rc.ctx.proxy().name() + "' has no backend capability.");
        }
        HttpTxn.TimeoutKind kind = switch (rc.arg(0)) {
            case "server" -> HttpTxn.TimeoutKind.SERVER;
            case "tunnel" -> HttpTxn.TimeoutKind.TUNNEL;
            default -> throw rc.error("'set-timeout' rule : expects 'server' or 'tunnel'.");
        };
        if (rc.argCount() != 2) {
            throw rc.error("expects exactly 2 arguments.");
        }
        String v = rc.arg(1);
        long fixed = -1;
        SampleExpr expr = null;
        try {
            fixed = Units.millis(v, "set-timeout");
        } catch (IllegalArgumentException notATime) {
            expr = rc.expr(v);
        }
        long constant = fixed;
        SampleExpr e = expr;
        return t -> {
            long ms = constant;
            if (e != null) {
                Sample s = t.scratch();
                if (!e.eval(t, s) || !s.castTo(SampleType.SINT) || s.sint() < 0) {
                    return Verdict.CONTINUE;
                }
                ms = s.sint();
            }
            t.timeout(kind, ms);
            return Verdict.CONTINUE;
        };
    }

    /** {@code early-hint <name> <fmt>}. */
    static HttpAction earlyHint(RuleContext rc) throws ConfigException {
        rc.exactly(2, "expects exactly 2 arguments.");
        String name = rc.arg(0);
        Fmt value = rc.format(rc.arg(1));
        return t -> {
            t.earlyHint(name, value.render(t));
            return Verdict.CONTINUE;
        };
    }

    /** {@code set-status <status> [reason <str>]}. */
    static HttpAction setStatus(RuleContext rc) throws ConfigException {
        if (rc.argCount() != 1 && !(rc.argCount() == 3 && rc.arg(1).equals("reason"))) {
            throw rc.error("expects 1 argument: <status>; or 3 arguments: <status> reason <fmt>.");
        }
        int status = (int) Units.atol(rc.arg(0));
        if (status < 100 || status > 999) {
            throw rc.error("expects an integer status code between 100 and 999.");
        }
        String reason = rc.argCount() == 3 ? rc.arg(2) : Reasons.of(status);
        return t -> {
            HttpResponseHead r = t.response();
            if (r != null) {
                r.status(status);
                r.reason(reason);
            }
            return Verdict.CONTINUE;
        };
    }

    /**
     * {@code strict-mode on|off}: in HAProxy, whether a failed rewrite aborts the
     * transaction. Fulcrum's rewrites cannot fail (headers are not limited by a
     * buffer's reserve), so both modes behave alike; the argument is checked.
     */
    static HttpAction strictMode(RuleContext rc) throws ConfigException {
        if (rc.argCount() != 1 || !rc.arg(0).equals("on") && !rc.arg(0).equals("off")) {
            throw rc.error("expects exactly 1 argument (on or off).");
        }
        return t -> Verdict.CONTINUE;
    }
}
