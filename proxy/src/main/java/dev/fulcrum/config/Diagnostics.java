package dev.fulcrum.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the notices, warnings and alerts of one configuration load. Not
 * thread-safe: a load happens on one thread.
 */
public final class Diagnostics {

    private final List<Diagnostic> all = new ArrayList<>();
    private int alerts;
    private int warnings;

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

    public void alert(ConfigException e) {
        add(new Diagnostic(Severity.ALERT, e.location(), e.getMessage(), e.style()));
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

    public boolean hasAlerts() {
        return alerts > 0;
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
