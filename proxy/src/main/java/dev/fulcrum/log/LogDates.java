package dev.fulcrum.log;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The dates of log lines, as HAProxy writes them (configuration.txt 8.2.6):
 * <ul>
 *   <li>{@code %t}, {@code %tr}: {@code 07/Dec/2026:06:36:59.864}, local time with milliseconds;</li>
 *   <li>{@code %T}, {@code %trg}: {@code 07/Dec/2026:06:36:59 +0000}, GMT;</li>
 *   <li>{@code %Tl}, {@code %trl}: {@code 07/Dec/2026:07:36:59 +0100}, local time with its offset.</li>
 * </ul>
 * Appends to a caller's builder; one instance per thread caches the text of the
 * last second seen in each zone.
 */
final class LogDates {

    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
            "Nov", "Dec"};

    private final ZoneId zone;
    private long localSecond = Long.MIN_VALUE;
    private String localText = "";
    private String localOffset = "";
    private long gmtSecond = Long.MIN_VALUE;
    private String gmtText = "";

    LogDates(ZoneId zone) {
        this.zone = zone;
    }

    /** {@code dd/Mon/yyyy:HH:mm:ss.SSS} in local time. */
    void millis(long epochMillis, StringBuilder out) {
        local(Math.floorDiv(epochMillis, 1000));
        int ms = (int) Math.floorMod(epochMillis, 1000);
        out.append(localText).append('.');
        if (ms < 100) {
            out.append('0');
        }
        if (ms < 10) {
            out.append('0');
        }
        out.append(ms);
    }

    /** {@code dd/Mon/yyyy:HH:mm:ss +0000} in GMT. */
    void gmt(long epochMillis, StringBuilder out) {
        long second = Math.floorDiv(epochMillis, 1000);
        if (second != gmtSecond) {
            gmtSecond = second;
            gmtText = text(LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC));
        }
        out.append(gmtText).append(" +0000");
    }

    /** {@code dd/Mon/yyyy:HH:mm:ss +hhmm} in local time. */
    void localWithOffset(long epochMillis, StringBuilder out) {
        local(Math.floorDiv(epochMillis, 1000));
        out.append(localText).append(' ').append(localOffset);
    }

    private void local(long second) {
        if (second == localSecond) {
            return;
        }
        localSecond = second;
        ZoneOffset offset = zone.getRules().getOffset(Instant.ofEpochSecond(second));
        localText = text(LocalDateTime.ofEpochSecond(second, 0, offset));
        int total = offset.getTotalSeconds();
        int abs = Math.abs(total);
        localOffset = (total < 0 ? "-" : "+") + two(abs / 3600) + two(abs / 60 % 60);
    }

    private static String text(LocalDateTime t) {
        return two(t.getDayOfMonth()) + "/" + MONTHS[t.getMonthValue() - 1] + "/" + t.getYear() + ":"
                + two(t.getHour()) + ":" + two(t.getMinute()) + ":" + two(t.getSecond());
    }

    private static String two(int v) {
        return v < 10 ? "0" + v : Integer.toString(v);
    }
}
