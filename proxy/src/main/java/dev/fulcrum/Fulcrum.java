package dev.fulcrum;

import java.util.List;

/**
 * What this build is: its version, the HAProxy release whose configuration
 * semantics it implements, and the features that really work. The feature list
 * feeds {@code -vv}, the {@code feature()} predicate of {@code .if} and
 * {@code -cc}, so a feature is listed here only once it is implemented end to end.
 */
public final class Fulcrum {

    /** The HAProxy release whose configuration language and behaviour Fulcrum follows. */
    public static final String HAPROXY_COMPAT = "2.6";

    /** Features that work, in {@code -vv} order. */
    public static final List<String> FEATURES = List.of("EPOLL", "GETADDRINFO", "THREAD", "PRCTL", "LIBCRYPT");

    /** Features HAProxy lists that this build does not have (shown with a '-'). */
    public static final List<String> MISSING_FEATURES = List.of(
            "LUA", "OPENSSL", "PCRE", "PCRE2", "PROMEX", "QUIC", "SLZ", "ZLIB", "SYSTEMD", "OT");

    private Fulcrum() {
    }

    /** The version of this build, e.g. {@code 0.1.0}, from the jar manifest. */
    public static String version() {
        String v = Fulcrum.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }

    public static boolean hasFeature(String name) {
        return FEATURES.contains(name);
    }
}
