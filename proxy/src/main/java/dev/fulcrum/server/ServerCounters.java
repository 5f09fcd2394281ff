package dev.fulcrum.server;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Cumulative counters of a server, updated from every event loop without locks
 * and read by stats, the runtime API and logs.
 */
public final class ServerCounters {

    public final LongAdder sessions = new LongAdder();
    /** Sessions per second sent to the server ({@code srv_sess_rate}, stats {@code rate}). */
    public final dev.fulcrum.proxy.RateCounter sessionRate = new dev.fulcrum.proxy.RateCounter();
    public final LongAdder bytesIn = new LongAdder();
    public final LongAdder bytesOut = new LongAdder();
    public final LongAdder connectionErrors = new LongAdder();
    public final LongAdder responseErrors = new LongAdder();
    public final LongAdder retries = new LongAdder();
    public final LongAdder redispatches = new LongAdder();
    public final LongAdder failedChecks = new LongAdder();
    public final LongAdder downTransitions = new LongAdder();
    public final LongAdder clientAborts = new LongAdder();
    public final LongAdder serverAborts = new LongAdder();
    /** Responses of this server an http-response rule denied. */
    public final LongAdder deniedResponses = new LongAdder();
    /** HTTP responses by class: index 0 = other, 1..5 = 1xx..5xx. */
    public final LongAdder[] httpResponses = {new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder(),
            new LongAdder(), new LongAdder()};
    /** Highest concurrent streams seen. */
    public final AtomicInteger maxServed = new AtomicInteger();
    /** Last time a stream was assigned (ms since epoch), for {@code lastsess}. */
    public volatile long lastSessionMillis;

    public void countResponse(int status) {
        int cls = status / 100;
        httpResponses[cls >= 1 && cls <= 5 ? cls : 0].increment();
    }
}
