package dev.fulcrum.action;

import dev.fulcrum.config.ConfigException;
import dev.fulcrum.config.Units;

/** {@code http-request wait-for-body time <time> [ at-least <bytes> ]}: hold the rules until the body is there. */
final class BodyActions {

    private static final String USAGE = "expects time <time> [ at-least <bytes> ].";

    private BodyActions() {
    }

    static HttpAction waitForBody(RuleContext rc) throws ConfigException {
        if (!rc.arg(0).equals("time")) {
            throw rc.error(USAGE);
        }
        if (rc.argCount() < 2 || rc.arg(1).isEmpty()) {
            throw rc.error("missing argument for 'time'.");
        }
        long time = value(rc, rc.arg(1), true);
        long atLeast = 0;
        int next = 2;
        if (rc.arg(2).equals("at-least")) {
            if (rc.argCount() < 4 || rc.arg(3).isEmpty()) {
                throw rc.error("missing argument for 'at-least'.");
            }
            atLeast = value(rc, rc.arg(3), false);
            next = 4;
        }
        if (rc.argCount() > next) {
            throw rc.trailing(next);
        }
        long t = time;
        long n = atLeast;
        return txn -> txn.waitForBody(t, n) ? Verdict.CONTINUE : Verdict.WAIT;
    }

    /** A time or size in HAProxy's format; its errors read as HAProxy's ("unexpected character 'x'."). */
    private static long value(RuleContext rc, String text, boolean time) throws ConfigException {
        try {
            return time ? Units.millis(text, "x") : Units.size(text, "x");
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            int cut = m.indexOf(" in x");
            throw rc.error((cut > 0 ? m.substring(0, cut) : "unexpected character '" + text.charAt(0) + "'") + ".");
        }
    }
}
