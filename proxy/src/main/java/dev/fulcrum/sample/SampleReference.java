package dev.fulcrum.sample;

import dev.fulcrum.config.SourceLocation;

import static java.util.Objects.requireNonNull;

/**
 * A name an expression argument refers to, checked once the whole configuration
 * is known (as HAProxy resolves arguments after parsing).
 *
 * @param kind     what the name designates
 * @param name     the name as written; {@code ""} means the proxy the expression is in
 * @param location the statement
 * @param proxy    the proxy the expression is in
 * @param where    HAProxy's description of the argument for messages
 *                 ({@code arg 1 of sample fetch keyword 'nbsrv' in http-request expression in proxy 'f'})
 */
public record SampleReference(Kind kind, String name, SourceLocation location, String proxy, String where) {

    /** What a referenced name designates. */
    public enum Kind {
        /** a proxy with a backend capability */
        BACKEND,
        /** a proxy with a frontend capability */
        FRONTEND,
        /** {@code [backend/]server} */
        SERVER,
        /** a {@code userlist} section */
        USERLIST,
        /** a stick table (a proxy with a {@code stick-table}) */
        TABLE
    }

    public SampleReference {
        requireNonNull(kind, "kind");
        requireNonNull(name, "name");
        requireNonNull(location, "location");
        requireNonNull(proxy, "proxy");
        requireNonNull(where, "where");
    }
}
