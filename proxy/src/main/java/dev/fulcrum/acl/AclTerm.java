package dev.fulcrum.acl;

import dev.fulcrum.config.SourceLocation;
import dev.fulcrum.map.MatchMethod;
import dev.fulcrum.map.PatternEntry;
import dev.fulcrum.map.PatternMatcher;
import dev.fulcrum.sample.HttpMethod;
import dev.fulcrum.sample.Sample;
import dev.fulcrum.sample.SampleContext;
import dev.fulcrum.sample.SampleExpr;
import dev.fulcrum.sample.SampleType;
import dev.fulcrum.sample.UserlistView;

import java.util.List;

/**
 * One {@code acl} line (or anonymous ACL) compiled: the sample expression, how
 * its values are matched, and the patterns. Immutable and shared.
 *
 * @param keyword   the criterion's keyword as written, for messages
 * @param expr      the sample expression
 * @param method    how values are matched
 * @param matchers  the pattern sets (inline patterns and each {@code -f} file)
 * @param methods   for the {@code method} keyword: patterns are HTTP methods
 * @param userlist  for {@code http_auth_group}: the userlist whose groups the patterns name
 * @param groups    for {@code http_auth_group}: the group names
 * @param location  where it was declared
 */
record AclTerm(String keyword, SampleExpr expr, MatchMethod method, List<PatternMatcher> matchers,
               boolean methods, String userlist, List<String> groups, SourceLocation location)
        implements SampleExpr.SampleTest {

    AclTerm {
        matchers = List.copyOf(matchers);
        groups = List.copyOf(groups);
    }

    /** Evaluates the term, trying each value of the expression until one matches. */
    SampleExpr.Match eval(SampleContext ctx, Sample s) {
        return expr.anyMatch(ctx, s, this);
    }

    /** Whether one value of the expression matches (called by {@link SampleExpr#anyMatch}). */
    @Override
    public boolean test(SampleContext ctx, Sample v) {
        if (methods) {
            return methodMatches(v);
        }
        if (userlist != null) {
            UserlistView u = ctx.engine().userlist(userlist);
            if (u == null || !v.castTo(SampleType.STR)) {
                return false;
            }
            for (String g : groups) {
                if (u.inGroup(v.str(), g)) {
                    return true;
                }
            }
            return false;
        }
        switch (method) {
            case FOUND -> {
                return true;
            }
            case BOOL -> {
                return v.castTo(SampleType.SINT) && v.sint() != 0;
            }
            default -> {
                if (!v.castTo(method.input())) {
                    return false;
                }
            }
        }
        for (PatternMatcher m : matchers) {
            if (m.matches(v)) {
                return true;
            }
        }
        return false;
    }

    /**
     * HAProxy's method match: a pattern naming a well-known method (exactly, case
     * included) matches that method; any other pattern matches a method that is
     * not well-known and has this text, ignoring case with {@code -i}. So
     * {@code method -i get} does not match GET (checked against haproxy 2.6).
     */
    private boolean methodMatches(Sample v) {
        if (v.type() != SampleType.METH) {
            return false;
        }
        HttpMethod sample = v.method();
        for (PatternMatcher m : matchers) {
            for (PatternEntry e : m.ref().entries()) {
                HttpMethod p = HttpMethod.of(e.key());
                if (p != HttpMethod.OTHER ? sample == p
                        : sample == HttpMethod.OTHER && (m.ignoreCase() ? v.str().equalsIgnoreCase(e.key())
                        : v.str().equals(e.key()))) {
                    return true;
                }
            }
        }
        return false;
    }
}
