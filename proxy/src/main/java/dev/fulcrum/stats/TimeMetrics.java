package dev.fulcrum.stats;

import dev.fulcrum.proxy.TimeStats;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The time-statistics metrics backends and servers share ({@code *_time_average_seconds}, {@code max_*_time_seconds}). */
final class TimeMetrics {

    private static final String[] NAMES = {"queue", "connect", "response", "total"};

    private TimeMetrics() {
    }

    /** {@code <prefix>_queue_time_average_seconds} ... {@code _total_time_average_seconds}. */
    static <T> List<Metric<T>> averages(String prefix, Function<T, TimeStats> stats) {
        List<Metric<T>> out = new ArrayList<>(4);
        for (TimeStats.Kind k : TimeStats.Kind.values()) {
            String what = NAMES[k.ordinal()];
            out.add(Metric.seconds(prefix + "_" + what + "_time_average_seconds", "Average " + what
                    + " time of the last " + TimeStats.WINDOW + " exchanges a server answered.",
                    o -> stats.apply(o).averageMillis(k)));
        }
        return out;
    }

    /** {@code <prefix>_max_queue_time_seconds} ... {@code _max_total_time_seconds}. */
    static <T> List<Metric<T>> maxima(String prefix, Function<T, TimeStats> stats) {
        List<Metric<T>> out = new ArrayList<>(4);
        for (TimeStats.Kind k : TimeStats.Kind.values()) {
            String what = NAMES[k.ordinal()];
            out.add(Metric.seconds(prefix + "_max_" + what + "_time_seconds", "Longest " + what + " time seen.",
                    o -> stats.apply(o).maxMillis(k)));
        }
        return out;
    }

    /** The lists one after the other, as one immutable list. */
    @SafeVarargs
    static <T> List<Metric<T>> join(List<Metric<T>>... parts) {
        List<Metric<T>> out = new ArrayList<>();
        for (List<Metric<T>> p : parts) {
            out.addAll(p);
        }
        return List.copyOf(out);
    }
}
