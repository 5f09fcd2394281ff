package dev.fulcrum.log;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Writes the syslog header of one message in a {@link SyslogFormat}, byte for
 * byte as haproxy 2.6 does. One instance per thread: it caches the date text of
 * the current second, so a header costs a few byte copies.
 */
final class SyslogHeader {

    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
            "Nov", "Dec"};

    private final ZoneId zone;
    private long cachedSecond = Long.MIN_VALUE;
    /** {@code Dec  7 06:37:17 } */
    private final byte[] bsd = new byte[16];
    /** {@code 2026-12-07T06:37:17} */
    private final byte[] isoSeconds = new byte[19];
    /** {@code +00:00} */
    private final byte[] isoOffset = new byte[6];

    SyslogHeader(ZoneId zone) {
        this.zone = zone;
    }

    /**
     * Writes the header for {@code format}.
     *
     * @param host     host name for rfc3164/rfc5424, or {@code null} when {@code log-send-hostname} is not set
     * @param tag      the program name or {@code log-tag}
     * @param pid      the process id, in ASCII
     * @param sd       rfc5424 structured data (already rendered), or {@code null}
     */
    void write(ByteBuffer out, SyslogFormat format, int facility, int level, Instant now, byte[] host, byte[] tag,
               byte[] pid, CharSequence sd) {
        switch (format) {
            case RAW -> {
            }
            case SHORT -> pri(out, level);
            case PRIORITY -> pri(out, facility * 8 + level);
            case TIMED -> {
                pri(out, level);
                iso(out, now);
                out.put((byte) ' ');
            }
            case ISO -> {
                iso(out, now);
                out.put((byte) ' ');
            }
            case LOCAL, RFC3164 -> {
                pri(out, facility * 8 + level);
                refresh(now.getEpochSecond());
                out.put(bsd);
                if (format == SyslogFormat.RFC3164) {
                    out.put(host != null ? host : LOCALHOST).put((byte) ' ');
                }
                out.put(tag).put((byte) '[').put(pid).put((byte) ']').put((byte) ':').put((byte) ' ');
            }
            case RFC5424 -> {
                pri(out, facility * 8 + level);
                out.put((byte) '1').put((byte) ' ');
                iso(out, now);
                out.put((byte) ' ');
                if (host != null) {
                    out.put(host);
                } else {
                    out.put((byte) '-');
                }
                out.put((byte) ' ').put(tag).put((byte) ' ').put(pid).put((byte) ' ').put((byte) '-')
                        .put((byte) ' ');
                if (sd == null || sd.isEmpty()) {
                    out.put((byte) '-');
                } else {
                    Ascii.put(out, sd, out.remaining());
                }
                out.put((byte) ' ');
            }
        }
    }

    private static final byte[] LOCALHOST = {'l', 'o', 'c', 'a', 'l', 'h', 'o', 's', 't'};

    private static void pri(ByteBuffer out, int value) {
        out.put((byte) '<');
        Ascii.putInt(out, value);
        out.put((byte) '>');
    }

    /** {@code 2026-12-07T06:37:17.726556+00:00}: local time with microseconds and the zone offset. */
    private void iso(ByteBuffer out, Instant now) {
        refresh(now.getEpochSecond());
        out.put(isoSeconds).put((byte) '.');
        int micros = now.getNano() / 1000;
        for (int div = 100_000; div > 0; div /= 10) {
            out.put((byte) ('0' + micros / div % 10));
        }
        out.put(isoOffset);
    }

    private void refresh(long second) {
        if (second == cachedSecond) {
            return;
        }
        cachedSecond = second;
        ZoneOffset offset = zone.getRules().getOffset(Instant.ofEpochSecond(second));
        LocalDateTime t = LocalDateTime.ofEpochSecond(second, 0, offset);
        String b = MONTHS[t.getMonthValue() - 1] + " " + (t.getDayOfMonth() < 10 ? " " : "") + t.getDayOfMonth() + " "
                + two(t.getHour()) + ":" + two(t.getMinute()) + ":" + two(t.getSecond()) + " ";
        copy(b, bsd);
        String iso = t.getYear() + "-" + two(t.getMonthValue()) + "-" + two(t.getDayOfMonth()) + "T"
                + two(t.getHour()) + ":" + two(t.getMinute()) + ":" + two(t.getSecond());
        copy(iso, isoSeconds);
        int total = offset.getTotalSeconds();
        int abs = Math.abs(total);
        copy((total < 0 ? "-" : "+") + two(abs / 3600) + ":" + two(abs / 60 % 60), isoOffset);
    }

    private static String two(int v) {
        return v < 10 ? "0" + v : Integer.toString(v);
    }

    private static void copy(String s, byte[] into) {
        for (int i = 0; i < into.length && i < s.length(); i++) {
            into[i] = (byte) s.charAt(i);
        }
    }
}
