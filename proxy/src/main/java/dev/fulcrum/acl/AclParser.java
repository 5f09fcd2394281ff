package dev.fulcrum.acl;

import dev.fulcrum.map.MatchMethod;
import dev.fulcrum.map.PatternMatcher;
import dev.fulcrum.map.PatternRef;
import dev.fulcrum.map.PatternStore;
import dev.fulcrum.sample.CompileContext;
import dev.fulcrum.sample.Integers;
import dev.fulcrum.sample.SampleExpr;
import dev.fulcrum.sample.SampleParseException;
import dev.fulcrum.sample.SampleType;
import dev.fulcrum.sample.Samples;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Parses {@code <criterion> [flags] [operator] [<value>] ...} (configuration.txt
 * 7.1) into an {@link AclTerm}. Flags are only read before the first pattern;
 * {@code -i} applies to the patterns (and files) that follow it; {@code -m} must
 * come before {@code -f}; integer operators apply to the values after them.
 * Messages are HAProxy's, without the statement prefix the caller adds.
 */
final class AclParser {

    private AclParser() {
    }

    /** A term that does not parse; the message is HAProxy's core text. */
    static final class AclException extends Exception {
        AclException(String message) {
            super(message, null, false, false);
        }
    }

    static AclTerm parse(List<String> words, CompileContext cc, Consumer<String> warnings) throws AclException {
        String criterion = words.isEmpty() ? "" : words.getFirst();
        String keyword = keyword(criterion);
        AclKeyword aclKw = AclKeyword.find(keyword);
        cc.acl(true);
        SampleExpr expr;
        try {
            expr = aclKw != null ? Samples.parseAs(criterion, aclKw.fetch(), cc) : Samples.parse(criterion, cc);
        } catch (SampleParseException e) {
            // haproxy ends errors past the keyword's own arguments with one more dot ("unknown converter 'x'..")
            throw new AclException(aclKw != null
                    ? "ACL keyword '" + keyword + "' : " + e.getMessage() + (e.inFetchArguments() ? "" : ".")
                    : e.getMessage() + " in ACL expression '" + criterion + "'");
        }
        boolean derived = aclKw != null && !expr.hasConverters();
        AclKeyword.Special special = derived ? aclKw.special() : AclKeyword.Special.NONE;
        MatchMethod method = derived ? aclKw.method() : defaultMethod(expr.outputType());

        PatternStore store = PatternStore.of(cc.global());
        List<PatternMatcher> matchers = new ArrayList<>();
        boolean ignoreCase = false;
        boolean noDns = false;
        boolean twoColumns = false;
        boolean endOfFlags = false;
        boolean files = false;
        int i = 1;
        for (; i < words.size(); i++) {
            String w = words.get(i);
            if (w.isEmpty() || w.charAt(0) != '-') {
                break;
            }
            switch (w) {
                case "-i" -> ignoreCase = true;
                case "-n" -> noDns = true;
                case "-M" -> twoColumns = true;
                case "-u" -> {
                    String id = i + 1 < words.size() ? words.get(++i) : "";
                    if (!id.isEmpty() && Integers.parse(id) == null) {
                        throw new AclException("the argument of -u must be an integer");
                    }
                    // HAProxy forces the reference's id with it; Fulcrum numbers references itself
                }
                case "-m" -> {
                    String m = i + 1 < words.size() ? words.get(++i) : "";
                    method = MatchMethod.of(m);
                    if (method == null) {
                        throw new AclException("unknown matching method '" + m + "' when parsing ACL expression");
                    }
                    special = AclKeyword.Special.NONE;
                }
                case "-f" -> {
                    String file = i + 1 < words.size() ? words.get(++i) : "";
                    checkMethod(method, expr);
                    PatternRef ref;
                    try {
                        ref = store.file(file, twoColumns, "acl", cc.location());
                    } catch (IllegalArgumentException e) {
                        throw new AclException(e.getMessage());
                    }
                    matchers.add(matcher(ref, method, ignoreCase, noDns));
                    files = true;
                }
                case "--" -> endOfFlags = true;
                default -> throw new AclException("'" + w + "' is not a valid ACL option. Please use '--' before "
                        + "any pattern beginning with a '-'");
            }
            if (endOfFlags) {
                i++;
                break;
            }
        }
        checkMethod(method, expr);
        List<String> patterns = patterns(words.subList(i, words.size()), method, special);
        String userlist = null;
        List<String> groups = List.of();
        if (special == AclKeyword.Special.AUTH_GROUP) {
            userlist = argument(criterion);
            groups = patterns;
        }
        // like HAProxy, every acl line has a reference of its own for its inline patterns, even an empty one
        PatternRef inline = store.inline(keyword, cc.location(), patterns);
        matchers.add(matcher(inline, method, ignoreCase, noDns));
        if (patterns.isEmpty() && !files && !endOfFlags && method.usesPatterns()) {
            warnings.accept("parsing acl keyword '" + criterion + "' :\n"
                    + "  no pattern to match against were provided, so this ACL will never match.\n"
                    + "  If this is what you intended, please add '--' to get rid of this warning.\n"
                    + "  If you intended to match only for existence, please use '-m found'.\n"
                    + "  If you wanted to force an int to match as a bool, please use '-m bool'.");
        }
        return new AclTerm(keyword, expr, method, matchers, special == AclKeyword.Special.METHOD, userlist, groups,
                cc.location());
    }

    /** The keyword a criterion starts with ({@code hdr_beg} in {@code hdr_beg(host),lower}). */
    static String keyword(String criterion) {
        int i = 0;
        while (i < criterion.length() && criterion.charAt(i) != '(' && criterion.charAt(i) != ',') {
            i++;
        }
        return criterion.substring(0, i);
    }

    private static String argument(String criterion) {
        int open = criterion.indexOf('(');
        int close = criterion.indexOf(')', open + 1);
        return open < 0 || close < 0 ? "" : criterion.substring(open + 1, close);
    }

    /** The method implied by a fetch's type (configuration.txt 7.1): binary and others need {@code -m}. */
    private static MatchMethod defaultMethod(SampleType type) {
        return switch (type) {
            case BOOL -> MatchMethod.BOOL;
            case SINT -> MatchMethod.INT;
            case IPV4, IPV6, ADDR -> MatchMethod.IP;
            case STR -> MatchMethod.STR;
            default -> null;
        };
    }

    private static void checkMethod(MatchMethod method, SampleExpr expr) throws AclException {
        if (method == null) {
            throw new AclException("matching method must be specified first (using '-m') when using a sample "
                    + "fetch of this type ('" + expr.fetchName() + "')");
        }
        if (method != MatchMethod.FOUND && !method.input().acceptsFrom(expr.outputType())) {
            throw new AclException("matching method '" + method.word() + "' cannot be used with fetch keyword '"
                    + expr.fetchName() + "'");
        }
    }

    private static PatternMatcher matcher(PatternRef ref, MatchMethod method, boolean ignoreCase, boolean noDns)
            throws AclException {
        try {
            return ref.matcher(method, ignoreCase, noDns, null);
        } catch (IllegalArgumentException e) {
            throw new AclException(e.getMessage());
        }
    }

    /**
     * Pattern words as stored in the reference: integer operators are folded into
     * ranges ({@code lt 5} becomes {@code :4}) and dotted versions into integers,
     * so the reference holds plain patterns of the method.
     */
    private static List<String> patterns(List<String> words, MatchMethod method, AclKeyword.Special special)
            throws AclException {
        boolean integers = method == MatchMethod.INT || method == MatchMethod.LEN;
        List<String> out = new ArrayList<>(words.size());
        String op = "eq";
        for (String w : words) {
            if (integers && (w.equals("eq") || w.equals("ge") || w.equals("gt") || w.equals("le") || w.equals("lt"))) {
                op = w;
                continue;
            }
            String p = special == AclKeyword.Special.DOTTED ? dottedRange(w) : w;
            out.add(integers && !op.equals("eq") ? withOperator(op, p) : p);
        }
        return out;
    }

    private static String withOperator(String op, String value) throws AclException {
        Long v = Integers.parse(value);
        if (v == null) {
            throw new AclException("'" + value + "' is not a number");
        }
        return switch (op) {
            case "ge" -> v + ":";
            case "gt" -> (v == Long.MAX_VALUE ? v : v + 1) + ":";
            case "le" -> ":" + v;
            default -> ":" + (v == Long.MIN_VALUE ? v : v - 1);
        };
    }

    /** {@code 3.1}, {@code 3:3.1}... with each bound as major * 65536 + minor. */
    private static String dottedRange(String w) throws AclException {
        int colon = w.indexOf(':');
        if (colon < 0) {
            return Long.toString(dotted(w));
        }
        String a = w.substring(0, colon);
        String b = w.substring(colon + 1);
        return (a.isEmpty() ? "" : Long.toString(dotted(a))) + ":" + (b.isEmpty() ? "" : Long.toString(dotted(b)));
    }

    private static long dotted(String w) throws AclException {
        int dot = w.indexOf('.');
        Long major = Integers.parse(dot < 0 ? w : w.substring(0, dot));
        Long minor = dot < 0 ? Long.valueOf(0) : Integers.parse(w.substring(dot + 1));
        if (major == null || minor == null || major < 0 || minor < 0 || minor > 65535) {
            throw new AclException("'" + w + "' is not a dotted number");
        }
        return major << 16 | minor;
    }
}
