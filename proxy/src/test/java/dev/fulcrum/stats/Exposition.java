package dev.fulcrum.stats;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scrape in the Prometheus text format, parsed for assertions: each series
 * ({@code name{labels}}) with its value, each metric with its type. Parsing
 * fails on a line the format does not allow, on a series whose metric had no
 * TYPE line before it, and on a series listed twice.
 */
record Exposition(Map<String, String> series, Map<String, String> types) {

    private static final Pattern LINE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})? (\\S+)");

    static Exposition parse(String text) {
        Map<String, String> series = new LinkedHashMap<>();
        Map<String, String> types = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("# HELP ")) {
                continue;
            }
            if (line.startsWith("# TYPE ")) {
                String[] p = line.split(" ");
                if (types.put(p[2], p[3]) != null) {
                    throw new AssertionError("TYPE given twice: " + line);
                }
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw new AssertionError("not an exposition line: " + line);
            }
            if (!types.containsKey(m.group(1))) {
                throw new AssertionError("series without TYPE: " + line);
            }
            String key = m.group(1) + (m.group(2) == null ? "" : m.group(2));
            if (series.put(key, m.group(3)) != null) {
                throw new AssertionError("series given twice: " + line);
            }
        }
        return new Exposition(series, types);
    }

    /** The value of a series as a number ({@code NaN} included). */
    double value(String key) {
        String v = series.get(key);
        if (v == null) {
            throw new AssertionError("no series " + key + " in " + series.keySet());
        }
        return Double.parseDouble(v);
    }

    long count(String key) {
        return (long) value(key);
    }

    /** The metric names present. */
    Set<String> names() {
        Set<String> out = new TreeSet<>();
        for (String k : series.keySet()) {
            int b = k.indexOf('{');
            out.add(b < 0 ? k : k.substring(0, b));
        }
        return out;
    }
}
