package dev.fulcrum.sample;

import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * The 32-bit hash functions HAProxy uses for hash-based balancing and the
 * hashing converters. Each was checked bit for bit against haproxy 2.6 (see
 * HashConverterTest). Public because the load-balancing room hashes with the
 * same functions ({@code hash-type ... sdbm/djb2/wt6/crc32}).
 */
public final class Hashes {

    private Hashes() {
    }

    public static int sdbm(byte[] a, int off, int len) {
        int h = 0;
        for (int i = off; i < off + len; i++) {
            h = (a[i] & 0xff) + (h << 6) + (h << 16) - h;
        }
        return h;
    }

    /** sdbm over the chars of a string (one byte each). */
    public static int sdbm(CharSequence s) {
        int h = 0;
        for (int i = 0; i < s.length(); i++) {
            h = (s.charAt(i) & 0xff) + (h << 6) + (h << 16) - h;
        }
        return h;
    }

    public static int djb2(byte[] a, int off, int len) {
        int h = 5381;
        for (int i = off; i < off + len; i++) {
            h = h * 33 + (a[i] & 0xff);
        }
        return h;
    }

    /** Willy Tarreau's WT6 hash: two rotating halves mixed with each byte. */
    public static int wt6(byte[] a, int off, int len) {
        int h0 = 0xa53c965a;
        int h1 = 0x5ca6953a;
        int step0 = 6;
        int step1 = 18;
        for (int i = off; i < off + len; i++) {
            int t = a[i] & 0xff;
            h0 = ~(h0 ^ t);
            h1 = ~(h1 + t);
            int r = Integer.rotateLeft(h1, step0);
            h1 = Integer.rotateLeft(h0, step1);
            h0 = r;
            t = ((h0 >>> 16) ^ h1) & 0xffff;
            step0 = t & 0x1f;
            step1 = t >>> 11;
        }
        return h0 ^ h1;
    }

    public static int crc32(byte[] a, int off, int len) {
        CRC32 c = new CRC32();
        c.update(a, off, len);
        return (int) c.getValue();
    }

    public static int crc32c(byte[] a, int off, int len) {
        CRC32C c = new CRC32C();
        c.update(a, off, len);
        return (int) c.getValue();
    }

    /**
     * HAProxy's full avalanche of a 32-bit hash: Bob Jenkins' 32-bit integer hash,
     * then a multiplication by 3221225473 to spread values over the whole range
     * (the factor was identified from haproxy 2.6's output).
     */
    public static int avalanche(int a) {
        a = (a + 0x7ed55d16) + (a << 12);
        a = (a ^ 0xc761c23c) ^ (a >>> 19);
        a = (a + 0x165667b1) + (a << 5);
        a = (a + 0xd3a2646c) ^ (a << 9);
        a = (a + 0xfd7046c5) + (a << 3);
        a = (a ^ 0xb55a4f09) ^ (a >>> 16);
        return a * (int) 3221225473L;
    }
}
