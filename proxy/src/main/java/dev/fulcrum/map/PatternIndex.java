package dev.fulcrum.map;

import dev.fulcrum.sample.Inet;
import dev.fulcrum.sample.Sample;
import dev.fulcrum.sample.SampleType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable lookup structure over the compiled patterns of one reference for
 * one matching method. Which one is used follows HAProxy, because it decides
 * which entry a map returns when several match: exact strings are hashed (the
 * first of equal keys wins), case-sensitive prefixes and IP networks are trees
 * where the longest match wins, everything else is a list where the first
 * matching entry in file order wins.
 */
abstract sealed class PatternIndex {

    /** The matching pattern, or {@code null}. The sample is already of the method's input type. */
    abstract CompiledPattern find(Sample s);

    /** "tree" or "list", as {@code get map} reports it. */
    abstract String kind();

    static PatternIndex build(List<CompiledPattern> patterns, MatchMethod method, boolean ignoreCase) {
        return switch (method) {
            case STR -> new Exact(patterns, ignoreCase);
            case BEG -> ignoreCase ? new Linear(patterns, method, true) : new Prefix(patterns);
            case IP -> new Networks(patterns);
            default -> new Linear(patterns, method, ignoreCase);
        };
    }

    /** Exact strings in a hash map. */
    static final class Exact extends PatternIndex {
        private final Map<String, CompiledPattern> map;
        private final boolean ignoreCase;

        Exact(List<CompiledPattern> patterns, boolean ignoreCase) {
            this.ignoreCase = ignoreCase;
            this.map = new HashMap<>(Math.max(4, patterns.size() * 2));
            for (CompiledPattern p : patterns) {
                map.putIfAbsent(p.text, p);
            }
        }

        @Override
        CompiledPattern find(Sample s) {
            String v = s.str();
            return map.get(ignoreCase ? Text.lower(v) : v);
        }

        @Override
        String kind() {
            return "tree";
        }
    }

    /** Case-sensitive prefixes in a character trie: the longest prefix wins. */
    static final class Prefix extends PatternIndex {
        private static final class Node {
            final Map<Character, Node> next = new HashMap<>(4);
            CompiledPattern value;
        }

        private final Node root = new Node();

        Prefix(List<CompiledPattern> patterns) {
            for (CompiledPattern p : patterns) {
                Node n = root;
                for (int i = 0; i < p.text.length(); i++) {
                    n = n.next.computeIfAbsent(p.text.charAt(i), c -> new Node());
                }
                if (n.value == null) {
                    n.value = p;
                }
            }
        }

        @Override
        CompiledPattern find(Sample s) {
            String v = s.str();
            Node n = root;
            CompiledPattern best = n.value;
            for (int i = 0; i < v.length() && n != null; i++) {
                n = n.next.get(v.charAt(i));
                if (n != null && n.value != null) {
                    best = n.value;
                }
            }
            return best;
        }

        @Override
        String kind() {
            return "tree";
        }
    }

    /**
     * IPv4 and IPv6 networks in binary tries, where the most specific network
     * wins; IPv4 masks that are not a prefix are kept in a list. IPv4 samples
     * also match IPv6 networks as {@code ::ffff:a.b.c.d}; IPv6 samples carrying an
     * IPv4 address (mapped, compatible, 6to4) also match IPv4 networks.
     */
    static final class Networks extends PatternIndex {
        private static final class Node {
            Node zero;
            Node one;
            CompiledPattern value;
        }

        private final Node root4 = new Node();
        private final Node root6 = new Node();
        private final List<CompiledPattern> oddMasks = new ArrayList<>();

        Networks(List<CompiledPattern> patterns) {
            for (CompiledPattern p : patterns) {
                if (p.isIpv6()) {
                    insert(root6, p.v6, p.prefix, p);
                } else if (p.contiguousMask()) {
                    byte[] a = {(byte) (p.v4 >>> 24), (byte) (p.v4 >>> 16), (byte) (p.v4 >>> 8), (byte) p.v4};
                    insert(root4, a, Integer.bitCount(p.mask4), p);
                } else {
                    oddMasks.add(p);
                }
            }
        }

        private static void insert(Node n, byte[] a, int bits, CompiledPattern p) {
            for (int i = 0; i < bits; i++) {
                if (bit(a, i)) {
                    n = n.one != null ? n.one : (n.one = new Node());
                } else {
                    n = n.zero != null ? n.zero : (n.zero = new Node());
                }
            }
            if (n.value == null) {
                n.value = p;
            }
        }

        private static boolean bit(byte[] a, int i) {
            return (a[i >> 3] & (0x80 >>> (i & 7))) != 0;
        }

        private static CompiledPattern lookup(Node n, byte[] a, int bits) {
            CompiledPattern best = n.value;
            for (int i = 0; i < bits && n != null; i++) {
                n = bit(a, i) ? n.one : n.zero;
                if (n != null && n.value != null) {
                    best = n.value;
                }
            }
            return best;
        }

        private static CompiledPattern lookup4(Node root, int v4) {
            Node n = root;
            CompiledPattern best = n.value;
            for (int i = 0; i < 32 && n != null; i++) {
                n = (v4 << i) < 0 ? n.one : n.zero;
                if (n != null && n.value != null) {
                    best = n.value;
                }
            }
            return best;
        }

        private CompiledPattern v4(int a) {
            CompiledPattern p = lookup4(root4, a);
            if (p != null) {
                return p;
            }
            for (CompiledPattern o : oddMasks) {
                if ((a & o.mask4) == o.v4) {
                    return o;
                }
            }
            return null;
        }

        @Override
        CompiledPattern find(Sample s) {
            if (s.type() == SampleType.IPV4) {
                CompiledPattern p = v4(s.ipv4());
                if (p == null && (root6.zero != null || root6.value != null)) {
                    byte[] mapped = new byte[16];
                    Inet.ipv4ToIpv6(s.ipv4(), mapped);
                    p = lookup(root6, mapped, 128);
                }
                return p;
            }
            if (s.type() != SampleType.IPV6) {
                return null;
            }
            CompiledPattern p = lookup(root6, s.ipv6(), 128);
            if (p == null) {
                long v4 = Inet.ipv6ToIpv4(s.ipv6());
                if (v4 >= 0) {
                    p = v4((int) v4);
                }
            }
            return p;
        }

        @Override
        String kind() {
            return "tree";
        }
    }

    /** Everything else: tried in order. */
    static final class Linear extends PatternIndex {
        private final CompiledPattern[] patterns;
        private final MatchMethod method;
        private final boolean ignoreCase;

        Linear(List<CompiledPattern> patterns, MatchMethod method, boolean ignoreCase) {
            this.patterns = patterns.toArray(CompiledPattern[]::new);
            this.method = method;
            this.ignoreCase = ignoreCase;
        }

        @Override
        CompiledPattern find(Sample s) {
            for (CompiledPattern p : patterns) {
                if (matches(p, s)) {
                    return p;
                }
            }
            return null;
        }

        private boolean matches(CompiledPattern p, Sample s) {
            return switch (method) {
                case INT -> s.sint() >= p.lo && s.sint() <= p.hi;
                case LEN -> s.str().length() >= p.lo && s.str().length() <= p.hi;
                case BIN -> java.util.Arrays.equals(p.bytes, 0, p.bytes.length, s.binArray(), s.binOffset(),
                        s.binOffset() + s.binLength());
                case REG, REGM -> Regexes.find(p.regex, s.str());
                case STR -> ignoreCase ? s.str().length() == p.text.length() && Text.at(s.str(), 0, p.text, true)
                        : s.str().equals(p.text);
                case BEG -> Text.at(s.str(), 0, p.text, ignoreCase);
                case END -> Text.at(s.str(), s.str().length() - p.text.length(), p.text, ignoreCase);
                case SUB -> Text.indexOf(s.str(), p.text, 0, ignoreCase) >= 0;
                case DIR -> Text.word(s.str(), p.text, "/", ignoreCase);
                case DOM -> Text.word(s.str(), p.text, "/.:?", ignoreCase);
                default -> false;
            };
        }

        @Override
        String kind() {
            return "list";
        }
    }
}
