package dev.fulcrum.action;

import dev.fulcrum.config.ConfigException;
import dev.fulcrum.sample.Sample;
import dev.fulcrum.sample.SampleExpr;
import dev.fulcrum.sample.VarRef;

/** {@code set-var(<name>[,<cond>...]) <expr>}, {@code set-var-fmt(<name>[,<cond>...]) <fmt>}, {@code unset-var(<name>)}. */
final class VarActions {

    private VarActions() {
    }

    private record Target(VarRef ref, int conditions) {
    }

    private static Target target(RuleContext rc, boolean withConditions) throws ConfigException {
        String inside = rc.parenthesized();
        String[] parts = inside.split(",", -1);
        VarRef ref;
        try {
            ref = VarRef.parse(parts[0].trim());
        } catch (IllegalArgumentException e) {
            throw rc.error(e.getMessage());
        }
        int conditions = 0;
        for (int i = 1; i < parts.length; i++) {
            if (!withConditions) {
                throw rc.error("unexpected argument '" + parts[i] + "'.");
            }
            try {
                conditions |= VarRef.condition(parts[i].trim());
            } catch (IllegalArgumentException e) {
                throw rc.error(e.getMessage() + ".");
            }
        }
        return new Target(ref, conditions);
    }

    static HttpAction setVar(RuleContext rc) throws ConfigException {
        Target target = target(rc, true);
        if (rc.argCount() < 1) {
            throw rc.error("missing fetch method.");
        }
        if (rc.argCount() > 1) {
            throw rc.error("unexpected argument '" + rc.arg(1) + "'.");
        }
        SampleExpr expr = rc.expr(rc.arg(0));
        VarRef ref = target.ref;
        int conditions = target.conditions;
        return t -> {
            Sample s = t.scratch();
            if (expr.eval(t, s)) {
                ref.set(t, s, conditions);
            }
            return Verdict.CONTINUE;
        };
    }

    static HttpAction setVarFmt(RuleContext rc) throws ConfigException {
        Target target = target(rc, true);
        rc.exactly(1, "expects exactly 1 argument <format>.");
        Fmt fmt = rc.format(rc.arg(0));
        VarRef ref = target.ref;
        int conditions = target.conditions;
        return t -> {
            Sample s = t.scratch();
            s.setStr(fmt.render(t));
            ref.set(t, s, conditions);
            return Verdict.CONTINUE;
        };
    }

    static HttpAction unsetVar(RuleContext rc) throws ConfigException {
        Target target = target(rc, false);
        rc.noArgs();
        VarRef ref = target.ref;
        return t -> {
            ref.unset(t);
            return Verdict.CONTINUE;
        };
    }
}
