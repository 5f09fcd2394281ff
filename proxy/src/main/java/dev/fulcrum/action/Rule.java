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
        return run(rules, 0, false, txn);
    }

    /**
     * Evaluates rules from index {@code from}. When {@code resumed}, the rule at
     * {@code from} is the one that yielded: its action runs again without its
     * condition being tested again, as HAProxy resumes a yielding action. A
     * {@link Verdict#WAIT} records where to resume ({@link HttpTxn#suspendRules}).
     */
    public static Verdict run(Rule[] rules, int from, boolean resumed, HttpTxn txn) {
        for (int i = from; i < rules.length; i++) {
            Rule r = rules[i];
            boolean again = resumed && i == from;
            if (!again && !r.condition.isAlways() && !r.condition.test(txn, txn.scratch())) {
                continue;
            }
            Verdict v = r.action.apply(txn);
            if (v == Verdict.WAIT) {
                txn.suspendRules(i);
            }
            if (v != Verdict.CONTINUE) {
                return v;
            }
        }
        return Verdict.CONTINUE;
    }
}
