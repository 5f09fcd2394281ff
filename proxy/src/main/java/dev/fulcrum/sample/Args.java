package dev.fulcrum.sample;

import java.util.List;

/**
 * The parsed arguments of one fetch or converter occurrence. Integers, times and
 * sizes are {@link Long}s (times in milliseconds), IPv4 addresses and masks are
 * {@link Integer}s, IPv6 ones 16-byte arrays, everything else {@link String}s.
 */
public final class Args {

    static final Args EMPTY = new Args(List.of());

    private final List<Object> values;

    Args(List<Object> values) {
        this.values = List.copyOf(values);
    }

    /** How many arguments were given. */
    public int count() {
        return values.size();
    }

    public boolean has(int i) {
        return i < values.size();
    }

    public String str(int i) {
        return (String) values.get(i);
    }

    /** Argument {@code i} as text, or {@code fallback} when it was not given. */
    public String str(int i, String fallback) {
        return has(i) ? str(i) : fallback;
    }

    public long sint(int i) {
        return (Long) values.get(i);
    }

    /** Argument {@code i} as an integer, or {@code fallback} when it was not given. */
    public long sint(int i, long fallback) {
        return has(i) ? sint(i) : fallback;
    }

    public int ipv4(int i) {
        return (Integer) values.get(i);
    }

    public byte[] ipv6(int i) {
        return ((byte[]) values.get(i)).clone();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
