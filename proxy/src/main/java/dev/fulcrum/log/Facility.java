package dev.fulcrum.log;

/** The 24 syslog facilities, with HAProxy's names and their RFC 5424 codes. */
public enum Facility {
    KERN("kern"), USER("user"), MAIL("mail"), DAEMON("daemon"), AUTH("auth"), SYSLOG("syslog"), LPR("lpr"),
    NEWS("news"), UUCP("uucp"), CRON("cron"), AUTH2("auth2"), FTP("ftp"), NTP("ntp"), AUDIT("audit"),
    ALERT("alert"), CRON2("cron2"), LOCAL0("local0"), LOCAL1("local1"), LOCAL2("local2"), LOCAL3("local3"),
    LOCAL4("local4"), LOCAL5("local5"), LOCAL6("local6"), LOCAL7("local7");

    private final String text;

    Facility(String text) {
        this.text = text;
    }

    /** The facility's code: its position in the syslog list. */
    public int code() {
        return ordinal();
    }

    public String text() {
        return text;
    }

    /** The facility named {@code name}, or {@code null}. */
    public static Facility of(String name) {
        for (Facility f : values()) {
            if (f.text.equals(name)) {
                return f;
            }
        }
        return null;
    }
}
