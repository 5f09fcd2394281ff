package dev.fulcrum.action;

import dev.fulcrum.config.ConfigException;
import dev.fulcrum.sample.Sample;
import dev.fulcrum.sample.SampleExpr;
import dev.fulcrum.sample.SampleType;
import dev.fulcrum.stick.StickCounters;
import dev.fulcrum.stick.StickEntry;
import dev.fulcrum.stick.StickKey;
import dev.fulcrum.stick.StickSettings;
import dev.fulcrum.stick.StickTable;

import java.util.Map;

/**
 * The stick counter actions: {@code track-sc0..2 <key> [table <t>]},
 * {@code sc-inc-gpc0|1[(<sc>)]}, {@code sc-inc-gpc(<idx>,<sc>)},
 * {@code sc-set-gpt0[(<sc>)] <int|expr>} and {@code sc-set-gpt(<idx>,<sc>) <int|expr>},
 * with haproxy 2.6's messages. A counter tracks at most one entry: a later
 * track-sc of the same number does nothing, as in HAProxy.
 */
final class StickActions {

    private static final int MAX = StickCounters.SLOTS - 1;

    private StickActions() {
    }

    /** Adds the stick counter actions to a rule family's table. */
    static void register(Map<String, RuleFamily.ActionParser> a, boolean sessionLevel, boolean response) {
        a.put("track-sc*", rc -> track(rc, sessionLevel, response));
        registerCounters(a);
    }

    /** Adds the actions on tracked counters only (where HAProxy has no track-sc: tcp-response content). */
    static void registerCounters(Map<String, RuleFamily.ActionParser> a) {
        for (String name : new String[]{"sc-inc-gpc0", "sc-inc-gpc1"}) {
            a.put(name, rc -> incGpc(rc, name.charAt(10) - '0', true));
            a.put(name + "(*)", rc -> incGpc(rc, name.charAt(10) - '0', true));
        }
        a.put("sc-inc-gpc(*)", rc -> incGpc(rc, -1, false));
        a.put("sc-set-gpt0", rc -> setGpt(rc, true));
        a.put("sc-set-gpt0(*)", rc -> setGpt(rc, true));
        a.put("sc-set-gpt(*)", rc -> setGpt(rc, false));
    }

    // ---- track-sc ---------------------------------------------------------------------

    private static HttpAction track(RuleContext rc, boolean sessionLevel, boolean response) throws ConfigException {
        String tail = rc.action.substring("track-sc".length());
        int slot = tail.length() == 1 && Character.isDigit(tail.charAt(0)) ? tail.charAt(0) - '0' : -1;
        if (slot < 0 || slot > MAX) {
            throw trackError(rc, dev.fulcrum.config.Units.atol(tail) + " track-sc number exceeding " + MAX
                    + " (MAX_SESS_STKCTR-1) value.");
        }
        if (rc.arg(0).isEmpty()) {
            throw trackError(rc, "missing fetch method.");
        }
        SampleExpr key = expr(rc, rc.arg(0));
        String table = rc.ctx.proxy().name();
        int used = 1;
        if (rc.arg(1).equals("table")) {
            if (rc.argCount() < 3) {
                throw trackError(rc, "missing table name.");
            }
            table = rc.arg(2);
            used = 3;
        }
        if (rc.argCount() > used) {
            throw rc.trailing(used);
        }
        rc.ctx.settings().add(StickSettings.TABLE_USES, new StickSettings.TableUse("track-sc" + slot, table,
                key.outputType(), rc.ctx.location()));
        String name = table;
        return t -> {
            StickCounters sc = t.stickCounters();
            if (sc == null || sc.busy(slot, sessionLevel)) {
                return Verdict.CONTINUE;
            }
            StickTable st = t.engine().table(name);
            Sample s = t.scratch();
            if (st == null || !key.eval(t, s)) {
                return Verdict.CONTINUE;
            }
            StickKey k = st.key(s);
            StickEntry e = k == null ? null : sc.track(slot, sessionLevel, st, k);
            if (e != null && !sessionLevel) {
                // the request was counted before this counter existed: count it now, with the
                // response's status when tracking from the response (HAProxy's track-sc in HTTP rules)
                StickCounters.countTrackedRequest(e, response && t.response() != null ? t.response().status() : -1);
            }
            return Verdict.CONTINUE;
        };
    }

    /**
     * Compiles an expression argument; HAProxy names the whole argument (arguments
     * of the fetch included) when its data does not exist where the rule runs.
     */
    private static SampleExpr expr(RuleContext rc, String text) throws ConfigException {
        SampleExpr e;
        try {
            e = dev.fulcrum.sample.Samples.parse(text, rc.compileContext());
        } catch (dev.fulcrum.sample.SampleParseException ex) {
            throw trackError(rc, ex.getMessage() + ".");
        }
        dev.fulcrum.sample.SampleSource missing = e.unavailableAt(rc.site);
        if (missing != null) {
            throw trackError(rc, "fetch method '" + text + "' extracts information from '" + missing.label()
                    + "', none of which is available here.");
        }
        return e;
    }

    /** HAProxy words track-sc errors differently in HTTP and TCP rules. */
    private static ConfigException trackError(RuleContext rc, String message) {
        if (rc.style() == RuleFamily.Style.TCP) {
            return rc.ctx.error("'" + rc.ruleName() + "' : " + message.substring(0, message.length() - 1));
        }
        return rc.error(message);
    }

    // ---- sc-inc-gpc / sc-set-gpt ----------------------------------------------------------

    private static HttpAction incGpc(RuleContext rc, int legacyIdx, boolean legacy) throws ConfigException {
        int[] ids = ids(rc, legacy, "gpc", "sc-inc-gpc");
        rc.noArgs();
        int idx = legacy ? legacyIdx : ids[0];
        int slot = ids[1];
        return t -> {
            StickEntry e = tracked(t, slot);
            if (e != null) {
                e.incrementGpc(idx, legacy);
            }
            return Verdict.CONTINUE;
        };
    }

    private static HttpAction setGpt(RuleContext rc, boolean legacy) throws ConfigException {
        int[] ids = ids(rc, legacy, "gpt", "sc-set-gpt");
        String v = rc.arg(0);
        SampleExpr expr = null;
        long value = 0;
        if (v.isEmpty() || isStrtollInteger(v)) {
            value = v.isEmpty() ? 0 : Long.parseLong(v);
        } else {
            expr = expr(rc, v);
        }
        if (rc.argCount() > 1) {
            throw rc.trailing(1);
        }
        int idx = ids[0];
        int slot = ids[1];
        SampleExpr e = expr;
        long constant = value;
        return t -> {
            StickEntry entry = tracked(t, slot);
            if (entry == null) {
                return Verdict.CONTINUE;
            }
            long n = constant;
            if (e != null) {
                Sample s = t.scratch();
                if (!e.eval(t, s, SampleType.SINT)) {
                    return Verdict.CONTINUE;
                }
                n = s.sint();
            }
            entry.setTag(idx, legacy, n);
            return Verdict.CONTINUE;
        };
    }

    private static StickEntry tracked(HttpTxn t, int slot) {
        StickCounters sc = t.stickCounters();
        return sc == null ? null : sc.tracked(slot);
    }

    /**
     * The array index and counter number of {@code sc-inc-gpc(<idx>,<sc>)} or
     * {@code sc-inc-gpc0(<sc>)} (index 0, counter 0 without parentheses).
     */
    private static int[] ids(RuleContext rc, boolean legacy, String what, String base) throws ConfigException {
        String word = rc.action;
        int open = word.indexOf('(');
        if (legacy) {
            if (open < 0) {
                return new int[]{0, 0};
            }
            String inner = word.endsWith(")") ? word.substring(open + 1, word.length() - 1) : null;
            boolean gpt = what.equals("gpt");
            if (inner == null || !isDigits(inner)) {
                throw rc.error(gpt ? "invalid stick table track ID '" + word + "'. Expects sc-set-gpt0(<Track ID>)."
                        : "invalid stick table track ID. Expects " + word + "(<Track ID>).");
            }
            int slot = Integer.parseInt(inner.length() > 6 ? "999999" : inner);
            if (slot > MAX) {
                throw rc.error(gpt ? "invalid stick table track ID '" + word + "'. The max allowed ID is " + MAX + "."
                        : "invalid stick table track ID. The max allowed ID is " + MAX + ".");
            }
            return new int[]{0, slot};
        }
        String expects = "Expects " + base + "(<" + what.toUpperCase(java.util.Locale.ROOT) + " ID>,<Track ID>).";
        int comma = word.indexOf(',');
        if (open < 0 || comma < 0 || !word.endsWith(")") || !isDigits(word.substring(open + 1, comma))) {
            throw rc.error("Missing " + what + " ID '" + word + "'. " + expects);
        }
        String sc = word.substring(comma + 1, word.length() - 1);
        if (!isDigits(sc)) {
            throw rc.error("invalid stick table track ID '" + word + "'. " + expects);
        }
        int slot = Integer.parseInt(sc.length() > 6 ? "999999" : sc);
        if (slot > MAX) {
            throw rc.error("invalid stick table track ID '" + word + "'. The max allowed ID is " + MAX + ".");
        }
        String idx = word.substring(open + 1, comma);
        return new int[]{Integer.parseInt(idx.length() > 6 ? "999999" : idx), slot};
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether strtoll() reads all of {@code v} (an optionally signed decimal within 64 bits). */
    private static boolean isStrtollInteger(String v) {
        if (!dev.fulcrum.config.Units.isInteger(v)) {
            return false;
        }
        try {
            Long.parseLong(v);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
