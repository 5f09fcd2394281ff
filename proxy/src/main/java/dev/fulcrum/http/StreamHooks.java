package dev.fulcrum.http;

import dev.fulcrum.frontend.Frontend;
import dev.fulcrum.logformat.LogVariables;

import java.net.InetSocketAddress;

/**
 * What the logging room does while streams run (the end of a stream goes to
 * {@link StreamObserver}s): HAProxy's "Connect from" line for frontends that log
 * without a format, and each request's unique id ({@code unique-id-format},
 * {@code unique-id-header}). Called on the event loop: must not block.
 */
public interface StreamHooks {

    /** No hooks: nothing logged at accept, no unique ids. */
    StreamHooks NONE = new StreamHooks() {
    };

    /**
     * A client connection of {@code fe} ended before its session started (a bad
     * or missing PROXY header): haproxy logs {@code <client> [<accept date>]
     * <frontend>/<listener>: <message>}.
     */
    default void connectionError(Frontend fe, InetSocketAddress client, String listener, long acceptEpochMillis,
                                 String message) {
    }

    /** A client connection was accepted by {@code fe}. */
    default void accepted(Frontend fe, InetSocketAddress client, InetSocketAddress local) {
    }

    /**
     * The unique id of a request whose head was just parsed, or {@code null}
     * when {@code fe} has no {@code unique-id-format}. {@code partial} holds
     * what is known so far (addresses, dates, names, request line, counter and
     * sample context); its timers and outcome are not meaningful yet.
     */
    default String uniqueId(Frontend fe, StreamRecord partial) {
        return null;
    }

    /**
     * The values of the {@code %} variables ({@code %ci}, {@code %b}, {@code %Tw}...)
     * of a stream still running, for the log-format strings of rules and
     * {@code use_backend}; {@code partial} is as for {@link #uniqueId}. Valid
     * until the next call on this thread.
     */
    default LogVariables variables(Frontend fe, StreamRecord partial) {
        return LogVariables.NONE;
    }

    /** Whether {@code fe} has a {@code unique-id-format} (so {@link #uniqueId} is worth a call). */
    default boolean wantsUniqueId(Frontend fe) {
        return false;
    }

    /** The request header carrying the unique id to the server, or {@code null}. */
    default String uniqueIdHeader(Frontend fe) {
        return null;
    }
}
