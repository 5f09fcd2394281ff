package dev.fulcrum.cookie;

import dev.fulcrum.config.Setting;

/** Settings of cookie persistence: the backend's {@code cookie} statement and each server's value. */
public final class CookieSettings {

    /** The backend's {@code cookie} statement, or {@code null} when it has none. */
    public static final Setting<CookieSpec> COOKIE = Setting.of("cookie", null);
    /** A server's {@code cookie <value>}; empty = the server has no cookie. */
    public static final Setting<String> SERVER_COOKIE = Setting.of("server cookie", "");

    private CookieSettings() {
    }
}
