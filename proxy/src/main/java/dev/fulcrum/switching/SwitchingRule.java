package dev.fulcrum.switching;

import dev.fulcrum.acl.Condition;
import dev.fulcrum.config.SourceLocation;
import dev.fulcrum.logformat.LogFormat;

import static java.util.Objects.requireNonNull;

/**
 * One {@code use_backend} rule: a backend named directly, or a log-format string
 * that yields the name per request.
 *
 * @param backend   the backend name, or {@code null} when {@code dynamic} is used
 * @param dynamic   the {@code %[...]} name, or {@code null}
 * @param condition when the rule applies ({@link Condition#ALWAYS} without if/unless)
 * @param location  where it was written
 */
public record SwitchingRule(String backend, LogFormat dynamic, Condition condition, SourceLocation location) {

    public SwitchingRule {
        if ((backend == null) == (dynamic == null)) {
            throw new IllegalArgumentException("exactly one of backend and dynamic must be set");
        }
        requireNonNull(condition, "condition");
        requireNonNull(location, "location");
    }
}
