package dev.fulcrum.log;

/**
 * The syslog header formats of the {@code log ... format <name>} option
 * (configuration.txt, global {@code log}). The bytes each one writes are
 * haproxy 2.6's, observed on its datagrams:
 * <pre>
 * local     &lt;134&gt;Dec  7 06:37:17 haproxy[7676]: message
 * rfc3164   &lt;134&gt;Dec  7 06:37:17 host haproxy[7676]: message
 * rfc5424   &lt;134&gt;1 2026-12-07T06:37:17.726556+00:00 host haproxy 7676 - [sd] message
 * priority  &lt;134&gt;message
 * short     &lt;6&gt;message
 * timed     &lt;6&gt;2026-12-07T06:37:17.726635+00:00 message
 * iso       2026-12-07T06:37:17.726640+00:00 message
 * raw       message
 * </pre>
 * Every message ends with a line feed.
 */
public enum SyslogFormat {
    LOCAL("local"),
    RFC3164("rfc3164"),
    RFC5424("rfc5424"),
    PRIORITY("priority"),
    SHORT("short"),
    TIMED("timed"),
    ISO("iso"),
    RAW("raw");

    private final String text;

    SyslogFormat(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    /** The format named {@code name}, or {@code null}. */
    public static SyslogFormat of(String name) {
        for (SyslogFormat f : values()) {
            if (f.text.equals(name)) {
                return f;
            }
        }
        return null;
    }
}
