package dev.fulcrum.stick;

import java.util.Arrays;

/** An entry's key: the bytes HAProxy compares (4 for ip and integer, 16 for ipv6). Immutable. */
public final class StickKey {

    private final byte[] bytes;
    private final int hash;

    StickKey(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    static StickKey ofInt(int v) {
        return new StickKey(new byte[]{(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
    }

    /** The key's bytes; callers must not modify them. */
    byte[] bytes() {
        return bytes;
    }

    int intValue() {
        return (bytes[0] & 0xff) << 24 | (bytes[1] & 0xff) << 16 | (bytes[2] & 0xff) << 8 | bytes[3] & 0xff;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StickKey k && k.hash == hash && Arrays.equals(k.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
