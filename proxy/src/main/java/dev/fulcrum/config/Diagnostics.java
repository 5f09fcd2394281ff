package dev.fulcrum.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Collects the notices, warnings and alerts of one configuration load. Not
 * thread-safe: a load happens on one thread.
 */
public final class Diagnostics {

    private final List<Diagnostic> all = new ArrayList<>();
    /** HAProxy's "Error(s) found in configuration file" lines, each with the count of messages before it. */
    private final List<Map.Entry<Integer, Diagnostic>> fileSummaries = new ArrayList<>();
    /** Errors in formats haproxy compiles only after reading every file; see {@link #alert(ConfigException)}. */
    private final List<Diagnostic> late = new ArrayList<>();
    private int alerts;
    private int warnings;
    private boolean aborted;

    public void add(Diagnostic d) {
        all.add(d);
        if (d.severity() == Severity.ALERT) {
            alerts++;
        } else if (d.severity() == Severity.WARNING) {
            warnings++;
        }
    }

    public void alert(SourceLocation where, String message) {
        add(new Diagnostic(Severity.ALERT, where, message));
    }

    /**
     * Records a statement's error. One in the {@link Diagnostic.Style#LATE} style
     * (log-format, unique-id-format, dynamic use_backend) is held back: haproxy
     * compiles those formats after reading the files, and only when reading raised
     * no error, so it is reported by {@link #reportLateErrors()} or not at all.
     */
    public void alert(ConfigException e) {
        Diagnostic d = new Diagnostic(Severity.ALERT, e.location(), e.getMessage(), e.style());
        if (e.style() == Diagnostic.Style.LATE) {
            late.add(d);
        } else {
            add(d);
        }
    }

    /** Reports the held-back errors, once every file was read without error. */
    public void reportLateErrors() {
        late.forEach(this::add);
        late.clear();
    }

    public void warning(SourceLocation where, String message) {
        add(new Diagnostic(Severity.WARNING, where, message));
    }

    public void notice(SourceLocation where, String message) {
        add(new Diagnostic(Severity.NOTICE, where, message));
    }

    public void diag(SourceLocation where, String message) {
        add(new Diagnostic(Severity.DIAG, where, message));
    }

    /**
     * Marks the load as stopped short: HAProxy stops at once, without its final
     * "Fatal errors found" summary, after {@code .alert}, a broken {@code .if}
     * block or a configuration file that cannot be opened.
     */
    public void abort() {
        aborted = true;
    }

    public boolean aborted() {
        return aborted;
    }

    /**
     * Notes that {@code file} raised alerts, for the summary line HAProxy prints
     * right after that file's messages. It is shown by {@link #forDisplay()} only,
     * not counted as an alert.
     */
    public void fileHadErrors(String file) {
        fileSummaries.add(Map.entry(all.size(), new Diagnostic(Severity.ALERT, SourceLocation.NONE,
                "Error(s) found in configuration file : " + file)));
    }

    /** Every message in the order HAProxy prints them, per-file summaries included. */
    public List<Diagnostic> forDisplay() {
        List<Diagnostic> out = new ArrayList<>(all.size() + fileSummaries.size());
        int next = 0;
        for (Map.Entry<Integer, Diagnostic> summary : fileSummaries) {
            out.addAll(all.subList(next, summary.getKey()));
            out.add(summary.getValue());
            next = summary.getKey();
        }
        out.addAll(all.subList(next, all.size()));
        return out;
    }

    /** Whether the load failed: an error reported, or one held back for the end of the load. */
    public boolean hasAlerts() {
        return alerts > 0 || !late.isEmpty();
    }

    public int alertCount() {
        return alerts;
    }

    public boolean hasWarnings() {
        return warnings > 0;
    }

    public List<Diagnostic> all() {
        return List.copyOf(all);
    }

    /** Alerts only, in the order they were raised. */
    public List<Diagnostic> alerts() {
        return all.stream().filter(d -> d.severity() == Severity.ALERT).toList();
    }

    public List<Diagnostic> warnings() {
        return all.stream().filter(d -> d.severity() == Severity.WARNING).toList();
    }
}
