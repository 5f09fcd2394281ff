package dev.fulcrum.lb;

/**
 * Finds and hashes the key of each hash-based algorithm, the way haproxy 2.6
 * does (established by sending the same keys to haproxy and to these functions
 * and comparing the chosen servers). A key function returns the hash as an
 * unsigned 32-bit value, or -1 when the request has no key, in which case the
 * algorithm falls back to round robin. Nothing here allocates.
 */
final class RequestKeys {

    /** A key function: the hash of a request's key, or -1. */
    @FunctionalInterface
    interface KeyHash {
        long of(LbRequest request);
    }

    private RequestKeys() {
    }

    /** The key function of a hash-based algorithm ({@code null} for the others). */
    static KeyHash of(BalanceSpec balance, HashSpec hash) {
        return switch (balance) {
            case BalanceSpec.Source s -> r -> source(r.sourceAddress(), hash);
            case BalanceSpec.Uri u -> r -> uri(r.uri(), u, hash);
            case BalanceSpec.UrlParam p -> r -> urlParam(r, p, hash);
            case BalanceSpec.Hdr h -> r -> header(r.header(h.name()), h.useDomainOnly(), hash);
            case BalanceSpec.RdpCookie c -> r -> whole(r.rdpCookie(c.name()), hash);
            case BalanceSpec.Hash x -> LbRequest::exprHash;
            default -> null;
        };
    }

    /**
     * The client address: its 32-bit words XORed together (one word for IPv4,
     * four for IPv6). The hash function is not used, only the avalanche step
     * when configured.
     */
    static long source(byte[] a, HashSpec hash) {
        if (a == null || (a.length != 4 && a.length != 16)) {
            return -1;
        }
        int x = 0;
        for (int i = 0; i < a.length; i += 4) {
            x ^= (a[i] & 0xff) << 24 | (a[i + 1] & 0xff) << 16 | (a[i + 2] & 0xff) << 8 | (a[i + 3] & 0xff);
        }
        return Integer.toUnsignedLong(hash.finish(x));
    }

    /**
     * The URI: from its path with {@code path-only}, cut to {@code len}
     * characters, then up to the {@code ?} (unless {@code whole}) or up to the
     * slash that starts directory level {@code depth + 1}.
     */
    static long uri(CharSequence uri, BalanceSpec.Uri spec, HashSpec hash) {
        if (uri == null) {
            return -1;
        }
        int start = 0;
        int end = uri.length();
        if (spec.pathOnly()) {
            int p = pathStart(uri);
            start = p < 0 ? end : p;
        }
        if (spec.length() > 0 && spec.length() < end - start) {
            end = start + spec.length();
        }
        int slashes = 0;
        int i = start;
        for (; i < end; i++) {
            char c = uri.charAt(i);
            if (c == '/') {
                if (++slashes == spec.depth() + 1 && spec.depth() > 0) {
                    break;
                }
            } else if (c == '?' && !spec.whole()) {
                break;
            }
        }
        return Integer.toUnsignedLong(hash.hash(uri, start, i));
    }

    /** Where the path starts: 0 for origin form, after the authority of an absolute URI, else -1. */
    private static int pathStart(CharSequence uri) {
        if (uri.isEmpty()) {
            return -1;
        }
        if (uri.charAt(0) == '/') {
            return 0;
        }
        for (int i = 0; i + 2 < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c == ':' && i > 0 && uri.charAt(i + 1) == '/' && uri.charAt(i + 2) == '/') {
                for (int j = i + 3; j < uri.length(); j++) {
                    if (uri.charAt(j) == '/') {
                        return j;
                    }
                }
                return -1;
            }
            if (!(Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.')) {
                return -1;
            }
        }
        return -1;
    }

    /**
     * A query-string parameter: the first {@code name=} at the start of an
     * {@code &}-separated part after the first {@code ?}; its value runs to the
     * next {@code &}. An empty value is hashed (as the empty string); a missing
     * parameter, or one without {@code =}, is no key. With {@code check_post} the
     * body of a POST is searched the same way when the query has no match.
     */
    static long urlParam(LbRequest r, BalanceSpec.UrlParam spec, HashSpec hash) {
        CharSequence uri = r.uri();
        if (uri != null) {
            int q = indexOf(uri, '?', 0, uri.length());
            if (q >= 0) {
                long h = param(uri, q + 1, uri.length(), spec.name(), hash);
                if (h >= 0) {
                    return h;
                }
            }
        }
        if (spec.checkPost()) {
            CharSequence body = r.body();
            if (body != null) {
                // A form ends at the first blank or control character.
                int end = 0;
                while (end < body.length() && body.charAt(end) > ' ') {
                    end++;
                }
                return param(body, 0, end, spec.name(), hash);
            }
        }
        return -1;
    }

    private static long param(CharSequence s, int from, int to, String name, HashSpec hash) {
        int n = name.length();
        int i = from;
        while (i < to) {
            int j = indexOf(s, '&', i, to);
            if (j < 0) {
                j = to;
            }
            if (j - i > n && s.charAt(i + n) == '=' && regionEquals(s, i, name)) {
                return Integer.toUnsignedLong(hash.hash(s, i + n + 1, j));
            }
            i = j + 1;
        }
        return -1;
    }

    /**
     * A header's first value (up to a comma, blanks trimmed); an empty one is no
     * key. With {@code use_domain_only}, only the label before the last dot
     * ({@code 1wt} in {@code haproxy.1wt.eu}); a value without an inner dot is
     * taken whole.
     */
    static long header(CharSequence v, boolean domainOnly, HashSpec hash) {
        if (v == null) {
            return -1;
        }
        int b = 0;
        int e = indexOf(v, ',', 0, v.length());
        if (e < 0) {
            e = v.length();
        }
        while (b < e && isBlank(v.charAt(b))) {
            b++;
        }
        while (e > b && isBlank(v.charAt(e - 1))) {
            e--;
        }
        if (b == e) {
            return -1;
        }
        if (!domainOnly) {
            return Integer.toUnsignedLong(hash.hash(v, b, e));
        }
        // Scan back from the end for the last dot (the first character is never
        // looked at as that dot), then back to the dot before it, if any.
        int end = e;
        int p = e;
        boolean inDomain = false;
        for (int n = e - b; n > 0; n--, p--) {
            if (inDomain) {
                if (v.charAt(p - 1) == '.') {
                    break;
                }
            } else if (p < e && v.charAt(p) == '.') {
                end = p;
                inDomain = true;
            }
        }
        return Integer.toUnsignedLong(hash.hash(v, p, end));
    }

    /** A whole value (the RDP cookie); absent or empty is no key. */
    static long whole(CharSequence v, HashSpec hash) {
        if (v == null || v.isEmpty()) {
            return -1;
        }
        return Integer.toUnsignedLong(hash.hash(v, 0, v.length()));
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private static int indexOf(CharSequence s, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    private static boolean regionEquals(CharSequence s, int at, String name) {
        for (int k = 0; k < name.length(); k++) {
            if (s.charAt(at + k) != name.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
