package dev.fulcrum.proxy;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** Counters of a frontend or backend, updated from every event loop without locks. */
public final class ProxyCounters {

    /** Current connections (frontend) or streams (backend): HAProxy's scur. */
    public final AtomicInteger current = new AtomicInteger();
    public final AtomicInteger max = new AtomicInteger();
    public final LongAdder sessions = new LongAdder();
    /** New sessions per second ({@code fe_sess_rate}, {@code be_sess_rate}, stats {@code rate}). */
    public final RateCounter sessionRate = new RateCounter();
    public final LongAdder requests = new LongAdder();
    public final LongAdder bytesIn = new LongAdder();
    public final LongAdder bytesOut = new LongAdder();
    public final LongAdder deniedRequests = new LongAdder();
    public final LongAdder deniedResponses = new LongAdder();
    public final LongAdder requestErrors = new LongAdder();
    public final LongAdder connectionErrors = new LongAdder();
    public final LongAdder responseErrors = new LongAdder();
    public final LongAdder retries = new LongAdder();
    public final LongAdder redispatches = new LongAdder();
    public final LongAdder clientAborts = new LongAdder();
    public final LongAdder serverAborts = new LongAdder();
    public final LongAdder interceptedRequests = new LongAdder();
    /** HTTP requests per second (frontends: {@code http_requests_rate_max}). */
    public final RateCounter requestRate = new RateCounter();
    /** Backend: requests its balancer placed, new connections to servers, reused ones. */
    public final LongAdder loadBalanced = new LongAdder();
    public final LongAdder connectAttempts = new LongAdder();
    public final LongAdder connectionReuses = new LongAdder();
    /** Backend: the timings of exchanges its servers completed. */
    public final TimeStats times = new TimeStats();
    /** Backend: when a stream last entered it (epoch ms), 0 for never. */
    public volatile long lastSessionMillis;
    public final LongAdder[] httpResponses = {new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder(),
            new LongAdder(), new LongAdder()};

    /** Counts one more current connection/stream and returns the new value. */
    public int enter() {
        int n = current.incrementAndGet();
        max.accumulateAndGet(n, Math::max);
        sessions.increment();
        sessionRate.hit();
        return n;
    }

    public void leave() {
        current.decrementAndGet();
    }

    public void countResponse(int status) {
        int cls = status / 100;
        httpResponses[cls >= 1 && cls <= 5 ? cls : 0].increment();
    }
}
