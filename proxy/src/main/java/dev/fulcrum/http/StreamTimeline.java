package dev.fulcrum.http;

import java.util.concurrent.TimeUnit;

/**
 * When things happened to a stream (System.nanoTime, {@link #NONE} when they did
 * not), and HAProxy's timers derived from them (configuration.txt 8.4): Ti, TR,
 * Tw, Tc, Tr, Ta and Tt in milliseconds, -1 for an event that never happened.
 */
final class StreamTimeline {

    static final long NONE = -1;

    final long accept;
    final long idleStart;
    final long requestStart;
    /** The end of the request: its head, or the end of a wait for its body (-1 when that wait timed out). */
    long headEnd;
    final long acceptEpochMillis;
    final long requestEpochMillis;
    long queueStart = NONE;
    long queueEnd = NONE;
    long connectStart = NONE;
    long connectEnd = NONE;
    long responseHead = NONE;

    StreamTimeline(long accept, long idleStart, long requestStart, long acceptEpochMillis, long requestEpochMillis) {
        this.accept = accept;
        this.idleStart = idleStart;
        this.requestStart = requestStart;
        this.headEnd = System.nanoTime();
        this.acceptEpochMillis = acceptEpochMillis;
        this.requestEpochMillis = requestEpochMillis;
    }

    /** The request got a server slot (directly, or leaving a queue). */
    void dispatched() {
        if (queueEnd == NONE) {
            queueEnd = System.nanoTime();
            if (queueStart == NONE) {
                queueStart = queueEnd;
            }
        }
    }

    long ti() {
        return ms(idleStart, requestStart);
    }

    long tr() {
        return ms(requestStart, headEnd);
    }

    long tw() {
        return queueEnd != NONE ? ms(headEnd, queueEnd) : NONE;
    }

    long tc() {
        return connectEnd != NONE && connectStart != NONE ? ms(connectStart, connectEnd) : NONE;
    }

    long tResponse() {
        return responseHead != NONE && connectEnd != NONE ? ms(connectEnd, responseHead) : NONE;
    }

    long ta(long now) {
        return ms(requestStart, now);
    }

    long tt(long now) {
        return ms(idleStart, now);
    }

    static long ms(long from, long to) {
        if (from == NONE || to == NONE) {
            return NONE;
        }
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(to - from));
    }
}
