package dev.fulcrum.stats;

import io.netty.buffer.ByteBuf;

import java.util.List;

/**
 * One scope of a scrape (process, frontends, backends or servers) with a cursor,
 * so that the output can stop at any object and resume when the client has
 * read what was sent. HAProxy's layout: metric by metric, each followed by the
 * line of every object, the HELP and TYPE lines written before the first line
 * actually present.
 *
 * @param <T> the objects of the scope
 */
final class Section<T> {

    /** Writes the labels identifying an object ({@code proxy="be",server="s1"}), or nothing. */
    @FunctionalInterface
    interface Labels<T> {
        void write(ByteBuf out, T object);
    }

    private final List<Metric<T>> metrics;
    private final List<T> objects;
    private final Labels<T> labels;
    private int metric;
    private int outer;
    private int object;
    private boolean headerDone;

    /** @param labels the objects' labels, or {@code null} for an object without (the process) */
    Section(List<Metric<T>> metrics, List<T> objects, Labels<T> labels) {
        this.metrics = metrics;
        this.objects = objects;
        this.labels = labels;
    }

    /** Writes the lines of the next object (one line, or one per state); returns false once all are written. */
    boolean step(ByteBuf out, long now) {
        if (metric >= metrics.size()) {
            return false;
        }
        Metric<T> m = metrics.get(metric);
        int count = m.labelValues.size();
        if (object < objects.size()) {
            T o = objects.get(object++);
            if (m.labelOuter) {
                line(out, m, o, outer, now);
            } else if (count == 1 || m.reader.read(o, 0, now) != PromText.SKIP) {
                for (int l = 0; l < count; l++) {
                    line(out, m, o, l, now);
                }
            }
        }
        if (object >= objects.size()) {
            object = 0;
            if (m.labelOuter && ++outer < count) {
                return true;
            }
            outer = 0;
            metric++;
            headerDone = false;
        }
        return metric < metrics.size();
    }

    private void line(ByteBuf out, Metric<T> m, T o, int label, long now) {
        long v = m.reader.read(o, label, now);
        if (v == PromText.SKIP) {
            return;
        }
        if (!headerDone) {
            out.writeBytes(m.header);
            headerDone = true;
        }
        out.writeBytes(m.nameBytes);
        boolean open = false;
        if (labels != null) {
            out.writeByte('{');
            labels.write(out, o);
            open = true;
        }
        if (m.labelName != null) {
            out.writeByte(open ? ',' : '{');
            PromText.label(out, m.labelName, m.labelValues.get(label));
            open = true;
        }
        if (open) {
            out.writeByte('}');
        }
        out.writeByte(' ');
        if (m.seconds) {
            PromText.seconds(out, v);
        } else {
            PromText.integer(out, v);
        }
        out.writeByte('\n');
    }
}
