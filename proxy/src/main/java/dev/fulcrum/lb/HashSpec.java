package dev.fulcrum.lb;

import static java.util.Objects.requireNonNull;

/**
 * A backend's {@code hash-type}: how hash-based algorithms map a hash to a server
 * and which function computes the hash.
 *
 * @param method    map-based (a static table indexed by hash modulo its size) or
 *                  consistent (a ring of weighted server points)
 * @param function  the hash function applied to the key bytes
 * @param avalanche whether the function's result is mixed again before use;
 *                  {@code hash-type consistent} without a function implies
 *                  {@code sdbm avalanche}
 */
public record HashSpec(Method method, HashFunction function, boolean avalanche) {

    /** HAProxy's default: {@code hash-type map-based sdbm}. */
    public static final HashSpec DEFAULT = new HashSpec(Method.MAP_BASED, HashFunction.SDBM, false);

    /** How a hash designates a server. */
    public enum Method {
        /**
         * A table where each server appears in proportion to its weight; the
         * server is the entry at {@code hash % size}. Static: when a server goes
         * down or up, most keys move.
         */
        MAP_BASED("map-based"),
        /**
         * A ring of 16 points per unit of weight per server; the server is the one
         * whose point is closest to the hash. Dynamic: weights may change at run
         * time, and a server change moves only that server's keys.
         */
        CONSISTENT("consistent");

        private final String keyword;

        Method(String keyword) {
            this.keyword = keyword;
        }

        public String keyword() {
            return keyword;
        }
    }

    public HashSpec {
        requireNonNull(method, "method");
        requireNonNull(function, "function");
    }

    /** The hash of {@code len} bytes of {@code key} from {@code off}, as a backend with this hash-type uses it. */
    public int hash(byte[] key, int off, int len) {
        return finish(function.hash(key, off, len));
    }

    /** The hash of the chars {@code [from, to)} of {@code key}, each taken as one byte. */
    public int hash(CharSequence key, int from, int to) {
        return finish(function.hash(key, from, to));
    }

    /** Applies the avalanche step when this hash-type asks for it. */
    public int finish(int raw) {
        return avalanche ? HashFunction.avalanche(raw) : raw;
    }

    /** The {@code hash-type} line that gives this value. */
    @Override
    public String toString() {
        return "hash-type " + method.keyword() + " " + function.keyword() + (avalanche ? " avalanche" : "");
    }
}
