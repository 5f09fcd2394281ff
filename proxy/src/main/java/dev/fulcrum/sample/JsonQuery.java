package dev.fulcrum.sample;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code json_query} converter's search: haproxy 2.6's JSON path subset
 * ({@code $}, {@code .key} with {@code \.} for a dot inside a key, {@code [n]})
 * over a JSON text, and its way of turning what it finds into a sample.
 *
 * <p>Like haproxy the scan is lazy: it stops at the first value at the path,
 * so malformed JSON after it does not matter, and only strings, numbers and
 * booleans can be returned (null, arrays and objects fail). Strings are
 * unescaped with haproxy's reduced set: {@code \b \f \n \r \t \\ \"}, and
 * a backslash-u escape 00XX as the single byte XX; anything else fails.
 */
final class JsonQuery {

    private static final long SAFE_INT = (1L << 53) - 1;

    /** A compiled path: each step a key ({@link String}) or an index ({@link Integer}); {@code null} never matches. */
    private final List<Object> steps;
    private final boolean asInt;

    private JsonQuery(List<Object> steps, boolean asInt) {
        this.steps = steps;
        this.asInt = asInt;
    }

    /** Compiles {@code json_query(<path>[,<output_type>])}; a path haproxy would never match compiles to one that fails. */
    static JsonQuery compile(String path, String outputType) throws ArgException {
        if (path.isEmpty()) {
            throw new ArgException("json_path must not be empty.");
        }
        if (!outputType.isEmpty() && !outputType.equals("int")) {
            throw new ArgException("output_type only supports \"int\" as argument.");
        }
        return new JsonQuery(parsePath(path), outputType.equals("int"));
    }

    private static List<Object> parsePath(String p) {
        if (p.charAt(0) != '$') {
            return null;
        }
        List<Object> steps = new ArrayList<>();
        int i = 1;
        while (i < p.length()) {
            char c = p.charAt(i);
            if (c == '.') {
                StringBuilder key = new StringBuilder();
                i++;
                while (i < p.length() && p.charAt(i) != '.' && p.charAt(i) != '[') {
                    if (p.charAt(i) == '\\' && i + 1 < p.length()) {
                        i++;
                    }
                    key.append(p.charAt(i++));
                }
                steps.add(key.toString());
            } else if (c == '[') {
                int end = p.indexOf(']', i);
                if (end < 0) {
                    return null;
                }
                try {
                    steps.add(Integer.parseInt(p.substring(i + 1, end)));
                } catch (NumberFormatException e) {
                    return null;
                }
                i = end + 1;
            } else {
                return null;
            }
        }
        return List.copyOf(steps);
    }

    /** Replaces the sample (a JSON text) by the value at the path; false when there is none to give. */
    boolean apply(Sample s) {
        if (steps == null) {
            return false;
        }
        String json = s.str();
        Scanner sc = new Scanner(json);
        if (!sc.find(steps, 0)) {
            return false;
        }
        int start = sc.valueStart;
        int end = sc.valueEnd;
        return switch (json.charAt(start)) {
            case '"' -> {
                String v = unescape(json, start + 1, end - 1);
                yield v != null && s.setStr(v);
            }
            case 't' -> s.setBool(true);
            case 'f' -> s.setBool(false);
            case 'n', '[', '{' -> false;
            default -> asInt ? integer(json.substring(start, end), s) : s.setStr(formatG(json.substring(start, end)));
        };
    }

    /** The number as C's strtoll with base 0 reads it, kept only within JSON's safe integer range. */
    private static boolean integer(String t, Sample s) {
        int i = 0;
        boolean neg = false;
        if (i < t.length() && (t.charAt(i) == '-' || t.charAt(i) == '+')) {
            neg = t.charAt(i++) == '-';
        }
        int radix = 10;
        if (t.startsWith("0x", i) || t.startsWith("0X", i)) {
            radix = 16;
            i += 2;
        } else if (t.startsWith("0", i)) {
            radix = 8;
        }
        long v = 0;
        for (; i < t.length(); i++) {
            int d = Character.digit(t.charAt(i), radix);
            if (d < 0) {
                break;
            }
            v = v * radix + d;
            if (v > SAFE_INT) {
                return false;
            }
        }
        return s.setSint(neg ? -v : v);
    }

    /** C's {@code printf("%g")}: six significant digits, no trailing zeros, an exponent outside 1e-4..1e6. */
    static String formatG(String number) {
        double v;
        try {
            v = Double.parseDouble(number);
        } catch (NumberFormatException e) {
            return "0";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return 1 / v < 0 ? "-0" : "0";
        }
        BigDecimal bd = new BigDecimal(v).round(new MathContext(6, RoundingMode.HALF_EVEN));
        int exp = bd.precision() - bd.scale() - 1;
        if (exp < -4 || exp >= 6) {
            String digits = stripZeros(bd.unscaledValue().abs().toString());
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            String e = Integer.toString(Math.abs(exp));
            return (v < 0 ? "-" : "") + mantissa + (exp < 0 ? "e-" : "e+") + (e.length() < 2 ? "0" + e : e);
        }
        String plain = bd.setScale(Math.max(0, 5 - exp), RoundingMode.HALF_EVEN).toPlainString();
        if (plain.indexOf('.') >= 0) {
            plain = stripZeros(plain);
            if (plain.endsWith(".")) {
                plain = plain.substring(0, plain.length() - 1);
            }
        }
        return plain;
    }

    private static String stripZeros(String s) {
        int n = s.length();
        while (n > 1 && s.charAt(n - 1) == '0') {
            n--;
        }
        return s.substring(0, n);
    }

    /** The string between {@code from} and {@code to} unescaped, or {@code null} for an escape haproxy refuses. */
    private static String unescape(String j, int from, int to) {
        if (j.indexOf('\\', from) < 0 || j.indexOf('\\', from) >= to) {
            return j.substring(from, to);
        }
        StringBuilder b = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            char c = j.charAt(i);
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (++i >= to) {
                return null;
            }
            switch (j.charAt(i)) {
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case '\\' -> b.append('\\');
                case '"' -> b.append('"');
                case 'u' -> {
                    if (i + 4 >= to || j.charAt(i + 1) != '0' || j.charAt(i + 2) != '0') {
                        return null;
                    }
                    int hi = Character.digit(j.charAt(i + 3), 16);
                    int lo = Character.digit(j.charAt(i + 4), 16);
                    if (hi < 0 || lo < 0) {
                        return null;
                    }
                    b.append((char) (hi << 4 | lo));
                    i += 4;
                }
                default -> {
                    return null;
                }
            }
        }
        return b.toString();
    }

    /** A cursor over the JSON text that skips values and stops at the one the path names. */
    private static final class Scanner {
        private final String j;
        private int pos;
        int valueStart;
        int valueEnd;

        Scanner(String j) {
            this.j = j;
        }

        /** Whether the value at the cursor holds the path from step {@code depth} on; sets the value's span. */
        boolean find(List<Object> steps, int depth) {
            skipSpace();
            if (pos >= j.length()) {
                return false;
            }
            if (depth == steps.size()) {
                valueStart = pos;
                if (!skipValue()) {
                    return false;
                }
                valueEnd = pos;
                return true;
            }
            Object step = steps.get(depth);
            char c = j.charAt(pos);
            if (c == '{' && step instanceof String key) {
                pos++;
                skipSpace();
                if (peek() == '}') {
                    return false;
                }
                while (true) {
                    skipSpace();
                    int keyStart = pos + 1;
                    if (peek() != '"' || !skipString()) {
                        return false;
                    }
                    String name = unescape(j, keyStart, pos - 1);
                    skipSpace();
                    if (peek() != ':') {
                        return false;
                    }
                    pos++;
                    if (key.equals(name)) {
                        return find(steps, depth + 1);
                    }
                    skipSpace();
                    if (!skipValue() || !nextMember()) {
                        return false;
                    }
                }
            }
            if (c == '[' && step instanceof Integer index) {
                pos++;
                skipSpace();
                if (peek() == ']') {
                    return false;
                }
                for (int n = 0; ; n++) {
                    if (n == index) {
                        return find(steps, depth + 1);
                    }
                    skipSpace();
                    if (!skipValue() || !nextMember()) {
                        return false;
                    }
                }
            }
            return false;
        }

        /** After a member: true at a comma (consumed); false at the closing bracket or anything else. */
        private boolean nextMember() {
            skipSpace();
            if (peek() == ',') {
                pos++;
                return true;
            }
            return false;
        }

        private char peek() {
            return pos < j.length() ? j.charAt(pos) : 0;
        }

        private void skipSpace() {
            while (pos < j.length()) {
                char c = j.charAt(pos);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return;
                }
                pos++;
            }
        }

        /** Moves past one whole value; false when it is malformed or cut. */
        private boolean skipValue() {
            skipSpace();
            char c = peek();
            switch (c) {
                case '"':
                    return skipString();
                case '{':
                case '[': {
                    char close = c == '{' ? '}' : ']';
                    pos++;
                    skipSpace();
                    if (peek() == close) {
                        pos++;
                        return true;
                    }
                    while (true) {
                        skipSpace();
                        if (c == '{') {
                            if (peek() != '"' || !skipString()) {
                                return false;
                            }
                            skipSpace();
                            if (peek() != ':') {
                                return false;
                            }
                            pos++;
                        }
                        if (!skipValue()) {
                            return false;
                        }
                        skipSpace();
                        if (peek() == ',') {
                            pos++;
                        } else if (peek() == close) {
                            pos++;
                            return true;
                        } else {
                            return false;
                        }
                    }
                }
                case 't':
                    return literal("true");
                case 'f':
                    return literal("false");
                case 'n':
                    return literal("null");
                default:
                    return skipNumber();
            }
        }

        private boolean literal(String word) {
            if (!j.startsWith(word, pos)) {
                return false;
            }
            pos += word.length();
            return true;
        }

        private boolean skipString() {
            for (int i = pos + 1; i < j.length(); i++) {
                char c = j.charAt(i);
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    pos = i + 1;
                    return true;
                } else if (c == 0) {
                    return false;
                }
            }
            return false;
        }

        /** A number as haproxy's scanner takes it: an optional minus, a digit, then digits, dots, exponents. */
        private boolean skipNumber() {
            if (peek() == '-') {
                pos++;
            }
            if (!Character.isDigit(peek())) {
                return false;
            }
            while (pos < j.length()) {
                char c = j.charAt(pos);
                if ((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
                    pos++;
                } else {
                    break;
                }
            }
            return true;
        }
    }
}
