package dev.fulcrum.config;

/**
 * The section keywords of HAProxy's configuration language. A section keyword is
 * valid anywhere and starts a new section.
 */
public enum SectionType {
    GLOBAL("global", false),
    DEFAULTS("defaults", false),
    FRONTEND("frontend", true),
    BACKEND("backend", true),
    LISTEN("listen", true),
    USERLIST("userlist", true),
    HTTP_ERRORS("http-errors", true),
    PEERS("peers", true),
    RESOLVERS("resolvers", true),
    RING("ring", true),
    CACHE("cache", true),
    PROGRAM("program", true),
    MAILERS("mailers", true),
    LOG_FORWARD("log-forward", true),
    FCGI_APP("fcgi-app", true);

    private final String keyword;
    private final boolean nameRequired;

    SectionType(String keyword, boolean nameRequired) {
        this.keyword = keyword;
        this.nameRequired = nameRequired;
    }

    public String keyword() {
        return keyword;
    }

    public boolean nameRequired() {
        return nameRequired;
    }

    public boolean isProxy() {
        return this == DEFAULTS || this == FRONTEND || this == BACKEND || this == LISTEN;
    }

    /** The section type started by {@code word}, or {@code null}. */
    public static SectionType of(String word) {
        for (SectionType t : values()) {
            if (t.keyword.equals(word)) {
                return t;
            }
        }
        return null;
    }
}
