package dev.fulcrum.lb;

import static java.util.Objects.requireNonNull;

/**
 * A backend's {@code balance} algorithm and its arguments, as parsed. Immutable;
 * {@link #toString()} gives back the {@code balance} line.
 */
public sealed interface BalanceSpec {

    /** HAProxy's default when no {@code balance} line is given. */
    BalanceSpec DEFAULT = new RoundRobin();

    /** Whether the server is chosen from a hash of something in the request. */
    default boolean hashBased() {
        return switch (this) {
            case Source s -> true;
            case Uri u -> true;
            case UrlParam p -> true;
            case Hdr h -> true;
            case RdpCookie c -> true;
            case Hash h -> true;
            default -> false;
        };
    }

    /** Whether the key is only found in HTTP requests (falls back to round robin in TCP mode). */
    default boolean layer7() {
        return this instanceof Uri || this instanceof UrlParam || this instanceof Hdr;
    }

    /**
     * Whether weights are fixed once set (HAProxy then accepts only {@code 0} and
     * {@code 100%} in {@code set weight}): static-rr, and hashing with
     * {@code hash-type map-based}.
     */
    default boolean isStatic(HashSpec hash) {
        return hashBased() && hash.method() == HashSpec.Method.MAP_BASED;
    }

    /** Each server in turn, in proportion to its weight; weights may change at run time. */
    record RoundRobin() implements BalanceSpec {
        @Override
        public String toString() {
            return "balance roundrobin";
        }
    }

    /** Each server in turn from a precomputed weighted table; weights are fixed. */
    record StaticRoundRobin() implements BalanceSpec {
        @Override
        public boolean isStatic(HashSpec hash) {
            return true;
        }

        @Override
        public String toString() {
            return "balance static-rr";
        }
    }

    /** The server with the fewest connections and queued requests relative to its weight. */
    record LeastConn() implements BalanceSpec {
        @Override
        public String toString() {
            return "balance leastconn";
        }
    }

    /** The usable server with the lowest id that still has a free connection slot. */
    record First() implements BalanceSpec {
        @Override
        public String toString() {
            return "balance first";
        }
    }

    /** A hash of the client's address. */
    record Source() implements BalanceSpec {
        @Override
        public String toString() {
            return "balance source";
        }
    }

    /**
     * A hash of the request URI.
     *
     * @param whole    hash the query string too (otherwise stop at {@code ?})
     * @param length   hash at most this many characters; 0 = no limit
     * @param depth    hash at most this many directory levels; 0 = no limit
     * @param pathOnly start at the path, skipping the scheme and authority of an absolute URI
     */
    record Uri(boolean whole, int length, int depth, boolean pathOnly) implements BalanceSpec {
        public Uri {
            if (length < 0) {
                throw new IllegalArgumentException("length: " + length + " (expected: >= 0)");
            }
            if (depth < 0) {
                throw new IllegalArgumentException("depth: " + depth + " (expected: >= 0)");
            }
        }



        @Override
        public String toString() {
            return "balance uri" + (whole ? " whole" : "") + (length > 0 ? " len " + length : "")
                    + (depth > 0 ? " depth " + depth : "") + (pathOnly ? " path-only" : "");
        }
    }

    /**
     * A hash of the value of a query-string parameter.
     *
     * @param name      the parameter name (case-sensitive)
     * @param checkPost also look in the body of a request whose query lacks it
     */
    record UrlParam(String name, boolean checkPost) implements BalanceSpec {
        public UrlParam {
            requireNonNull(name, "name");
        }



        @Override
        public String toString() {
            return "balance url_param " + name + (checkPost ? " check_post" : "");
        }
    }

    /**
     * A hash of a request header's first value.
     *
     * @param name          the header name (matched case-insensitively)
     * @param useDomainOnly hash only the label before the top-level domain
     *                      ({@code 1wt} in {@code haproxy.1wt.eu})
     */
    record Hdr(String name, boolean useDomainOnly) implements BalanceSpec {
        public Hdr {
            requireNonNull(name, "name");
        }



        @Override
        public String toString() {
            return "balance hdr(" + name + ")" + (useDomainOnly ? " use_domain_only" : "");
        }
    }

    /**
     * The least loaded of {@code draws} servers picked at random in proportion to
     * their weights ("power of n choices").
     */
    record Random(int draws) implements BalanceSpec {
        public Random {
            if (draws < 1) {
                throw new IllegalArgumentException("draws: " + draws + " (expected: >= 1)");
            }
        }

        @Override
        public String toString() {
            return "balance random(" + draws + ")";
        }
    }

    /** A hash of the RDP cookie called {@code name} (case-insensitive) in a TCP request. */
    record RdpCookie(String name) implements BalanceSpec {
        public RdpCookie {
            requireNonNull(name, "name");
        }

        @Override
        public String toString() {
            return "balance rdp-cookie(" + name + ")";
        }
    }

    /**
     * A hash of a sample expression's value, evaluated by the data path (the
     * expression is kept as text here; the sample room compiles it).
     */
    record Hash(String expression) implements BalanceSpec {
        public Hash {
            requireNonNull(expression, "expression");
            if (expression.isEmpty()) {
                throw new IllegalArgumentException("expression: empty (expected: a sample expression)");
            }
        }

        @Override
        public String toString() {
            return "balance hash " + expression;
        }
    }
}
