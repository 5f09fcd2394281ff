package dev.fulcrum.sample;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses {@code fetch(args),conv(args),...} into a {@link SampleExpr}, with
 * HAProxy's second level of quoting inside parentheses (configuration.txt 2.2)
 * and its argument rules, which were checked against haproxy 2.6:
 * <ul>
 *   <li>arguments end at an unquoted {@code ,} or {@code )}; single quotes protect
 *       everything, double quotes protect all but {@code \\}, {@code \"} and
 *       {@code \'}; outside quotes a backslash protects a backslash, a quote or a
 *       space and is kept before anything else;</li>
 *   <li>an empty argument is an empty string for textual types; for other types
 *       it is "nothing": an error if the argument is mandatory, otherwise the end
 *       of the list;</li>
 *   <li>without parentheses a keyword with a mandatory argument gets one empty
 *       argument (so {@code str} is the empty string, {@code int} an error).</li>
 * </ul>
 */
final class ExprParser {

    private final SampleRegistry registry;
    private final String text;
    private final CompileContext cc;
    private final String fetchAlias;
    private int pos;

    private ExprParser(SampleRegistry registry, String text, int start, CompileContext cc, String fetchAlias) {
        this.registry = registry;
        this.text = text;
        this.pos = start;
        this.cc = cc;
        this.fetchAlias = fetchAlias;
    }

    /**
     * Parses the expression starting at {@code start}.
     *
     * @param whole      whether the expression must extend to the end of {@code text}
     * @param fetchAlias when not null, the first keyword is parsed as this fetch
     *                   (ACL keywords such as {@code path_beg}); fetch-level messages
     *                   then omit the {@code fetch method 'x' :} prefix
     */
    static SampleExpr parse(SampleRegistry registry, String text, int start, CompileContext cc, boolean whole,
                            String fetchAlias) throws SampleParseException {
        return new ExprParser(registry, text, start, cc, fetchAlias).expression(whole);
    }

    private SampleExpr expression(boolean whole) throws SampleParseException {
        int start = pos;
        String name = name();
        if (name.isEmpty()) {
            throw error("missing fetch method");
        }
        String lookup = fetchAlias != null ? fetchAlias : name;
        SampleRegistry.FetchDef def = registry.fetch(lookup);
        if (def == null) {
            String why = registry.unsupportedFetch(lookup);
            throw error(why != null ? "fetch method '" + name + "' is not supported yet by Fulcrum (" + why + ")"
                    : "unknown fetch method '" + name + "'");
        }
        cc.enterFetch(name);
        String prefix = fetchAlias != null ? "" : "fetch method '" + name + "' : ";
        Args args = arguments(def.args(), prefix, null);
        Fetch fetch;
        try {
            fetch = def.factory().create(args, cc);
        } catch (ArgException e) {
            throw error("invalid args in fetch method '" + name + "' : " + e.getMessage());
        }
        SampleType type = def.out();
        List<Converter> converters = new ArrayList<>();
        List<SampleType> inputs = new ArrayList<>();
        String last = null;
        while (pos < text.length() && text.charAt(pos) == ',') {
            while (pos < text.length() && text.charAt(pos) == ',') {
                pos++; // HAProxy tolerates empty converter slots ("a,,b" and a trailing comma)
            }
            if (pos >= text.length()) {
                break;
            }
            String conv = name();
            SampleRegistry.ConverterDef cdef = registry.converter(conv);
            if (cdef == null) {
                String why = registry.unsupportedConverter(conv);
                throw error(why != null ? "converter '" + conv + "' is not supported yet by Fulcrum (" + why + ")"
                        : "unknown converter '" + conv + "'");
            }
            if (!Casts.canCast(type, cdef.in())) {
                throw error("converter '" + conv + "' cannot be applied");
            }
            cc.enterConverter(conv);
            Args cargs = arguments(cdef.args(), null, conv);
            try {
                converters.add(cdef.factory().create(cargs, cc));
            } catch (ArgException e) {
                throw error("invalid args in converter '" + conv + "' : " + e.getMessage());
            }
            inputs.add(cdef.in());
            type = cdef.out();
            last = conv;
        }
        if (whole && pos < text.length()) {
            throw error(last == null ? "missing comma after fetch keyword '" + name + "'"
                    : "missing comma after converter '" + last + "'");
        }
        return new SampleExpr(text.substring(start, pos), def.name(), fetch, converters.toArray(Converter[]::new),
                inputs.toArray(SampleType[]::new), type, def.sources(), pos);
    }

    private String name() {
        int s = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_'
                    || c == '-' || c == '+')) {
                break;
            }
            pos++;
        }
        return text.substring(s, pos);
    }

    /**
     * Parses the arguments at {@code pos}. Exactly one of {@code fetchPrefix} and
     * {@code converter} is non-null; they select the wording of errors.
     */
    private Args arguments(ArgSpec spec, String fetchPrefix, String converter) throws SampleParseException {
        boolean parens = pos < text.length() && text.charAt(pos) == '(';
        if (parens) {
            pos++;
        }
        List<Object> values = new ArrayList<>();
        if (parens || spec.mandatory() > 0) {
            for (int p = 0; p < spec.max(); p++) {
                int wordStart = pos;
                String word = parens ? word(fetchPrefix, converter, values.size()) : "";
                ArgType type = spec.type(p);
                if (word.isEmpty() && !type.textual()) {
                    if (p < spec.mandatory()) {
                        throw argError(fetchPrefix, converter, p + 1, "expected type '" + type.label()
                                + "' at position " + (p + 1) + ", but got nothing");
                    }
                    pos = wordStart;
                    break;
                }
                values.add(word.isEmpty() ? "" : value(type, word, p + 1, fetchPrefix, converter));
                if (!parens || pos >= text.length() || text.charAt(pos) != ',' || p + 1 >= spec.max()) {
                    break;
                }
                pos++;
            }
        }
        if (values.size() < spec.mandatory()) {
            throw argError(fetchPrefix, converter, values.size() + 1, "missing arguments (got " + values.size() + "/"
                    + spec.mandatory() + "), type '" + spec.type(values.size()).label() + "' expected");
        }
        if (parens) {
            if (pos >= text.length()) {
                throw argError(fetchPrefix, converter, Math.max(1, values.size()), "expected ')'");
            }
            if (text.charAt(pos) != ')') {
                throw argError(fetchPrefix, converter, Math.max(1, values.size()),
                        "expected ')' before '" + text.substring(pos) + "'");
            }
            pos++;
        }
        return values.isEmpty() ? Args.EMPTY : new Args(values);
    }

    /** Reads one argument up to an unquoted {@code ,} or {@code )}, resolving the second level of quoting. */
    private String word(String fetchPrefix, String converter, int index) {
        StringBuilder b = new StringBuilder();
        char quote = 0;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    b.append(c);
                }
                pos++;
                continue;
            }
            if (c == '\\' && pos + 1 < text.length()) {
                char n = text.charAt(pos + 1);
                if (n == '\\' || n == '"' || n == '\'' || (n == ' ' && quote == 0)) {
                    b.append(n);
                    pos += 2;
                    continue;
                }
            }
            if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else {
                    b.append(c);
                }
                pos++;
                continue;
            }
            if (c == ',' || c == ')') {
                break;
            }
            if (c == '"' || c == '\'') {
                quote = c;
            } else {
                b.append(c);
            }
            pos++;
        }
        return b.toString();
    }

    private Object value(ArgType type, String word, int position, String fetchPrefix, String converter)
            throws SampleParseException {
        Object v = switch (type) {
            case SINT -> parseSint(word);
            case IPV4 -> {
                long a = Inet.parseIpv4(word);
                yield a < 0 ? null : (int) a;
            }
            case MSK4 -> parseMask4(word);
            case IPV6 -> {
                byte[] a = new byte[16];
                yield Inet.parseIpv6(word, a) ? a : null;
            }
            case MSK6 -> parseMask6(word);
            case TIME -> {
                try {
                    yield dev.fulcrum.config.Units.millis(word, "");
                } catch (IllegalArgumentException e) {
                    yield null;
                }
            }
            case SIZE -> {
                try {
                    yield dev.fulcrum.config.Units.size(word, "");
                } catch (IllegalArgumentException e) {
                    yield null;
                }
            }
            default -> word;
        };
        if (v == null) {
            throw argError(fetchPrefix, converter, position, "failed to parse '" + word + "' as type '"
                    + type.label() + "' at position " + position);
        }
        return v;
    }

    static Long parseSint(String w) {
        return Integers.parse(w);
    }

    /** A dotted netmask or a bit count 0-32. */
    static Integer parseMask4(String w) {
        if (w.indexOf('.') >= 0) {
            long m = Inet.parseIpv4(w);
            return m < 0 ? null : (int) m;
        }
        Long bits = parseSint(w);
        if (bits == null || bits < 0 || bits > 32 || w.charAt(0) == '+' || w.charAt(0) == '-') {
            return null;
        }
        return Inet.maskOfBits(bits.intValue());
    }

    /** An IPv6 netmask in address form or a bit count 0-128. */
    static byte[] parseMask6(String w) {
        byte[] m = new byte[16];
        if (w.indexOf(':') >= 0) {
            return Inet.parseIpv6(w, m) ? m : null;
        }
        Long bits = parseSint(w);
        if (bits == null || bits < 0 || bits > 128 || w.charAt(0) == '+' || w.charAt(0) == '-') {
            return null;
        }
        Inet.mask6OfBits(bits.intValue(), m);
        return m;
    }

    private SampleParseException argError(String fetchPrefix, String converter, int argIndex, String msg) {
        if (converter != null) {
            return error("invalid arg " + argIndex + " in converter '" + converter + "' : " + msg);
        }
        return new SampleParseException(fetchPrefix + msg, pos, true);
    }

    private SampleParseException error(String msg) {
        return new SampleParseException(msg, pos);
    }
}
