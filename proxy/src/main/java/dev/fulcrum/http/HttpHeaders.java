package dev.fulcrum.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The header fields of one HTTP message, in order. Names are stored in lower case,
 * as HAProxy 2.6 does internally and on the wire (it emits every header name in
 * lower case, in both directions); lookups are case-insensitive. Values are kept
 * as received. Mutable and not thread-safe: a message belongs to one connection's
 * event loop.
 *
 * <p>Stored as two parallel arrays so that a typical message of a dozen fields
 * costs two small arrays and its strings, and lookups are a short linear scan.
 */
public final class HttpHeaders {

    private String[] names;
    private String[] values;
    private int size;

    public HttpHeaders() {
        this(16);
    }

    public HttpHeaders(int capacity) {
        names = new String[Math.max(4, capacity)];
        values = new String[names.length];
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public String name(int i) {
        checkIndex(i);
        return names[i];
    }

    public String value(int i) {
        checkIndex(i);
        return values[i];
    }

    /** Replaces the value of field {@code i}, keeping its name and position. */
    public void setValue(int i, String value) {
        checkIndex(i);
        values[i] = requireNonNull(value, "value");
    }

    /** Appends a field; the name is lower-cased. */
    public void add(String name, String value) {
        name = lower(requireNonNull(name, "name"));
        requireNonNull(value, "value");
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        names[size] = name;
        values[size] = value;
        size++;
    }

    /** Removes every field called {@code name}, then appends one (HAProxy's set-header). */
    public void set(String name, String value) {
        remove(name);
        add(name, value);
    }

    /** Removes every field called {@code name}; returns how many were removed. */
    public int remove(String name) {
        int w = 0;
        int removed = 0;
        for (int r = 0; r < size; r++) {
            if (names[r].equalsIgnoreCase(name)) {
                removed++;
                continue;
            }
            names[w] = names[r];
            values[w] = values[r];
            w++;
        }
        for (int i = w; i < size; i++) {
            names[i] = null;
            values[i] = null;
        }
        size = w;
        return removed;
    }

    /** Removes field {@code i}. */
    public void removeAt(int i) {
        checkIndex(i);
        System.arraycopy(names, i + 1, names, i, size - i - 1);
        System.arraycopy(values, i + 1, values, i, size - i - 1);
        size--;
        names[size] = null;
        values[size] = null;
    }

    public boolean contains(String name) {
        return indexOf(name, 0) >= 0;
    }

    /** Index of the first field called {@code name} at or after {@code from}, or -1. */
    public int indexOf(String name, int from) {
        for (int i = from; i < size; i++) {
            if (names[i].equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The value of the first field called {@code name}, or {@code null}. */
    public String get(String name) {
        int i = indexOf(name, 0);
        return i < 0 ? null : values[i];
    }

    /** The value of the last field called {@code name}, or {@code null}. */
    public String getLast(String name) {
        for (int i = size - 1; i >= 0; i--) {
            if (names[i].equalsIgnoreCase(name)) {
                return values[i];
            }
        }
        return null;
    }

    /** Every value of the fields called {@code name}, in order (full lines, not comma-split). */
    public List<String> getAll(String name) {
        List<String> out = new ArrayList<>(2);
        for (int i = 0; i < size; i++) {
            if (names[i].equalsIgnoreCase(name)) {
                out.add(values[i]);
            }
        }
        return out;
    }

    /** Number of fields called {@code name}. */
    public int count(String name) {
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (names[i].equalsIgnoreCase(name)) {
                n++;
            }
        }
        return n;
    }

    public void clear() {
        Arrays.fill(names, 0, size, null);
        Arrays.fill(values, 0, size, null);
        size = 0;
    }

    /** A deep copy. */
    public HttpHeaders copy() {
        HttpHeaders c = new HttpHeaders(Math.max(4, size));
        System.arraycopy(names, 0, c.names, 0, size);
        System.arraycopy(values, 0, c.values, 0, size);
        c.size = size;
        return c;
    }

    /** ASCII lower case, without allocating when the name is already lower case. */
    static String lower(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                char[] chars = name.toCharArray();
                for (int j = i; j < chars.length; j++) {
                    char d = chars[j];
                    if (d >= 'A' && d <= 'Z') {
                        chars[j] = (char) (d + 32);
                    }
                }
                return new String(chars);
            }
        }
        return name;
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("header index " + i + " (size " + size + ")");
        }
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < size; i++) {
            b.append(names[i]).append(": ").append(values[i]).append("\r\n");
        }
        return b.toString();
    }
}
