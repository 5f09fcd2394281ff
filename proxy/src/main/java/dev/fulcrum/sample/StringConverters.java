package dev.fulcrum.sample;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import static dev.fulcrum.sample.ArgType.*;

/**
 * String converters (configuration.txt 7.3.1). Edge cases (indexes past the
 * end, empty fields, negative lengths, regex substitutions) follow what haproxy
 * 2.6 outputs for the same expressions.
 */
final class StringConverters implements SampleProvider {

    @Override
    public void register(SampleRegistry.Builder r) {
        r.converter("lower", SampleType.STR, SampleType.STR, (ctx, s) -> s.setStr(ascii(s.str(), false)));
        r.converter("upper", SampleType.STR, SampleType.STR, (ctx, s) -> s.setStr(ascii(s.str(), true)));
        r.converter("length", SampleType.STR, SampleType.SINT, (ctx, s) -> s.setSint(s.str().length()));
        r.converter("bytes", ArgSpec.of(1, SINT, SINT), SampleType.BIN, SampleType.BIN, (a, cc) -> {
            long off = a.sint(0);
            long len = a.sint(1, -1);
            return (ctx, s) -> {
                if (off < 0) {
                    return false;
                }
                int size = s.binLength();
                int start = (int) Math.min(off, size);
                int end = len < 0 ? size : (int) Math.min(size, start + len);
                return s.setBin(s.binArray(), s.binOffset() + start, end - start);
            };
        });
        r.converter("field", ArgSpec.of(2, SINT, STR, SINT), SampleType.STR, SampleType.STR,
                (a, cc) -> fieldOrWord(a, false));
        r.converter("word", ArgSpec.of(2, SINT, STR, SINT), SampleType.STR, SampleType.STR,
                (a, cc) -> fieldOrWord(a, true));
        r.converter("regsub", ArgSpec.of(2, REG, STR, STR), SampleType.STR, SampleType.STR, StringConverters::regsub);
        r.converter("ltrim", ArgSpec.of(1, STR), SampleType.STR, SampleType.STR, (a, cc) -> {
            String chars = a.str(0);
            return (ctx, s) -> {
                String v = s.str();
                int i = 0;
                while (i < v.length() && chars.indexOf(v.charAt(i)) >= 0) {
                    i++;
                }
                return s.setStr(v.substring(i));
            };
        });
        r.converter("rtrim", ArgSpec.of(1, STR), SampleType.STR, SampleType.STR, (a, cc) -> {
            String chars = a.str(0);
            return (ctx, s) -> {
                String v = s.str();
                int i = v.length();
                while (i > 0 && chars.indexOf(v.charAt(i - 1)) >= 0) {
                    i--;
                }
                return s.setStr(v.substring(0, i));
            };
        });
        r.converter("cut_crlf", SampleType.STR, SampleType.STR, (ctx, s) -> {
            String v = s.str();
            int i = 0;
            while (i < v.length() && v.charAt(i) != '\r' && v.charAt(i) != '\n') {
                i++;
            }
            return s.setStr(v.substring(0, i));
        });
        r.converter("iif", ArgSpec.of(2, STR, STR), SampleType.BOOL, SampleType.STR, (a, cc) -> {
            String yes = a.str(0);
            String no = a.str(1);
            return (ctx, s) -> s.setStr(s.bool() ? yes : no);
        });
        r.converter("concat", ArgSpec.of(0, STR, VAR, STR), SampleType.STR, SampleType.STR, (a, cc) -> {
            String start = a.str(0, "");
            VarRef var = optionalVar(a.str(1, ""));
            String end = a.str(2, "");
            return (ctx, s) -> {
                StringBuilder b = new StringBuilder(s.str()).append(start);
                appendVar(ctx, var, b, s);
                return s.setStr(b.append(end).toString());
            };
        });
        r.converter("add_item", ArgSpec.of(2, STR, VAR, STR), SampleType.STR, SampleType.STR, (a, cc) -> {
            String delim = a.str(0);
            VarRef var = optionalVar(a.str(1, ""));
            String suffix = a.str(2, "");
            if (var == null && suffix.isEmpty()) {
                throw new ArgException("expects <var> or <suffix>");
            }
            return (ctx, s) -> {
                StringBuilder item = new StringBuilder();
                appendVar(ctx, var, item, s);
                item.append(suffix);
                String v = s.str();
                if (item.isEmpty()) {
                    return true;
                }
                return s.setStr(v.isEmpty() ? item.toString() : v + delim + item);
            };
        });
        r.converter("strcmp", ArgSpec.of(1, VAR), SampleType.STR, SampleType.SINT, (a, cc) -> {
            VarRef var = requiredVar(a.str(0));
            return (ctx, s) -> {
                Sample other = s.scratch();
                if (!var.get(ctx, other) || !other.castTo(SampleType.STR)) {
                    return false;
                }
                return s.setSint(compare(s.str(), other.str()));
            };
        });
        r.converter("host_only", SampleType.STR, SampleType.STR, (ctx, s) -> {
            String v = s.str();
            int colon = portColon(v);
            return s.setStr(ascii(colon < 0 ? v : v.substring(0, colon), false));
        });
        r.converter("port_only", SampleType.STR, SampleType.SINT, (ctx, s) -> {
            String v = s.str();
            int colon = portColon(v);
            long port = 0;
            for (int i = colon + 1; colon >= 0 && i < v.length(); i++) {
                port = port * 10 + (v.charAt(i) - '0'); // as HAProxy: digits are not checked
            }
            return s.setSint(port);
        });
    }

    /** ASCII-only case change, as HAProxy's converters do byte by byte. */
    static String ascii(String v, boolean upper) {
        char[] c = null;
        for (int i = 0; i < v.length(); i++) {
            char ch = v.charAt(i);
            char to = upper ? (ch >= 'a' && ch <= 'z' ? (char) (ch - 32) : ch) : (ch >= 'A' && ch <= 'Z' ? (char) (ch + 32) : ch);
            if (to != ch) {
                if (c == null) {
                    c = v.toCharArray();
                }
                c[i] = to;
            }
        }
        return c == null ? v : new String(c);
    }

    /** The colon before a port in a Host value ({@code name:80}, {@code [v6]:80}), or -1. */
    private static int portColon(String v) {
        int close = v.lastIndexOf(']');
        int colon = v.lastIndexOf(':');
        return colon > close ? colon : -1;
    }

    /** Byte difference at the first mismatch, else length difference. */
    private static long compare(String x, String y) {
        int n = Math.min(x.length(), y.length());
        for (int i = 0; i < n; i++) {
            int d = (x.charAt(i) & 0xff) - (y.charAt(i) & 0xff);
            if (d != 0) {
                return d;
            }
        }
        return x.length() - y.length();
    }

    static VarRef requiredVar(String name) throws ArgException {
        if (name.isEmpty()) {
            throw new ArgException("missing variable name");
        }
        return optionalVar(name);
    }

    static VarRef optionalVar(String name) throws ArgException {
        if (name.isEmpty()) {
            return null;
        }
        try {
            return VarRef.parse(name);
        } catch (IllegalArgumentException e) {
            throw new ArgException("failed to register variable name '" + name + "'");
        }
    }

    private static void appendVar(SampleContext ctx, VarRef var, StringBuilder b, Sample holder) {
        if (var == null) {
            return;
        }
        Sample v = holder.scratch();
        if (var.get(ctx, v) && v.castTo(SampleType.STR)) {
            b.append(v.str());
        }
    }

    /**
     * {@code field}: delimiter-separated fields, empty ones included. {@code word}:
     * runs of non-delimiters. The result is the original text from the first
     * selected item to the last; a count of 0 extends to the end (or, from the
     * end, to the start) of the input.
     */
    private static Converter fieldOrWord(Args a, boolean words) throws ArgException {
        long index = a.sint(0);
        String delims = a.str(1);
        long count = a.sint(2, 1);
        if (index == 0) {
            throw new ArgException("Unexpected value 0 for index");
        }
        if (delims.isEmpty()) {
            throw new ArgException("Empty separators list");
        }
        return (ctx, s) -> {
            String v = s.str();
            int[] bounds = items(v, delims, words);
            int n = bounds.length / 2;
            int first;
            int last;
            if (index > 0) {
                if (index > n) {
                    return false;
                }
                first = (int) index - 1;
                last = count == 0 ? n - 1 : (int) Math.min(n - 1, index - 1 + count - 1);
                int end = count == 0 ? v.length() : bounds[2 * last + 1];
                return s.setStr(v.substring(bounds[2 * first], end));
            }
            if (-index > n) {
                return false;
            }
            last = n + (int) index;
            first = count == 0 ? 0 : (int) Math.max(0, last - count + 1);
            int start = count == 0 ? 0 : bounds[2 * first];
            return s.setStr(v.substring(start, bounds[2 * last + 1]));
        };
    }

    /** Start and end offsets of each item, flattened. */
    private static int[] items(String v, String delims, boolean words) {
        int[] b = new int[8];
        int n = 0;
        int i = 0;
        int len = v.length();
        if (!words) {
            int start = 0;
            for (; i <= len; i++) {
                if (i == len || delims.indexOf(v.charAt(i)) >= 0) {
                    if (2 * n + 2 > b.length) {
                        b = java.util.Arrays.copyOf(b, b.length * 2);
                    }
                    b[2 * n] = start;
                    b[2 * n + 1] = i;
                    n++;
                    start = i + 1;
                }
            }
            return java.util.Arrays.copyOf(b, 2 * n);
        }
        while (i < len) {
            while (i < len && delims.indexOf(v.charAt(i)) >= 0) {
                i++;
            }
            if (i >= len) {
                break;
            }
            int start = i;
            while (i < len && delims.indexOf(v.charAt(i)) < 0) {
                i++;
            }
            if (2 * n + 2 > b.length) {
                b = java.util.Arrays.copyOf(b, b.length * 2);
            }
            b[2 * n] = start;
            b[2 * n + 1] = i;
            n++;
        }
        return java.util.Arrays.copyOf(b, 2 * n);
    }

    /**
     * {@code regsub(regex,subst[,flags])}: like sed's {@code s///}. In the
     * substitution {@code \0}-{@code \9} insert groups and a backslash before any
     * other character inserts that character.
     */
    private static Converter regsub(Args a, CompileContext cc) throws ArgException {
        String flags = a.str(2, "");
        boolean global = false;
        boolean icase = false;
        for (char f : flags.toCharArray()) {
            switch (f) {
                case 'g' -> global = true;
                case 'i' -> icase = true;
                default -> throw new ArgException("invalid regex flag '" + f + "', only 'i' and 'g' are supported");
            }
        }
        if (a.str(0).isEmpty()) {
            throw new ArgException("missing regex in arg 1");
        }
        Pattern p = compileRegex(a.str(0), icase);
        String subst = a.str(1);
        boolean all = global;
        return (ctx, s) -> {
            String v = s.str();
            Matcher m = p.matcher(v);
            try {
                if (!m.find()) {
                    return true;
                }
                StringBuilder b = new StringBuilder(v.length() + 16);
                int last = 0;
                do {
                    b.append(v, last, m.start());
                    substitute(m, subst, b);
                    last = m.end();
                } while (all && m.find());
                b.append(v, last, v.length());
                return s.setStr(b.toString());
            } catch (StackOverflowError e) {
                return false; // java.util.regex recursion on a pathological input: the conversion fails
            }
        };
    }

    private static void substitute(Matcher m, String subst, StringBuilder b) {
        for (int i = 0; i < subst.length(); i++) {
            char c = subst.charAt(i);
            if (c == '\\' && i + 1 < subst.length()) {
                char n = subst.charAt(++i);
                if (n >= '0' && n <= '9') {
                    int g = n - '0';
                    if (g <= m.groupCount() && m.group(g) != null) {
                        b.append(m.group(g));
                    }
                } else {
                    b.append(n);
                }
            } else {
                b.append(c);
            }
        }
    }

    /** Compiles a regex with HAProxy's message shape on error. */
    static Pattern compileRegex(String regex, boolean icase) throws ArgException {
        try {
            return Pattern.compile(regex, icase ? Pattern.CASE_INSENSITIVE : 0);
        } catch (PatternSyntaxException e) {
            throw new ArgException(RegexErrors.message(regex, e));
        }
    }
}
