package dev.fulcrum.stats;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One metric family as HAProxy's exporter names it: its name, help and type,
 * an optional label of its own ({@code state}, {@code code}) with its values,
 * and how an object (the process, a frontend, a backend, a server) yields each
 * value. Immutable; the HELP and TYPE lines are rendered once.
 *
 * @param <T> the kind of object the metric describes
 */
final class Metric<T> {

    /** Reads one value of an object: an integer, a duration in ms for {@link #seconds} metrics, or
     * {@link PromText#NAN} / {@link PromText#SKIP}. */
    @FunctionalInterface
    interface Reader<T> {
        long read(T object, int labelIndex, long nowMillis);
    }

    /** Reads a value that does not depend on the metric's own label. */
    @FunctionalInterface
    interface Plain<T> {
        long read(T object);
    }

    final String name;
    final byte[] nameBytes;
    final byte[] header;
    final boolean seconds;
    /** The metric's own label name, or {@code null}. */
    final byte[] labelName;
    final List<String> labelValues;
    /**
     * Whether the label varies slowest (each value across every object, then the
     * next): HAProxy lists response codes that way and states the other way.
     */
    final boolean labelOuter;
    final Reader<T> reader;

    private Metric(String name, String type, String help, boolean seconds, String labelName,
                   List<String> labelValues, boolean labelOuter, Reader<T> reader) {
        this.name = requireNonNull(name, "name");
        this.nameBytes = name.getBytes(StandardCharsets.US_ASCII);
        this.header = ("# HELP " + name + " " + help + "\n# TYPE " + name + " " + type + "\n")
                .getBytes(StandardCharsets.UTF_8);
        this.seconds = seconds;
        this.labelName = labelName == null ? null : labelName.getBytes(StandardCharsets.US_ASCII);
        this.labelValues = labelValues == null ? List.of("") : List.copyOf(labelValues);
        this.labelOuter = labelOuter;
        this.reader = requireNonNull(reader, "reader");
    }

    static <T> Metric<T> gauge(String name, String help, Plain<T> value) {
        return new Metric<>(name, "gauge", help, false, null, null, false, (o, l, now) -> value.read(o));
    }

    static <T> Metric<T> counter(String name, String help, Plain<T> value) {
        return new Metric<>(name, "counter", help, false, null, null, false, (o, l, now) -> value.read(o));
    }

    /** A gauge that depends on the time of the scrape (an age, an uptime). */
    static <T> Metric<T> timed(String name, String help, Reader<T> value) {
        return new Metric<>(name, "gauge", help, false, null, null, false, value);
    }

    /** A gauge in seconds, read in milliseconds. */
    static <T> Metric<T> seconds(String name, String help, Plain<T> millis) {
        return new Metric<>(name, "gauge", help, true, null, null, false, (o, l, now) -> millis.read(o));
    }

    /** A gauge with one line per state, 1 for the object's state (or a count per state for aggregates). */
    static <T> Metric<T> states(String name, String help, List<String> states, Reader<T> value) {
        return new Metric<>(name, "gauge", help, false, "state", states, false, value);
    }

    /** A labeled gauge whose label values are fixed (e.g. {@code version}). */
    static <T> Metric<T> labeled(String name, String help, String label, String value, Plain<T> v) {
        return new Metric<>(name, "gauge", help, false, label, List.of(value), false, (o, l, now) -> v.read(o));
    }

    /** HTTP responses by status class, code label outermost as HAProxy lists them. */
    static <T> Metric<T> codes(String name, String help, Reader<T> value) {
        return new Metric<>(name, "counter", help, false, "code", List.of("1xx", "2xx", "3xx", "4xx", "5xx", "other"),
                true, value);
    }
}
