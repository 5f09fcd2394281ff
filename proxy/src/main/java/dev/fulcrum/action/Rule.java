package dev.fulcrum.action;

import dev.fulcrum.acl.Condition;
import dev.fulcrum.config.SourceLocation;

import static java.util.Objects.requireNonNull;

/**
 * A compiled rule: its action and the condition under which it applies.
 *
 * @param name      the rule as HAProxy names it ({@code http-request deny})
 * @param action    what it does
 * @param condition when it applies ({@link Condition#ALWAYS} without if/unless)
 * @param location  where it was declared
 */
public record Rule(String name, HttpAction action, Condition condition, SourceLocation location) {

    public Rule {
        requireNonNull(name, "name");
        requireNonNull(action, "action");
        requireNonNull(condition, "condition");
        requireNonNull(location, "location");
    }

    /** Evaluates an ordered rule list: the first rule whose verdict is not CONTINUE ends it. */
    public static Verdict run(Rule[] rules, HttpTxn txn) {
        for (Rule r : rules) {
            if (!r.condition.isAlways() && !r.condition.test(txn, txn.scratch())) {
                continue;
            }
            Verdict v = r.action.apply(txn);
            if (v != Verdict.CONTINUE) {
                return v;
            }
        }
        return Verdict.CONTINUE;
    }
}
