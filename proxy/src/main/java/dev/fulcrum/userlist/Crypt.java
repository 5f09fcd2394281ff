package dev.fulcrum.userlist;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The crypt(3) password hashes HAProxy's {@code userlist} accepts on Linux, computed
 * without native code: MD5-crypt ({@code $1$}), SHA-256-crypt ({@code $5$}) and
 * SHA-512-crypt ({@code $6$}, with an optional {@code rounds=N$}), as specified by
 * their reference descriptions (Poul-Henning Kamp's MD5 scheme, Ulrich Drepper's
 * "Unix crypt using SHA-256 and SHA-512"). Thread-safe; each call allocates its
 * digests.
 */
public final class Crypt {

    private static final String ALPHABET = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private static final int[][] SHA256_ORDER = {{0, 10, 20}, {21, 1, 11}, {12, 22, 2}, {3, 13, 23}, {24, 4, 14},
            {15, 25, 5}, {6, 16, 26}, {27, 7, 17}, {18, 28, 8}, {9, 19, 29}};
    private static final int[][] SHA512_ORDER = {{0, 21, 42}, {22, 43, 1}, {44, 2, 23}, {3, 24, 45}, {25, 46, 4},
            {47, 5, 26}, {6, 27, 48}, {28, 49, 7}, {50, 8, 29}, {9, 30, 51}, {31, 52, 10}, {53, 11, 32},
            {12, 33, 54}, {34, 55, 13}, {56, 14, 35}, {15, 36, 57}, {37, 58, 16}, {59, 17, 38}, {18, 39, 60},
            {40, 61, 19}, {62, 20, 41}};

    private Crypt() {
    }

    /** Whether {@code hash} is in a format this class can check. */
    public static boolean supported(String hash) {
        return hash.startsWith("$1$") || hash.startsWith("$5$") || hash.startsWith("$6$");
    }

    /** Whether {@code password} hashes to {@code hash}; false for unsupported formats. */
    public static boolean matches(String password, String hash) {
        String computed = crypt(password, hash);
        return computed != null && MessageDigest.isEqual(computed.getBytes(StandardCharsets.ISO_8859_1),
                hash.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * Hashes {@code password} with the algorithm and salt of {@code setting} (a full
     * hash or just its {@code $id$salt} prefix), or returns {@code null} for an
     * unsupported format.
     */
    public static String crypt(String password, String setting) {
        byte[] pw = password.getBytes(StandardCharsets.UTF_8);
        if (setting.startsWith("$1$")) {
            return md5(pw, setting);
        }
        if (setting.startsWith("$5$")) {
            return sha(pw, setting, "SHA-256", "$5$", 32);
        }
        if (setting.startsWith("$6$")) {
            return sha(pw, setting, "SHA-512", "$6$", 64);
        }
        return null;
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every Java runtime", e);
        }
    }

    private static void b64(StringBuilder out, int b2, int b1, int b0, int n) {
        int w = ((b2 & 0xff) << 16) | ((b1 & 0xff) << 8) | (b0 & 0xff);
        for (int i = 0; i < n; i++) {
            out.append(ALPHABET.charAt(w & 0x3f));
            w >>>= 6;
        }
    }

    private static String md5(byte[] pw, String setting) {
        String rest = setting.substring(3);
        int end = rest.indexOf('$');
        String saltText = end < 0 ? rest : rest.substring(0, end);
        if (saltText.length() > 8) {
            saltText = saltText.substring(0, 8);
        }
        byte[] salt = saltText.getBytes(StandardCharsets.ISO_8859_1);
        MessageDigest md = digest("MD5");
        md.update(pw);
        md.update(salt);
        md.update(pw);
        byte[] fin = md.digest();
        md.update(pw);
        md.update("$1$".getBytes(StandardCharsets.ISO_8859_1));
        md.update(salt);
        for (int pl = pw.length; pl > 0; pl -= 16) {
            md.update(fin, 0, Math.min(pl, 16));
        }
        for (int i = pw.length; i != 0; i >>>= 1) {
            md.update((i & 1) != 0 ? 0 : pw.length == 0 ? 0 : pw[0]);
        }
        fin = md.digest();
        for (int i = 0; i < 1000; i++) {
            if ((i & 1) != 0) {
                md.update(pw);
            } else {
                md.update(fin);
            }
            if (i % 3 != 0) {
                md.update(salt);
            }
            if (i % 7 != 0) {
                md.update(pw);
            }
            if ((i & 1) != 0) {
                md.update(fin);
            } else {
                md.update(pw);
            }
            fin = md.digest();
        }
        StringBuilder out = new StringBuilder("$1$").append(saltText).append('$');
        b64(out, fin[0], fin[6], fin[12], 4);
        b64(out, fin[1], fin[7], fin[13], 4);
        b64(out, fin[2], fin[8], fin[14], 4);
        b64(out, fin[3], fin[9], fin[15], 4);
        b64(out, fin[4], fin[10], fin[5], 4);
        b64(out, 0, 0, fin[11], 2);
        return out.toString();
    }

    private static String sha(byte[] pw, String setting, String algorithm, String magic, int size) {
        String rest = setting.substring(3);
        int rounds = 5000;
        boolean customRounds = false;
        if (rest.startsWith("rounds=")) {
            int dollar = rest.indexOf('$');
            if (dollar < 0) {
                return null;
            }
            long r;
            try {
                r = Long.parseLong(rest.substring(7, dollar));
            } catch (NumberFormatException e) {
                return null;
            }
            rounds = (int) Math.max(1000, Math.min(999_999_999, r));
            customRounds = true;
            rest = rest.substring(dollar + 1);
        }
        int end = rest.indexOf('$');
        String saltText = end < 0 ? rest : rest.substring(0, end);
        if (saltText.length() > 16) {
            saltText = saltText.substring(0, 16);
        }
        byte[] salt = saltText.getBytes(StandardCharsets.ISO_8859_1);
        MessageDigest md = digest(algorithm);
        md.update(pw);
        md.update(salt);
        md.update(pw);
        byte[] b = md.digest();
        md.update(pw);
        md.update(salt);
        int cnt;
        for (cnt = pw.length; cnt > size; cnt -= size) {
            md.update(b, 0, size);
        }
        md.update(b, 0, cnt);
        for (cnt = pw.length; cnt > 0; cnt >>>= 1) {
            if ((cnt & 1) != 0) {
                md.update(b, 0, size);
            } else {
                md.update(pw);
            }
        }
        byte[] a = md.digest();
        for (int i = 0; i < pw.length; i++) {
            md.update(pw);
        }
        byte[] dp = md.digest();
        byte[] p = sequence(dp, pw.length, size);
        for (int i = 0; i < 16 + (a[0] & 0xff); i++) {
            md.update(salt);
        }
        byte[] ds = md.digest();
        byte[] s = sequence(ds, salt.length, size);
        byte[] c = a;
        for (int i = 0; i < rounds; i++) {
            if ((i & 1) != 0) {
                md.update(p);
            } else {
                md.update(c, 0, size);
            }
            if (i % 3 != 0) {
                md.update(s);
            }
            if (i % 7 != 0) {
                md.update(p);
            }
            if ((i & 1) != 0) {
                md.update(c, 0, size);
            } else {
                md.update(p);
            }
            c = md.digest();
        }
        StringBuilder out = new StringBuilder(magic);
        if (customRounds) {
            out.append("rounds=").append(rounds).append('$');
        }
        out.append(saltText).append('$');
        int[][] order = size == 32 ? SHA256_ORDER : SHA512_ORDER;
        for (int[] o : order) {
            b64(out, c[o[0]], c[o[1]], c[o[2]], 4);
        }
        if (size == 32) {
            b64(out, 0, c[31], c[30], 3);
        } else {
            b64(out, 0, 0, c[63], 2);
        }
        return out.toString();
    }

    /** {@code digest} repeated to {@code length} bytes (the P and S sequences of SHA-crypt). */
    private static byte[] sequence(byte[] digest, int length, int size) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i += size) {
            System.arraycopy(digest, 0, out, i, Math.min(size, length - i));
        }
        return out;
    }
}
