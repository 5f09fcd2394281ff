package dev.fulcrum.logformat;

import dev.fulcrum.sample.CompileContext;
import dev.fulcrum.sample.Sample;
import dev.fulcrum.sample.SampleContext;
import dev.fulcrum.sample.SampleExpr;
import dev.fulcrum.sample.SampleParseException;
import dev.fulcrum.sample.SampleSource;
import dev.fulcrum.sample.Samples;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A compiled HAProxy log-format string (configuration.txt 8.2.6): literal text,
 * {@code %%}, {@code %<var>} and {@code %[<sample expression>]}, each optionally
 * preceded by flags {@code %{+Q,-E,+X}}; {@code %o} sets flags for every field
 * after it. Used for {@code log-format}, {@code unique-id-format}, header values,
 * {@code lf-string} and dynamic {@code use_backend} names. Immutable; rendering
 * appends to a caller-provided {@link StringBuilder} and never throws.
 */
public final class LogFormat {

    /** Where the rendered text goes, which decides how missing values and samples are written. */
    public enum Target {
        /** a log line: missing values print {@code -}, flags apply to samples */
        LOG,
        /** an HTTP value (header, lf-string, backend name): missing values print nothing,
         *  samples are not quoted, control characters are {@code %XX}-encoded */
        HTTP
    }

    /** One piece of the format. */
    private sealed interface Node permits Text, Sep, Var, Expr {
    }

    /**
     * A run of spaces. HAProxy writes one space for it, and none when the output
     * so far is empty or already ends with a separator whose following field
     * wrote nothing (an empty {@code %hr} leaves a single space).
     */
    private record Sep() implements Node {
    }

    private static final Sep SEP = new Sep();

    private record Text(String text) implements Node {
    }

    private record Var(LogVar var, int flags) implements Node {
    }

    private record Expr(SampleExpr expr, int flags) implements Node {
    }

    private final String source;
    private final Target target;
    private final Node[] nodes;
    private final Set<LogVar> variables;

    private LogFormat(String source, Target target, List<Node> nodes) {
        this.source = source;
        this.target = target;
        this.nodes = nodes.toArray(Node[]::new);
        EnumSet<LogVar> vars = EnumSet.noneOf(LogVar.class);
        for (Node n : nodes) {
            if (n instanceof Var v) {
                vars.add(v.var());
            }
        }
        this.variables = Set.copyOf(vars);
    }

    /**
     * Compiles {@code text}. Sample expressions are checked against
     * {@code cc.site()}: one that needs data that cannot exist there is refused
     * with HAProxy's message.
     */
    public static LogFormat parse(String text, CompileContext cc, Target target) throws LogFormatException {
        return new Parser(text, cc, target == Target.LOG).parse(target);
    }

    /**
     * Compiles {@code text}, choosing whether runs of spaces are merged into one
     * separator: haproxy merges them in {@code log-format}, {@code log-format-sd}
     * and {@code unique-id-format}, and keeps them elsewhere.
     */
    public static LogFormat parse(String text, CompileContext cc, Target target, boolean mergeSpaces)
            throws LogFormatException {
        return new Parser(text, cc, mergeSpaces).parse(target);
    }

    /** Renders the format for one stream, appending to {@code out}. */
    public void render(SampleContext ctx, LogVariables vars, StringBuilder out) {
        render(ctx, vars, out, new Sample());
    }

    /** As {@link #render(SampleContext, LogVariables, StringBuilder)}, evaluating samples in {@code scratch}. */
    public void render(SampleContext ctx, LogVariables vars, StringBuilder out, Sample scratch) {
        LogValueWriter w = new LogValueWriter(out, target == Target.HTTP);
        boolean lastIsSpace = true;
        for (Node n : nodes) {
            int before = out.length();
            switch (n) {
                case Text t -> out.append(t.text());
                case Sep s -> {
                    if (!lastIsSpace) {
                        out.append(' ');
                    }
                    lastIsSpace = true;
                    continue;
                }
                case Var v -> {
                    w.begin(v.var().kind(), v.flags());
                    if (vars != null) {
                        vars.write(v.var(), w);
                    }
                    if (!w.written()) {
                        w.missing();
                    }
                }
                case Expr e -> {
                    w.begin(LogVar.Kind.STRING, e.flags());
                    w.sample(e.expr().eval(ctx, scratch) ? scratch.text() : null);
                }
            }
            // a field ends a run of separators even when it wrote nothing (an empty %HQ keeps both
            // spaces around it), except the header captures, which vanish with their separator
            // when the proxy declares none, as in haproxy
            if (out.length() > before || !(n instanceof Var v && v.var().isHeaderCapture())) {
                lastIsSpace = false;
            }
        }
    }

    /** Renders into a new string. */
    public String render(SampleContext ctx, LogVariables vars) {
        StringBuilder b = new StringBuilder(64);
        render(ctx, vars, b);
        return b.toString();
    }

    /** Whether the format is literal text only ({@code use_backend} then names a backend directly). */
    public boolean isConstant() {
        for (Node n : nodes) {
            if (!(n instanceof Text) && !(n instanceof Sep)) {
                return false;
            }
        }
        return true;
    }

    /** The text of a constant format. */
    public String constantText() {
        StringBuilder b = new StringBuilder();
        boolean lastIsSpace = true;
        for (Node n : nodes) {
            if (n instanceof Text t) {
                b.append(t.text());
                lastIsSpace = t.text().isEmpty() && lastIsSpace;
            } else if (n instanceof Sep && !lastIsSpace) {
                b.append(' ');
                lastIsSpace = true;
            }
        }
        return b.toString();
    }

    /** The {@code %} variables the format uses, so the logger knows what to measure. */
    public Set<LogVar> variables() {
        return variables;
    }

    public Target target() {
        return target;
    }

    /** The format as written. */
    @Override
    public String toString() {
        return source;
    }

    /** Reads a format string left to right. */
    private static final class Parser {
        private final String s;
        private final CompileContext cc;
        private final List<Node> nodes = new ArrayList<>();
        private final StringBuilder text = new StringBuilder();
        private int global;
        private final boolean mergeSpaces;

        Parser(String s, CompileContext cc, boolean mergeSpaces) {
            this.s = s;
            this.cc = cc;
            this.mergeSpaces = mergeSpaces;
        }

        LogFormat parse(Target target) throws LogFormatException {
            int i = 0;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == ' ' && mergeSpaces) {
                    // log lines collapse spaces (haproxy's separators); HTTP values keep them as written
                    flushText();
                    if (nodes.isEmpty() || !(nodes.getLast() instanceof Sep)) {
                        nodes.add(SEP);
                    }
                    i++;
                    continue;
                }
                if (c != '%') {
                    text.append(c);
                    i++;
                    continue;
                }
                if (i + 1 >= s.length()) {
                    throw new LogFormatException("truncated line after '%'");
                }
                if (s.charAt(i + 1) == '%') {
                    text.append('%');
                    i += 2;
                    continue;
                }
                i = field(i);
            }
            flushText();
            return new LogFormat(s, target, nodes);
        }

        /** Parses the field whose {@code %} is at {@code pct}; returns the index after it. */
        private int field(int pct) throws LogFormatException {
            int i = pct + 1;
            int flags = global;
            if (s.charAt(i) == '{') {
                int close = s.indexOf('}', i);
                if (close < 0) {
                    throw new LogFormatException("truncated line after '" + s.substring(i + 1) + "'");
                }
                flags = flags(s.substring(i + 1, close), flags);
                i = close + 1;
            }
            if (i < s.length() && s.charAt(i) == '[') {
                flushText();
                return expression(i + 1, flags);
            }
            int start = i;
            while (i < s.length() && Character.isLetter(s.charAt(i))) {
                i++;
            }
            if (i == start) {
                throw new LogFormatException("parse argument modifier without variable name near '"
                        + s.substring(pct, i) + "'");
            }
            String name = s.substring(start, i);
            LogVar var = LogVar.of(name);
            if (var == null) {
                throw new LogFormatException("no such format variable '" + name + "'. If you wanted to emit the '%' "
                        + "character verbatim, you need to use '%%'.");
            }
            if (var == LogVar.GLOBAL_OPTIONS) {
                global = flags;
                return i;
            }
            flushText();
            nodes.add(new Var(var, flags));
            return i;
        }

        private int expression(int start, int flags) throws LogFormatException {
            SampleExpr e;
            try {
                e = Samples.parseAt(s, start, cc);
            } catch (SampleParseException ex) {
                throw new LogFormatException("failed to parse sample expression <" + s.substring(start) + "> : "
                        + ex.getMessage());
            }
            int end = e.end();
            if (end >= s.length()) {
                throw new LogFormatException("missing ']' after '" + s.substring(start, end) + "'");
            }
            if (s.charAt(end) != ']') {
                throw new LogFormatException("expected ']' after '" + s.substring(start, end) + "', but found '"
                        + s.charAt(end) + "'");
            }
            SampleSource missing = e.unavailableAt(cc.site());
            if (missing != null) {
                throw new LogFormatException("sample fetch <" + s.substring(start) + "> may not be reliably used here"
                        + " because it needs '" + missing.label() + "' which is not available here");
            }
            nodes.add(new Expr(e, flags));
            return end + 1;
        }

        /** {@code +Q,-E}: unknown flags and entries without a sign are ignored, as HAProxy does. */
        private static int flags(String spec, int flags) {
            for (String f : spec.split(",")) {
                f = f.strip();
                if (f.length() < 2 || f.charAt(0) != '+' && f.charAt(0) != '-') {
                    continue;
                }
                int bit = switch (f.substring(1)) {
                    case "Q" -> LogValueWriter.QUOTE;
                    case "E" -> LogValueWriter.ESCAPE;
                    case "X" -> LogValueWriter.HEX;
                    default -> 0;
                };
                flags = f.charAt(0) == '+' ? flags | bit : flags & ~bit;
            }
            return flags;
        }

        private void flushText() {
            if (!text.isEmpty()) {
                nodes.add(new Text(text.toString()));
                text.setLength(0);
            }
        }
    }
}
