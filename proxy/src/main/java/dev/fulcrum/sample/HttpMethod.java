package dev.fulcrum.sample;

/**
 * HTTP methods as HAProxy's {@code meth} sample type knows them: the well-known
 * ones by identity, everything else as {@link #OTHER} with its text kept.
 */
public enum HttpMethod {
    OPTIONS, GET, HEAD, POST, PUT, DELETE, TRACE, CONNECT, OTHER;

    private static final HttpMethod[] KNOWN = {OPTIONS, GET, HEAD, POST, PUT, DELETE, TRACE, CONNECT};

    /** The well-known method spelled exactly {@code text} (case-sensitive, as on the wire), else OTHER. */
    public static HttpMethod of(CharSequence text) {
        for (HttpMethod m : KNOWN) {
            if (m.name().contentEquals(text)) {
                return m;
            }
        }
        return OTHER;
    }
}
