package dev.fulcrum.http;

/** Pieces of a request URI, following HAProxy's definitions of path and query. */
public final class Uris {

    private Uris() {
    }

    /**
     * Index where the path starts: 0 for origin form, after the authority for an
     * absolute URI ({@code scheme://host[:port]/...}), -1 when there is no path
     * (asterisk form, authority form, or an absolute URI with nothing after the host).
     */
    public static int pathStart(String uri) {
        if (uri.isEmpty()) {
            return -1;
        }
        if (uri.charAt(0) == '/') {
            return 0;
        }
        int scheme = uri.indexOf("://");
        if (scheme <= 0) {
            return -1;
        }
        for (int i = 0; i < scheme; i++) {
            char c = uri.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.')) {
                return -1;
            }
        }
        int slash = uri.indexOf('/', scheme + 3);
        return slash;
    }

    /** The path (no query), or {@code ""} when the URI has no path. */
    public static String path(String uri) {
        int s = pathStart(uri);
        if (s < 0) {
            return "";
        }
        int q = uri.indexOf('?', s);
        return q < 0 ? uri.substring(s) : uri.substring(s, q);
    }

    /** The query after {@code ?}, or {@code null} without one. */
    public static String query(String uri) {
        int q = uri.indexOf('?');
        return q < 0 ? null : uri.substring(q + 1);
    }
}
