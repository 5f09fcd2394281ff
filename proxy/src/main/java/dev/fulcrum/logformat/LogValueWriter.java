package dev.fulcrum.logformat;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * Writes one field of a log-format string with its flags, the way haproxy 2.6
 * renders them (observed on its logs and on {@code http-request return
 * lf-string}):
 * <ul>
 *   <li>strings: {@code Q} quotes, {@code E} escapes {@code "}, {@code \} and
 *       {@code ]} with a backslash; a missing or empty value is {@code -} in a
 *       log line and nothing in an HTTP value, or {@code ""} when quoted;</li>
 *   <li>numbers are never quoted; {@code X} writes ports, the pid and the
 *       request counter as {@code %04X} and the timestamp as {@code %08X};</li>
 *   <li>addresses: {@code Q} quotes, {@code X} writes the address bytes in hex;</li>
 *   <li>in HTTP values (header values, {@code lf-string}), control characters
 *       are written {@code %XX}.</li>
 * </ul>
 * One instance serves one {@link LogFormat#render} call.
 */
public final class LogValueWriter {

    static final int QUOTE = 1;
    static final int ESCAPE = 2;
    static final int HEX = 4;

    private final StringBuilder out;
    private final boolean http;
    private LogVar.Kind kind;
    private int flags;
    private boolean written;

    LogValueWriter(StringBuilder out, boolean http) {
        this.out = out;
        this.http = http;
    }

    void begin(LogVar.Kind kind, int flags) {
        this.kind = kind;
        this.flags = flags;
        this.written = false;
    }

    boolean written() {
        return written;
    }

    /** Writes text; {@code null} or empty is the missing value. */
    public void string(CharSequence v) {
        if (v == null || v.isEmpty()) {
            missing();
            return;
        }
        written = true;
        boolean quote = (flags & QUOTE) != 0;
        if (quote) {
            out.append('"');
        }
        text(v);
        if (quote) {
            out.append('"');
        }
    }

    /** Writes a number, in hexadecimal for the fields HAProxy prints so with {@code X}. */
    public void number(long v) {
        written = true;
        if ((flags & HEX) != 0 && (kind == LogVar.Kind.HEX4 || kind == LogVar.Kind.HEX8)) {
            String h = Long.toHexString(v).toUpperCase(java.util.Locale.ROOT);
            for (int i = h.length(); i < (kind == LogVar.Kind.HEX4 ? 4 : 8); i++) {
                out.append('0');
            }
            out.append(h);
        } else {
            out.append(v);
        }
    }

    /** Writes an address; {@code null} (a UNIX socket) is the missing value. */
    public void address(InetAddress a) {
        if (a == null) {
            missing();
            return;
        }
        if ((flags & HEX) != 0) {
            written = true;
            byte[] b = a.getAddress();
            for (byte x : b) {
                out.append(Character.toUpperCase(Character.forDigit((x >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(x & 0xf, 16)));
            }
            return;
        }
        String text = a instanceof Inet4Address ? a.getHostAddress()
                : dev.fulcrum.sample.Inet.formatIpv6(a.getAddress());
        string(text);
    }

    /** Writes a date already formatted by the logging room ({@code %t}, {@code %T}...). */
    public void date(CharSequence formatted) {
        string(formatted);
    }

    /** Whether the field being written carries the {@code Q} flag (for values that quote their own parts). */
    public boolean quoting() {
        return (flags & QUOTE) != 0;
    }

    /** Writes text exactly as given, with no flag applied and no placeholder (captured header lists). */
    public void raw(CharSequence v) {
        written = true;
        out.append(v);
    }

    /** Writes a value that exists and is empty: nothing, or {@code ""} when quoted. */
    public void empty() {
        written = true;
        if ((flags & QUOTE) != 0) {
            out.append("\"\"");
        }
    }

    /** Writes HAProxy's placeholder for a value that does not exist. */
    public void missing() {
        written = true;
        if ((flags & QUOTE) != 0) {
            out.append("\"\"");
        } else if (!http) {
            out.append('-');
        }
    }

    /** A sample's text: in HTTP values a sample is never quoted. */
    void sample(String v) {
        if (http) {
            if (v != null) {
                text(v);
            }
            return;
        }
        string(v);
    }

    private void text(CharSequence v) {
        boolean escape = (flags & ESCAPE) != 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (escape && (c == '"' || c == '\\' || c == ']')) {
                out.append('\\').append(c);
            } else if (http && (c < 0x20 && c != '\t' || c == 0x7f)) {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            } else {
                out.append(c);
            }
        }
    }
}
