package dev.fulcrum.acl;

import dev.fulcrum.sample.Sample;
import dev.fulcrum.sample.SampleContext;
import dev.fulcrum.sample.SampleExpr.Match;

import java.util.List;

import static dev.fulcrum.sample.SampleExpr.Match.FAIL;
import static dev.fulcrum.sample.SampleExpr.Match.MISS;
import static dev.fulcrum.sample.SampleExpr.Match.PASS;

/**
 * A compiled {@code if}/{@code unless} condition (configuration.txt 7.2): a
 * disjunction ({@code or}, {@code ||}) of conjunctions of possibly negated ACLs.
 * Immutable and shared by every stream; evaluation never throws.
 *
 * <p>Semantics are HAProxy's: an ACL is true when one of its lines matches one
 * value of its expression; a fetch that finds no value makes that line false;
 * {@code unless} negates the whole condition; a condition with no ACL at all
 * ({@code if} followed by nothing) is false. While data may still arrive
 * ({@link SampleContext#isFinal()} false), a line lacking it is "unknown"
 * ({@link Match#MISS}), combined with three-valued logic, so that
 * {@code tcp-request content} rules can wait.
 */
public final class Condition {

    /** The condition of a rule without {@code if}/{@code unless}: always true. */
    public static final Condition ALWAYS = new Condition(false, List.of(), true, "");

    /** One ACL reference in a conjunction: the lines of the ACL that can match at the rule's site. */
    record Term(boolean negate, String name, List<AclTerm> lines) {
        Term {
            lines = List.copyOf(lines);
        }
    }

    private final boolean unless;
    private final Term[][] suites;
    private final boolean always;
    private final String text;

    Condition(boolean unless, List<List<Term>> suites, boolean always, String text) {
        this.unless = unless;
        this.suites = new Term[suites.size()][];
        for (int i = 0; i < suites.size(); i++) {
            this.suites[i] = suites.get(i).toArray(Term[]::new);
        }
        this.always = always;
        this.text = text;
    }

    /** Whether the rule has no condition. */
    public boolean isAlways() {
        return always;
    }

    public boolean isUnless() {
        return unless;
    }

    /** Whether the condition holds; data that is still missing counts as false. */
    public boolean test(SampleContext ctx) {
        return always || evaluate(ctx, new Sample()) == PASS;
    }

    /** As {@link #test(SampleContext)}, evaluating into a caller-owned holder (no allocation). */
    public boolean test(SampleContext ctx, Sample scratch) {
        return always || evaluate(ctx, scratch) == PASS;
    }

    /**
     * The three-valued outcome: {@link Match#MISS} when the answer depends on data
     * that has not arrived yet (only when {@code ctx.isFinal()} is false).
     */
    public Match evaluate(SampleContext ctx, Sample scratch) {
        if (always) {
            return PASS;
        }
        Match result = FAIL;
        for (Term[] suite : suites) {
            Match suiteResult = PASS;
            for (Term term : suite) {
                Match r = FAIL;
                for (AclTerm line : term.lines) {
                    Match m = line.eval(ctx, scratch);
                    if (m == PASS) {
                        r = PASS;
                        break;
                    }
                    if (m == MISS) {
                        r = MISS;
                    }
                }
                if (term.negate) {
                    r = not(r);
                }
                if (r == FAIL) {
                    suiteResult = FAIL;
                    break;
                }
                if (r == MISS) {
                    suiteResult = MISS;
                }
            }
            if (suiteResult == PASS) {
                result = PASS;
                break;
            }
            if (suiteResult == MISS) {
                result = MISS;
            }
        }
        return unless ? not(result) : result;
    }

    private static Match not(Match m) {
        return m == PASS ? FAIL : m == FAIL ? PASS : MISS;
    }

    /** The condition as written, from {@code if}/{@code unless}. */
    @Override
    public String toString() {
        return text;
    }
}
