package dev.fulcrum.sample;

/**
 * XXH32, XXH64 and XXH3 (64-bit) as specified by the xxHash project
 * (doc/xxhash_spec.md), written from the specification. All reads are
 * little-endian. Checked against haproxy 2.6's {@code xxh32}, {@code xxh64} and
 * {@code xxh3} converters for every XXH3 length class (0, 1-3, 4-8, 9-16,
 * 17-128, 129-240, more) with and without a seed.
 */
public final class XxHash {

    private static final int P32_1 = 0x9E3779B1, P32_2 = 0x85EBCA77, P32_3 = 0xC2B2AE3D, P32_4 = 0x27D4EB2F,
            P32_5 = 0x165667B1;
    private static final long P64_1 = 0x9E3779B185EBCA87L, P64_2 = 0xC2B2AE3D27D4EB4FL, P64_3 = 0x165667B19E3779F9L,
            P64_4 = 0x85EBCA77C2B2AE63L, P64_5 = 0x27D4EB2F165667C5L;
    private static final long PRIME_MX1 = 0x165667919E3779F9L, PRIME_MX2 = 0x9FB21C651E98DF25L;

    /** XXH3's default 192-byte secret. */
    private static final byte[] SECRET = bytes(
            "b8fe6c3923a44bbe7c01812cf721ad1cded46de9839097db7240a4a4b7b3671fcb79e64eccc0e578825ad07dccff7221"
            + "b8084674f743248ee03590e6813a264c3c2852bb91c300cb88d0658b1b532ea371644897a20df94e3819ef46a9deacd8"
            + "a8fa763fe39c343ff9dcbbc7c70b4f1d8a51e04bcdb45931c89f7ec9d9787364eac5ac8334d3ebc3c581a0fffa1363eb"
            + "170ddd51b7f0da49d316552629d4689e2b16be587d47a1fc8ff8b8d17ad031ce45cb3a8f95160428afd7fbcabb4b407e");

    private XxHash() {
    }

    private static byte[] bytes(String hex) {
        byte[] b = new byte[hex.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }

    private static int r32(byte[] a, int i) {
        return (a[i] & 0xff) | (a[i + 1] & 0xff) << 8 | (a[i + 2] & 0xff) << 16 | (a[i + 3] & 0xff) << 24;
    }

    private static long r64(byte[] a, int i) {
        return (r32(a, i) & 0xffffffffL) | (long) r32(a, i + 4) << 32;
    }

    // ---- XXH32 ----------------------------------------------------------------

    public static int xxh32(byte[] a, int off, int len, int seed) {
        int end = off + len;
        int p = off;
        int h;
        if (len >= 16) {
            int v1 = seed + P32_1 + P32_2, v2 = seed + P32_2, v3 = seed, v4 = seed - P32_1;
            do {
                v1 = round32(v1, r32(a, p));
                v2 = round32(v2, r32(a, p + 4));
                v3 = round32(v3, r32(a, p + 8));
                v4 = round32(v4, r32(a, p + 12));
                p += 16;
            } while (p <= end - 16);
            h = Integer.rotateLeft(v1, 1) + Integer.rotateLeft(v2, 7) + Integer.rotateLeft(v3, 12)
                    + Integer.rotateLeft(v4, 18);
        } else {
            h = seed + P32_5;
        }
        h += len;
        for (; p + 4 <= end; p += 4) {
            h = Integer.rotateLeft(h + r32(a, p) * P32_3, 17) * P32_4;
        }
        for (; p < end; p++) {
            h = Integer.rotateLeft(h + (a[p] & 0xff) * P32_5, 11) * P32_1;
        }
        h ^= h >>> 15;
        h *= P32_2;
        h ^= h >>> 13;
        h *= P32_3;
        h ^= h >>> 16;
        return h;
    }

    private static int round32(int acc, int input) {
        return Integer.rotateLeft(acc + input * P32_2, 13) * P32_1;
    }

    // ---- XXH64 ----------------------------------------------------------------

    public static long xxh64(byte[] a, int off, int len, long seed) {
        int end = off + len;
        int p = off;
        long h;
        if (len >= 32) {
            long v1 = seed + P64_1 + P64_2, v2 = seed + P64_2, v3 = seed, v4 = seed - P64_1;
            do {
                v1 = round64(v1, r64(a, p));
                v2 = round64(v2, r64(a, p + 8));
                v3 = round64(v3, r64(a, p + 16));
                v4 = round64(v4, r64(a, p + 24));
                p += 32;
            } while (p <= end - 32);
            h = Long.rotateLeft(v1, 1) + Long.rotateLeft(v2, 7) + Long.rotateLeft(v3, 12) + Long.rotateLeft(v4, 18);
            h = merge64(h, v1);
            h = merge64(h, v2);
            h = merge64(h, v3);
            h = merge64(h, v4);
        } else {
            h = seed + P64_5;
        }
        h += len;
        for (; p + 8 <= end; p += 8) {
            h ^= round64(0, r64(a, p));
            h = Long.rotateLeft(h, 27) * P64_1 + P64_4;
        }
        if (p + 4 <= end) {
            h ^= (r32(a, p) & 0xffffffffL) * P64_1;
            h = Long.rotateLeft(h, 23) * P64_2 + P64_3;
            p += 4;
        }
        for (; p < end; p++) {
            h ^= (a[p] & 0xff) * P64_5;
            h = Long.rotateLeft(h, 11) * P64_1;
        }
        return avalanche64(h);
    }

    private static long round64(long acc, long input) {
        return Long.rotateLeft(acc + input * P64_2, 31) * P64_1;
    }

    private static long merge64(long acc, long v) {
        acc ^= round64(0, v);
        return acc * P64_1 + P64_4;
    }

    private static long avalanche64(long h) {
        h ^= h >>> 33;
        h *= P64_2;
        h ^= h >>> 29;
        h *= P64_3;
        h ^= h >>> 32;
        return h;
    }

    // ---- XXH3 (64-bit) --------------------------------------------------------------

    public static long xxh3(byte[] a, int off, int len, long seed) {
        if (len <= 16) {
            return xxh3Short(a, off, len, seed);
        }
        if (len <= 128) {
            long acc = len * P64_1;
            if (len > 32) {
                if (len > 64) {
                    if (len > 96) {
                        acc += mix16(a, off + 48, SECRET, 96, seed);
                        acc += mix16(a, off + len - 64, SECRET, 112, seed);
                    }
                    acc += mix16(a, off + 32, SECRET, 64, seed);
                    acc += mix16(a, off + len - 48, SECRET, 80, seed);
                }
                acc += mix16(a, off + 16, SECRET, 32, seed);
                acc += mix16(a, off + len - 32, SECRET, 48, seed);
            }
            acc += mix16(a, off, SECRET, 0, seed);
            acc += mix16(a, off + len - 16, SECRET, 16, seed);
            return avalanche3(acc);
        }
        if (len <= 240) {
            long acc = len * P64_1;
            int rounds = len / 16;
            for (int i = 0; i < 8; i++) {
                acc += mix16(a, off + 16 * i, SECRET, 16 * i, seed);
            }
            acc = avalanche3(acc);
            for (int i = 8; i < rounds; i++) {
                acc += mix16(a, off + 16 * i, SECRET, 16 * (i - 8) + 3, seed);
            }
            acc += mix16(a, off + len - 16, SECRET, 136 - 17, seed);
            return avalanche3(acc);
        }
        return xxh3Long(a, off, len, seed == 0 ? SECRET : customSecret(seed));
    }

    private static long xxh3Short(byte[] a, int off, int len, long seed) {
        if (len > 8) {
            long bitflip1 = (r64(SECRET, 24) ^ r64(SECRET, 32)) + seed;
            long bitflip2 = (r64(SECRET, 40) ^ r64(SECRET, 48)) - seed;
            long lo = r64(a, off) ^ bitflip1;
            long hi = r64(a, off + len - 8) ^ bitflip2;
            long acc = len + Long.reverseBytes(lo) + hi + mulFold(lo, hi);
            return avalanche3(acc);
        }
        if (len >= 4) {
            seed ^= (long) Integer.reverseBytes((int) seed) << 32;
            long in1 = r32(a, off) & 0xffffffffL;
            long in2 = r32(a, off + len - 4) & 0xffffffffL;
            long bitflip = (r64(SECRET, 8) ^ r64(SECRET, 16)) - seed;
            long keyed = (in2 + (in1 << 32)) ^ bitflip;
            return rrmxmx(keyed, len);
        }
        if (len > 0) {
            int c1 = a[off] & 0xff;
            int c2 = a[off + (len >> 1)] & 0xff;
            int c3 = a[off + len - 1] & 0xff;
            int combined = c1 << 16 | c2 << 24 | c3 | len << 8;
            long bitflip = ((r32(SECRET, 0) ^ r32(SECRET, 4)) & 0xffffffffL) + seed;
            return avalanche64((combined & 0xffffffffL) ^ bitflip);
        }
        return avalanche64(seed ^ r64(SECRET, 56) ^ r64(SECRET, 64));
    }

    private static long mix16(byte[] a, int p, byte[] secret, int s, long seed) {
        long lo = r64(a, p);
        long hi = r64(a, p + 8);
        return mulFold(lo ^ (r64(secret, s) + seed), hi ^ (r64(secret, s + 8) - seed));
    }

    /** The 128-bit product of two 64-bit values, folded by xoring its halves. */
    private static long mulFold(long x, long y) {
        return x * y ^ Math.unsignedMultiplyHigh(x, y);
    }

    private static long avalanche3(long h) {
        h ^= h >>> 37;
        h *= PRIME_MX1;
        return h ^ h >>> 32;
    }

    private static long rrmxmx(long h, int len) {
        h ^= Long.rotateLeft(h, 49) ^ Long.rotateLeft(h, 24);
        h *= PRIME_MX2;
        h ^= (h >>> 35) + len;
        h *= PRIME_MX2;
        return h ^ h >>> 28;
    }

    private static byte[] customSecret(long seed) {
        byte[] s = new byte[SECRET.length];
        for (int i = 0; i < SECRET.length / 16; i++) {
            w64(s, 16 * i, r64(SECRET, 16 * i) + seed);
            w64(s, 16 * i + 8, r64(SECRET, 16 * i + 8) - seed);
        }
        return s;
    }

    private static void w64(byte[] a, int i, long v) {
        for (int k = 0; k < 8; k++) {
            a[i + k] = (byte) (v >>> (8 * k));
        }
    }

    private static long xxh3Long(byte[] a, int off, int len, byte[] secret) {
        long[] acc = {P32_3 & 0xffffffffL, P64_1, P64_2, P64_3, P64_4, P32_2 & 0xffffffffL, P64_5, P32_1 & 0xffffffffL};
        int stripesPerBlock = (secret.length - 64) / 8;
        int blockLen = 64 * stripesPerBlock;
        int blocks = (len - 1) / blockLen;
        for (int n = 0; n < blocks; n++) {
            for (int s = 0; s < stripesPerBlock; s++) {
                accumulate(acc, a, off + n * blockLen + s * 64, secret, s * 8);
            }
            scramble(acc, secret, secret.length - 64);
        }
        int stripes = ((len - 1) - blockLen * blocks) / 64;
        for (int s = 0; s < stripes; s++) {
            accumulate(acc, a, off + blocks * blockLen + s * 64, secret, s * 8);
        }
        accumulate(acc, a, off + len - 64, secret, secret.length - 64 - 7);
        long result = len * P64_1;
        for (int i = 0; i < 4; i++) {
            result += mulFold(acc[2 * i] ^ r64(secret, 11 + 16 * i), acc[2 * i + 1] ^ r64(secret, 11 + 16 * i + 8));
        }
        return avalanche3(result);
    }

    private static void accumulate(long[] acc, byte[] a, int p, byte[] secret, int s) {
        for (int i = 0; i < 8; i++) {
            long data = r64(a, p + 8 * i);
            long key = data ^ r64(secret, s + 8 * i);
            acc[i ^ 1] += data;
            acc[i] += (key & 0xffffffffL) * (key >>> 32);
        }
    }

    private static void scramble(long[] acc, byte[] secret, int s) {
        for (int i = 0; i < 8; i++) {
            long v = acc[i];
            v ^= v >>> 47;
            v ^= r64(secret, s + 8 * i);
            acc[i] = v * (P32_1 & 0xffffffffL);
        }
    }
}
