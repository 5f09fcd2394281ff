package dev.fulcrum.config;

import dev.fulcrum.Fulcrum;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Evaluates the conditions of {@code .if}/{@code .elif} and of {@code -cc}.
 *
 * <pre>
 *   expr := and ( "||" and )*
 *   and  := term ( "&amp;&amp;" term )*
 *   term := "!"* ( "(" expr ")" | integer | predicate [ "(" args ")" ] )
 * </pre>
 *
 * An empty condition is false. Predicates: {@code defined}, {@code feature},
 * {@code streq}, {@code strneq}, {@code version_atleast}, {@code version_before};
 * versions compare against {@link Fulcrum#HAPROXY_COMPAT}. A predicate written
 * without parentheses, or with empty ones, gets one empty argument, as in HAProxy
 * ({@code defined} is then false and {@code streq} lacks its second argument).
 *
 * <p>Errors carry the text and the position HAProxy reports for the same input
 * (observed with {@code haproxy -cc} and {@code .if} lines of HAProxy 2.6): where an
 * operand is missing after {@code &&}, HAProxy points at the first {@code &&} of
 * the chain; after {@code ||}, it quotes and points at the enclosing parenthesis,
 * or quotes the whole expression and points at its first {@code ||}.
 */
public final class ConditionExpression {

    /**
     * A condition that does not parse. {@link #position()} is the 1-based offset in
     * the expression that HAProxy's caret points at.
     */
    public static final class SyntaxException extends IllegalArgumentException {

        private final int position;

        SyntaxException(String message, int offset) {
            super(message, null);
            this.position = offset + 1;
        }

        public int position() {
            return position;
        }

        /**
         * HAProxy's rendering in a configuration file: the message, the directive and
         * position, then the directive line rebuilt from its words, with a caret.
         */
        public String render(String directive, String expression) {
            return getMessage() + " in '" + directive + "' at position " + position + ":\n  " + directive + " "
                    + expression + "\n  " + " ".repeat(directive.length() + position) + "^";
        }
    }

    /** A term that found nothing to parse; its caller knows what to point at. */
    private static final class Missing extends RuntimeException {
        final int at;

        Missing(int at) {
            super(null, null, false, false);
            this.at = at;
        }
    }

    private final String text;
    private final Function<String, String> environment;
    private int pos;

    private ConditionExpression(String text, Function<String, String> environment) {
        this.text = text;
        this.environment = environment;
    }

    /**
     * Evaluates {@code text}.
     *
     * @param environment returns a variable's value or {@code null} when unset
     * @throws SyntaxException with HAProxy's wording when the text does not parse
     */
    public static boolean evaluate(String text, Function<String, String> environment) {
        ConditionExpression e = new ConditionExpression(text, environment);
        e.skipBlanks();
        if (e.pos >= text.length()) {
            return false;
        }
        boolean result;
        try {
            result = e.orExpr();
        } catch (Missing m) {
            throw new SyntaxException("unparsable conditional expression '" + text + "'", m.at >= 0 ? m.at : 0);
        }
        e.skipBlanks();
        if (e.pos < text.length()) {
            throw new SyntaxException("unexpected character '" + text.charAt(e.pos)
                    + "' at the end of conditional expression '" + text + "'", e.pos);
        }
        return result;
    }

    // Both operands are always parsed (so that syntax errors are found), but the
    // result short-circuits as the documentation describes.
    private boolean orExpr() {
        boolean value = andExpr();
        int firstOr = -1;
        while (true) {
            skipBlanks();
            int at = pos;
            if (!consume("||")) {
                return value;
            }
            if (firstOr < 0) {
                firstOr = at;
            }
            boolean right;
            try {
                right = andExpr();
            } catch (Missing m) {
                throw new Missing(firstOr);
            }
            value = value || right;
        }
    }

    private boolean andExpr() {
        boolean value = term();
        int firstAnd = -1;
        while (true) {
            skipBlanks();
            int at = pos;
            if (!consume("&&")) {
                return value;
            }
            if (firstAnd < 0) {
                firstAnd = at;
            }
            boolean right;
            try {
                right = term();
            } catch (Missing m) {
                throw new SyntaxException("unparsable conditional expression '" + text.substring(firstAnd) + "'",
                        firstAnd);
            }
            value = value && right;
        }
    }

    private boolean term() {
        skipBlanks();
        int termStart = pos;
        if (pos >= text.length()) {
            throw new Missing(-1);
        }
        boolean negate = false;
        while (consume("!")) {
            negate = !negate;
        }
        skipBlanks();
        return negate != operand(termStart);
    }

    private boolean operand(int termStart) {
        if (consume("(")) {
            boolean value;
            try {
                value = orExpr();
            } catch (Missing m) {
                throw new SyntaxException("unparsable conditional expression '" + text.substring(termStart) + "'",
                        termStart);
            }
            skipBlanks();
            if (!consume(")")) {
                throw new SyntaxException("expected ')' after conditional expression '"
                        + text.substring(termStart) + "'", termStart);
            }
            return value;
        }
        if (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '-')) {
            int end = pos + 1;
            while (end < text.length() && Character.isDigit(text.charAt(end))) {
                end++;
            }
            String digits = text.substring(pos, end);
            try {
                long n = Long.parseLong(digits);
                pos = end;
                return n != 0;
            } catch (NumberFormatException e) {
                throw unparsable(termStart);
            }
        }
        int end = pos;
        while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
            end++;
        }
        Predicate predicate = Predicate.byName(text.substring(pos, end));
        if (predicate == null) {
            throw unparsable(termStart);
        }
        pos = end;
        return predicate.test(arguments(predicate), environment);
    }

    private SyntaxException unparsable(int termStart) {
        return new SyntaxException("unparsable conditional expression '" + text.substring(termStart) + "'",
                termStart);
    }

    /**
     * Parses {@code (a,b,...)} with quoting as in keyword arguments. Absent or empty
     * parentheses give one empty argument.
     */
    private List<String> arguments(Predicate predicate) {
        List<String> args = new ArrayList<>();
        if (pos >= text.length() || text.charAt(pos) != '(') {
            args.add("");
            return checkCount(predicate, args, pos);
        }
        pos++;
        StringBuilder arg = new StringBuilder();
        char quote = 0;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (quote != 0) {
                pos++;
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && pos < text.length()) {
                    arg.append(text.charAt(pos++));
                } else {
                    arg.append(c);
                }
                continue;
            }
            switch (c) {
                case '"', '\'' -> {
                    quote = c;
                    pos++;
                }
                case '\\' -> {
                    pos++;
                    if (pos < text.length()) {
                        arg.append(text.charAt(pos++));
                    }
                }
                case ',' -> {
                    if (args.size() + 1 >= predicate.arity) {
                        throw new SyntaxException("expected ')' before '" + text.substring(pos) + "' in argument 1"
                                + predicate.usedIn(), pos);
                    }
                    args.add(arg.toString());
                    arg.setLength(0);
                    pos++;
                }
                case ')' -> {
                    args.add(arg.toString());
                    int close = pos++;
                    return checkCount(predicate, args, close);
                }
                default -> {
                    arg.append(c);
                    pos++;
                }
            }
        }
        throw new SyntaxException("expected ')' in argument 1" + predicate.usedIn(), pos);
    }

    private static List<String> checkCount(Predicate predicate, List<String> args, int at) {
        if (args.size() < predicate.arity) {
            throw new SyntaxException("missing arguments (got " + args.size() + "/" + predicate.arity
                    + "), type 'string' expected in argument 1" + predicate.usedIn(), at);
        }
        return args;
    }

    private boolean consume(String token) {
        skipBlanks();
        if (text.startsWith(token, pos)) {
            pos += token.length();
            return true;
        }
        return false;
    }

    private void skipBlanks() {
        while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
            pos++;
        }
    }

    private enum Predicate {
        DEFINED("defined", 1),
        FEATURE("feature", 1),
        STREQ("streq", 2),
        STRNEQ("strneq", 2),
        VERSION_ATLEAST("version_atleast", 1),
        VERSION_BEFORE("version_before", 1);

        final String keyword;
        final int arity;

        Predicate(String keyword, int arity) {
            this.keyword = keyword;
            this.arity = arity;
        }

        static Predicate byName(String name) {
            for (Predicate p : values()) {
                if (p.keyword.equals(name)) {
                    return p;
                }
            }
            return null;
        }

        String usedIn() {
            return " of predicate '" + keyword + "' used in conditional expression";
        }

        boolean test(List<String> args, Function<String, String> env) {
            return switch (this) {
                case DEFINED -> env.apply(args.get(0)) != null;
                case FEATURE -> Fulcrum.hasFeature(args.get(0));
                case STREQ -> args.get(0).equals(args.get(1));
                case STRNEQ -> !args.get(0).equals(args.get(1));
                case VERSION_ATLEAST -> HaproxyVersion.compare(Fulcrum.HAPROXY_COMPAT, args.get(0)) >= 0;
                case VERSION_BEFORE -> HaproxyVersion.compare(Fulcrum.HAPROXY_COMPAT, args.get(0)) < 0;
            };
        }
    }
}
