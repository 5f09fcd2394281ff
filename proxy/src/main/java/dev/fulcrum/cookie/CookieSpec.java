package dev.fulcrum.cookie;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A backend's {@code cookie} statement: the persistence cookie's name, how it is
 * carried ({@link Mode}) and the options that shape what the client and the
 * server see of it.
 *
 * @param maxidle seconds after which an inserted cookie's last-seen date makes it ignored; 0 = never
 * @param maxlife seconds after which an inserted cookie's first date makes it ignored; 0 = never
 * @param domains {@code domain} values, in order
 * @param attrs   {@code attr} values, in order
 */
public record CookieSpec(String name, Mode mode, boolean indirect, boolean nocache, boolean postonly,
                         boolean preserve, boolean httponly, boolean secure, List<String> domains,
                         long maxidle, long maxlife, boolean dynamic, List<String> attrs) {

    /** Where the server's identifier travels. */
    public enum Mode {
        /** no mode given: the cookie is only read, never written */
        PASSIVE,
        /** the server's own cookie gets the server's identifier as value */
        REWRITE,
        /** HAProxy adds its own cookie to responses */
        INSERT,
        /** the server's own cookie gets the identifier and a '~' before its value */
        PREFIX
    }

    public CookieSpec {
        requireNonNull(name, "name");
        requireNonNull(mode, "mode");
        domains = List.copyOf(domains);
        attrs = List.copyOf(attrs);
    }
}
