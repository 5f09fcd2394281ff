package dev.fulcrum.sample;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;

import static dev.fulcrum.sample.ArgType.SINT;
import static dev.fulcrum.sample.ArgType.STR;

/** Date converters: {@code ltime}, {@code utime} and {@code http_date} (configuration.txt 7.3.1). */
final class TimeConverters implements SampleProvider {

    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
            "Nov", "Dec"};

    @Override
    public void register(SampleRegistry.Builder r) {
        r.converter("ltime", ArgSpec.of(1, STR, SINT), SampleType.SINT, SampleType.STR, (a, cc) ->
                strftime(a.str(0), a.sint(1, 0), ZoneId.systemDefault()));
        r.converter("utime", ArgSpec.of(1, STR, SINT), SampleType.SINT, SampleType.STR, (a, cc) ->
                strftime(a.str(0), a.sint(1, 0), ZoneOffset.UTC));
        r.converter("http_date", ArgSpec.of(0, SINT, STR), SampleType.SINT, SampleType.STR, (a, cc) -> {
            long offset = a.sint(0, 0);
            String unit = a.str(1, "s");
            long perSecond = switch (unit) {
                case "s" -> 1;
                case "ms" -> 1000;
                case "us" -> 1_000_000;
                default -> throw new ArgException("expects 's', 'ms' or 'us', got '" + unit + "'");
            };
            return (ctx, s) -> {
                String d = httpDate(ArithmeticConverters.add(s.sint(), offset), perSecond);
                return d != null && s.setStr(d);
            };
        });
    }

    private static Converter strftime(String fmt, long offset, ZoneId zone) {
        String zoneName = zone == ZoneOffset.UTC ? "GMT" : null;
        return (ctx, s) -> {
            try {
                ZonedDateTime t = Instant.ofEpochSecond(ArithmeticConverters.add(s.sint(), offset)).atZone(zone);
                String z = zoneName != null ? zoneName : t.getZone().getDisplayName(TextStyle.SHORT, Locale.ROOT);
                return s.setStr(Strftime.format(fmt, t, z));
            } catch (DateTimeException | ArithmeticException e) {
                return false;
            }
        };
    }

    /** IMF-fixdate ({@code Tue, 14 Nov 2023 22:13:20 GMT}), with the sub-second digits of ms and us units. */
    static String httpDate(long value, long perSecond) {
        long sec = Math.floorDiv(value, perSecond);
        long frac = Math.floorMod(value, perSecond);
        ZonedDateTime t;
        try {
            t = Instant.ofEpochSecond(sec).atZone(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
        StringBuilder b = new StringBuilder(40);
        b.append(DAYS[t.getDayOfWeek().getValue() - 1]).append(", ");
        two(b, t.getDayOfMonth());
        b.append(' ').append(MONTHS[t.getMonthValue() - 1]).append(' ').append(t.getYear()).append(' ');
        two(b, t.getHour());
        b.append(':');
        two(b, t.getMinute());
        b.append(':');
        two(b, t.getSecond());
        if (perSecond > 1) {
            String f = Long.toString(frac);
            b.append('.');
            for (int i = f.length(); i < (perSecond == 1000 ? 3 : 6); i++) {
                b.append('0');
            }
            b.append(f);
        }
        return b.append(" GMT").toString();
    }

    private static void two(StringBuilder b, int v) {
        if (v < 10) {
            b.append('0');
        }
        b.append(v);
    }
}
