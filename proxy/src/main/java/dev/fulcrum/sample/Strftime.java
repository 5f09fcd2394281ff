package dev.fulcrum.sample;

import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.IsoFields;
import java.util.Locale;

/**
 * {@code strftime(3)} in the C locale, for the {@code ltime} and {@code utime}
 * converters. Unknown conversions are copied as written, as glibc does.
 */
final class Strftime {

    private static final String[] DAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};

    private Strftime() {
    }

    static String format(String fmt, ZonedDateTime t, String zoneName) {
        StringBuilder b = new StringBuilder(fmt.length() + 16);
        for (int i = 0; i < fmt.length(); i++) {
            char c = fmt.charAt(i);
            if (c != '%' || i + 1 == fmt.length()) {
                b.append(c);
                continue;
            }
            char f = fmt.charAt(++i);
            conversion(b, f, t, zoneName);
        }
        return b.toString();
    }

    private static void conversion(StringBuilder b, char f, ZonedDateTime t, String zone) {
        int dow = t.getDayOfWeek().getValue(); // 1 = Monday
        switch (f) {
            case 'a' -> b.append(DAYS[dow - 1], 0, 3);
            case 'A' -> b.append(DAYS[dow - 1]);
            case 'b', 'h' -> b.append(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ROOT));
            case 'B' -> b.append(t.getMonth().getDisplayName(TextStyle.FULL, Locale.ROOT));
            case 'c' -> {
                conversion(b, 'a', t, zone);
                b.append(' ');
                conversion(b, 'b', t, zone);
                b.append(' ');
                conversion(b, 'e', t, zone);
                b.append(' ');
                conversion(b, 'T', t, zone);
                b.append(' ').append(t.getYear());
            }
            case 'C' -> pad(b, Math.floorDiv(t.getYear(), 100), 2, '0');
            case 'd' -> pad(b, t.getDayOfMonth(), 2, '0');
            case 'D', 'x' -> {
                pad(b, t.getMonthValue(), 2, '0');
                b.append('/');
                pad(b, t.getDayOfMonth(), 2, '0');
                b.append('/');
                pad(b, Math.floorMod(t.getYear(), 100), 2, '0');
            }
            case 'e' -> pad(b, t.getDayOfMonth(), 2, ' ');
            case 'F' -> {
                b.append(t.getYear()).append('-');
                pad(b, t.getMonthValue(), 2, '0');
                b.append('-');
                pad(b, t.getDayOfMonth(), 2, '0');
            }
            case 'G' -> b.append(t.get(IsoFields.WEEK_BASED_YEAR));
            case 'g' -> pad(b, Math.floorMod(t.get(IsoFields.WEEK_BASED_YEAR), 100), 2, '0');
            case 'H' -> pad(b, t.getHour(), 2, '0');
            case 'I' -> pad(b, hour12(t), 2, '0');
            case 'j' -> pad(b, t.getDayOfYear(), 3, '0');
            case 'k' -> pad(b, t.getHour(), 2, ' ');
            case 'l' -> pad(b, hour12(t), 2, ' ');
            case 'm' -> pad(b, t.getMonthValue(), 2, '0');
            case 'M' -> pad(b, t.getMinute(), 2, '0');
            case 'n' -> b.append('\n');
            case 'p' -> b.append(t.getHour() < 12 ? "AM" : "PM");
            case 'P' -> b.append(t.getHour() < 12 ? "am" : "pm");
            case 'r' -> {
                pad(b, hour12(t), 2, '0');
                b.append(':');
                pad(b, t.getMinute(), 2, '0');
                b.append(':');
                pad(b, t.getSecond(), 2, '0');
                b.append(' ').append(t.getHour() < 12 ? "AM" : "PM");
            }
            case 'R' -> {
                pad(b, t.getHour(), 2, '0');
                b.append(':');
                pad(b, t.getMinute(), 2, '0');
            }
            case 's' -> b.append(t.toEpochSecond());
            case 'S' -> pad(b, t.getSecond(), 2, '0');
            case 't' -> b.append('\t');
            case 'T', 'X' -> {
                pad(b, t.getHour(), 2, '0');
                b.append(':');
                pad(b, t.getMinute(), 2, '0');
                b.append(':');
                pad(b, t.getSecond(), 2, '0');
            }
            case 'u' -> b.append(dow);
            case 'U' -> pad(b, (t.getDayOfYear() + 6 - dow % 7) / 7, 2, '0');
            case 'V' -> pad(b, t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), 2, '0');
            case 'w' -> b.append(dow % 7);
            case 'W' -> pad(b, (t.getDayOfYear() + 6 - (dow + 6) % 7) / 7, 2, '0');
            case 'y' -> pad(b, Math.floorMod(t.getYear(), 100), 2, '0');
            case 'Y' -> b.append(t.getYear());
            case 'z' -> {
                int off = t.getOffset().getTotalSeconds() / 60;
                b.append(off < 0 ? '-' : '+');
                pad(b, Math.abs(off) / 60, 2, '0');
                pad(b, Math.abs(off) % 60, 2, '0');
            }
            case 'Z' -> b.append(zone);
            case '%' -> b.append('%');
            default -> b.append('%').append(f);
        }
    }

    private static int hour12(ZonedDateTime t) {
        return t.get(ChronoField.CLOCK_HOUR_OF_AMPM);
    }

    private static void pad(StringBuilder b, long v, int width, char fill) {
        String s = Long.toString(v);
        for (int i = s.length(); i < width; i++) {
            b.append(fill);
        }
        b.append(s);
    }
}
