package dev.fulcrum.config;

/** Severity of a configuration message, in HAProxy's own vocabulary and layout. */
public enum Severity {
    DIAG("[DIAG]     "),
    NOTICE("[NOTICE]   "),
    WARNING("[WARNING]  "),
    ALERT("[ALERT]    ");

    private final String tag;

    Severity(String tag) {
        this.tag = tag;
    }

    /** The tag padded to HAProxy's column, e.g. {@code "[ALERT]    "}. */
    public String tag() {
        return tag;
    }
}
