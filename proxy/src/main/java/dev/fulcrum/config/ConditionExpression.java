package dev.fulcrum.config;

import dev.fulcrum.Fulcrum;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Evaluates the conditions of {@code .if}/{@code .elif} and of {@code -cc}.
 *
 * <pre>
 *   expr  := and ( "||" and )*
 *   and   := unary ( "&amp;&amp;" unary )*
 *   unary := "!" unary | "(" expr ")" | integer | predicate [ "(" args ")" ]
 * </pre>
 *
 * An empty condition is false. Predicates: {@code defined}, {@code feature},
 * {@code streq}, {@code strneq}, {@code version_atleast}, {@code version_before};
 * versions compare against {@link Fulcrum#HAPROXY_COMPAT}.
 */
public final class ConditionExpression {

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
     * @throws IllegalArgumentException with HAProxy's wording when the text does not parse
     */
    public static boolean evaluate(String text, Function<String, String> environment) {
        ConditionExpression e = new ConditionExpression(text, environment);
        e.skipBlanks();
        if (e.pos >= text.length()) {
            return false;
        }
        boolean result = e.orExpr();
        e.skipBlanks();
        if (e.pos < text.length()) {
            throw new IllegalArgumentException("unexpected character '" + text.charAt(e.pos)
                    + "' at the end of conditional expression '" + text + "'");
        }
        return result;
    }

    // Both operands are always parsed (so that syntax errors are found), but the
    // result short-circuits as the documentation describes.
    private boolean orExpr() {
        boolean value = andExpr();
        while (consume("||")) {
            boolean right = andExpr();
            value = value || right;
        }
        return value;
    }

    private boolean andExpr() {
        boolean value = unary();
        while (consume("&&")) {
            boolean right = unary();
            value = value && right;
        }
        return value;
    }

    private boolean unary() {
        skipBlanks();
        if (consume("!")) {
            return !unary();
        }
        int termStart = pos;
        if (consume("(")) {
            boolean value = orExpr();
            skipBlanks();
            if (!consume(")")) {
                throw new IllegalArgumentException("expected ')' after conditional expression '"
                        + text.substring(termStart) + "'");
            }
            return value;
        }
        if (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '-')) {
            int end = pos + 1;
            while (end < text.length() && Character.isDigit(text.charAt(end))) {
                end++;
            }
            String digits = text.substring(pos, end);
            pos = end;
            try {
                return Long.parseLong(digits) != 0;
            } catch (NumberFormatException e) {
                throw unparsable(termStart);
            }
        }
        int end = pos;
        while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
            end++;
        }
        String name = text.substring(pos, end);
        Predicate predicate = Predicate.byName(name);
        if (predicate == null) {
            throw unparsable(termStart);
        }
        pos = end;
        List<String> args = arguments();
        if (args.size() < predicate.arity) {
            throw new IllegalArgumentException("missing arguments (got " + args.size() + "/" + predicate.arity
                    + "), type 'string' expected in argument " + (args.size() + 1) + " of predicate '" + name
                    + "' used in conditional expression");
        }
        if (args.size() > predicate.arity) {
            throw new IllegalArgumentException("end of arguments expected at position " + (predicate.arity + 1)
                    + ", but got '" + args.get(predicate.arity) + "' in predicate '" + name
                    + "' used in conditional expression");
        }
        return predicate.test(args, environment);
    }

    private IllegalArgumentException unparsable(int termStart) {
        return new IllegalArgumentException("unparsable conditional expression '" + text.substring(termStart) + "'");
    }

    /** Parses {@code (a,b,...)} with quoting as in keyword arguments; absent parentheses mean no args. */
    private List<String> arguments() {
        List<String> args = new ArrayList<>();
        if (pos >= text.length() || text.charAt(pos) != '(') {
            return args;
        }
        int open = pos++;
        StringBuilder arg = new StringBuilder();
        boolean any = false;
        char quote = 0;
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (quote != 0) {
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
                    any = true;
                }
                case '\\' -> {
                    if (pos < text.length()) {
                        arg.append(text.charAt(pos++));
                    }
                    any = true;
                }
                case ',' -> {
                    args.add(arg.toString());
                    arg.setLength(0);
                    any = true;
                }
                case ')' -> {
                    if (any || !arg.isEmpty()) {
                        args.add(arg.toString());
                    }
                    return args;
                }
                default -> {
                    arg.append(c);
                    any = true;
                }
            }
        }
        throw new IllegalArgumentException("expected ')' after conditional expression '" + text.substring(open) + "'");
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
