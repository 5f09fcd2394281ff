package dev.fulcrum.log;

/** Syslog severities, most severe first; the code is the ordinal (emerg 0 ... debug 7). */
public enum Level {
    EMERG("emerg"), ALERT("alert"), CRIT("crit"), ERR("err"), WARNING("warning"), NOTICE("notice"), INFO("info"),
    DEBUG("debug");

    private final String text;

    Level(String text) {
        this.text = text;
    }

    public int code() {
        return ordinal();
    }

    public String text() {
        return text;
    }

    /** The level named {@code name}, or {@code null}. */
    public static Level of(String name) {
        for (Level l : values()) {
            if (l.text.equals(name)) {
                return l;
            }
        }
        return null;
    }

    /** Whether this level is at least as severe as {@code other}. */
    public boolean atLeast(Level other) {
        return ordinal() <= other.ordinal();
    }
}
