package dev.fulcrum.backend;

import java.util.Set;

/**
 * The failure events that make a request retried ({@code retry-on}). The default
 * is {@code conn-failure} only.
 *
 * @param connFailure      retry when the connection could not be established
 * @param emptyResponse    the server closed after the request, sending nothing
 * @param junkResponse     the server sent something that is not an HTTP response
 * @param responseTimeout  the server timeout struck before any response
 * @param zeroRttRejected  early data was rejected (never happens without TLS 0-RTT)
 * @param statuses         response statuses that trigger a retry
 */
public record RetryOn(boolean connFailure, boolean emptyResponse, boolean junkResponse, boolean responseTimeout,
                      boolean zeroRttRejected, Set<Integer> statuses) {

    public static final RetryOn DEFAULT = new RetryOn(true, false, false, false, false, Set.of());

    /** Statuses HAProxy accepts in {@code retry-on}. */
    static final Set<Integer> ALLOWED_STATUSES = Set.of(401, 403, 404, 408, 425, 500, 501, 502, 503, 504);

    public RetryOn {
        statuses = Set.copyOf(statuses);
    }

    /** Whether anything beyond connection failures is retried, which requires keeping the request. */
    public boolean needsRequestCopy() {
        return emptyResponse || junkResponse || responseTimeout || zeroRttRejected || !statuses.isEmpty();
    }
}
