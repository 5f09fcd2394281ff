package dev.fulcrum.map;

import dev.fulcrum.sample.Inet;
import dev.fulcrum.sample.Integers;
import dev.fulcrum.sample.Sample;
import dev.fulcrum.sample.SampleType;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/**
 * The compiled view of a {@link PatternRef} for one matching method: what an ACL
 * term or a map converter holds. Lookups read one volatile field and then an
 * immutable index, so event loops never block and always see one complete
 * version of the reference; edits through the reference compile a new index on
 * the editing thread and publish it atomically.
 */
public final class PatternMatcher {

    private final PatternRef ref;
    private final MatchMethod method;
    private final boolean ignoreCase;
    private final boolean noDns;
    private final SampleType valueType;
    private volatile PatternIndex index;

    PatternMatcher(PatternRef ref, MatchMethod method, boolean ignoreCase, boolean noDns, SampleType valueType) {
        this.ref = ref;
        this.method = method;
        this.ignoreCase = ignoreCase;
        this.noDns = noDns;
        this.valueType = valueType;
    }

    public PatternRef ref() {
        return ref;
    }

    public MatchMethod method() {
        return method;
    }

    public boolean ignoreCase() {
        return ignoreCase;
    }

    /** "tree" or "list": how lookups are done, as {@code get map} reports it. */
    public String indexKind() {
        return index.kind();
    }

    /** Whether a pattern matches {@code s}, which must already be of the method's input type. */
    public boolean matches(Sample s) {
        return index.find(s) != null;
    }

    /** The entry that matches {@code s}, or {@code null} (for {@code get map} and {@code get acl}). */
    public PatternEntry matchingEntry(Sample s) {
        CompiledPattern p = index.find(s);
        return p == null ? null : p.entry;
    }

    /**
     * Replaces {@code s} with the value of the entry it matches (for
     * {@code map_regm}, with {@code \N} replaced by the groups of the match).
     *
     * @return false when no entry matches
     */
    public boolean lookup(Sample s) {
        CompiledPattern p = index.find(s);
        if (p == null) {
            return false;
        }
        if (method == MatchMethod.REGM) {
            Matcher m = p.regex.matcher(s.str());
            return Regexes.find(m) && s.setStr(substitute(m, (String) p.value));
        }
        return write(p.value, s);
    }

    /** Stores a converted map value into {@code s}. */
    static boolean write(Object value, Sample s) {
        return switch (value) {
            case String v -> s.setStr(v);
            case Long v -> s.setSint(v);
            case Integer v -> s.setIpv4(v);
            case byte[] v -> s.setIpv6(v, 0);
            default -> false;
        };
    }

    private static String substitute(Matcher m, String value) {
        StringBuilder b = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() && Character.isDigit(value.charAt(i + 1))) {
                int g = value.charAt(++i) - '0';
                if (g <= m.groupCount() && m.group(g) != null) {
                    b.append(m.group(g));
                }
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * Converts a map value to the output type, checking it as HAProxy does when
     * loading ({@code unable to parse 'x'}); the default value of a map converter
     * goes through the same conversion.
     */
    static Object convertValue(String v, SampleType type) {
        if (type == null || v == null) {
            return null;
        }
        return switch (type) {
            case SINT -> {
                Long n = v.isEmpty() ? null : Integers.parse(v);
                if (n == null) {
                    throw new IllegalArgumentException("unable to parse '" + v + "'");
                }
                yield n;
            }
            case IPV4, IPV6, ADDR -> {
                long v4 = Inet.parseIpv4(v);
                if (v4 >= 0) {
                    yield (int) v4;
                }
                byte[] a = new byte[16];
                if (!Inet.parseIpv6(v, a)) {
                    throw new IllegalArgumentException("unable to parse '" + v + "'");
                }
                yield a;
            }
            default -> v;
        };
    }

    /** Compiles the entries; the message of a failure names the line and file it came from. */
    PatternIndex compile(List<PatternEntry> entries) {
        List<CompiledPattern> out = new ArrayList<>(entries.size());
        for (PatternEntry e : entries) {
            try {
                Object value = convertValue(valueType == null ? null : e.value() == null ? "" : e.value(), valueType);
                out.add(CompiledPattern.compile(e, value, method, ignoreCase, noDns));
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(e.line() > 0 && !ref.file().isEmpty()
                        ? ex.getMessage() + " at line " + e.line() + " of file '" + ref.file() + "'" : ex.getMessage());
            }
        }
        return PatternIndex.build(out, method, ignoreCase);
    }

    void publish(PatternIndex next) {
        this.index = next;
    }
}
