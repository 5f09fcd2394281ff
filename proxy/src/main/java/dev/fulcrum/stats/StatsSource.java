package dev.fulcrum.stats;

import dev.fulcrum.backend.Backend;
import dev.fulcrum.frontend.Frontend;

import java.util.Collection;

/**
 * What statistics read of a running engine: its proxies and the process-wide
 * figures. Implemented by the runtime room; every method may be called from any
 * event loop and returns live values without locking.
 */
public interface StatsSource {

    /** The frontends (and listen sections), in declaration order. */
    Collection<Frontend> frontends();

    /** The backends (and listen sections), in declaration order. */
    Collection<Backend> backends();

    /** Event-loop threads ({@code nbthread}). */
    int threads();

    /** The process connection limit ({@code maxconn}, configured or derived from the file limit). */
    int maxconn();

    /** The file-descriptor limit of the process. */
    long maxFds();

    /** When the engine started, in epoch milliseconds. */
    long startMillis();

    /** Client connections open now. */
    int currentConnections();

    /** HTTP requests received since start. */
    long requestsTotal();

    /** Listening sockets. */
    int listeners();

    /** Whether a soft stop is in progress. */
    boolean stopping();

    /** The version reported in {@code haproxy_process_build_info}. */
    String version();
}
