package dev.fulcrum.log;

import dev.fulcrum.action.HttpTxn;
import dev.fulcrum.http.StreamRecord;
import dev.fulcrum.http.Termination;
import dev.fulcrum.logformat.LogFormat;
import dev.fulcrum.logformat.LogVariables;
import dev.fulcrum.sample.EngineView;
import dev.fulcrum.sample.ProxyView;
import dev.fulcrum.sample.SampleContext;
import dev.fulcrum.sample.ServerView;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A frontend's traffic log: one line per finished stream in the frontend's
 * format, sent to its targets, filtered and leveled as HAProxy does
 * ({@code option dontlognull}, {@code dontlog-normal},
 * {@code log-separate-errors}). Formatting reuses per-thread buffers.
 */
final class TrafficLogger {

    private static final io.netty.util.concurrent.FastThreadLocal<StreamLogVariables> VARIABLES =
            new io.netty.util.concurrent.FastThreadLocal<>() {
                @Override
                protected StreamLogVariables initialValue() {
                    return new StreamLogVariables();
                }
            };

    private final ProxyLogger logger;
    private final TrafficFormat format;
    private final LogFormat structuredData;
    private final boolean dontLogNull;
    private final boolean dontLogNormal;
    private final boolean separateErrors;
    private final LogFormat uniqueIdFormat;
    private final String uniqueIdHeader;
    private final String hostName;
    private final long pid;
    private final AtomicLong logCounter = new AtomicLong();

    TrafficLogger(ProxyLogger logger, TrafficFormat format, LogFormat structuredData, boolean dontLogNull,
                  boolean dontLogNormal, boolean separateErrors, LogFormat uniqueIdFormat, String uniqueIdHeader,
                  String hostName, long pid) {
        this.logger = logger;
        this.format = format;
        this.structuredData = structuredData;
        this.dontLogNull = dontLogNull;
        this.dontLogNormal = dontLogNormal;
        this.separateErrors = separateErrors;
        this.uniqueIdFormat = uniqueIdFormat;
        this.uniqueIdHeader = uniqueIdHeader;
        this.hostName = hostName;
        this.pid = pid;
    }

    ProxyLogger logger() {
        return logger;
    }

    /** Whether the frontend logs streams at all (a format and a target). */
    boolean logsStreams() {
        return format != null && logger.enabled();
    }

    boolean hasUniqueId() {
        return uniqueIdFormat != null;
    }

    String uniqueIdHeader() {
        return uniqueIdHeader;
    }

    /** Renders the unique id from what is known at the start of the request. */
    String uniqueId(StreamRecord partial) {
        StringBuilder b = new StringBuilder(64);
        uniqueIdFormat.render(context(partial), VARIABLES.get().bind(partial, logCounter.get(), hostName, pid), b);
        return b.toString();
    }

    /** The {@code %} variables of a running stream, read from what {@code partial} knows so far. */
    LogVariables variables(StreamRecord partial) {
        return VARIABLES.get().bind(partial, logCounter.get(), hostName, pid);
    }

    /** Whether HAProxy counts the stream as an error (strm_log's test). */
    static boolean isError(StreamRecord r) {
        char cause = r.termination().charAt(0);
        return r.redispatched() || cause != Termination.NONE && cause != Termination.LOCAL
                || cause == Termination.NONE && r.retries() > 0 || r.status() >= 500;
    }

    void log(StreamRecord r) {
        if (!logsStreams()) {
            return;
        }
        if (dontLogNull && r.method() == null && r.bytesIn() == 0) {
            return; // nothing was received: HAProxy's "null" connection
        }
        boolean error = isError(r);
        if (dontLogNormal && !error) {
            return;
        }
        int forced = r.context() instanceof HttpTxn t ? t.logLevel() : HttpTxn.LOG_LEVEL_UNSET;
        if (forced == -1) {
            return; // set-log-level silent
        }
        ProxyLogger.Scratch s = ProxyLogger.SCRATCH.get();
        if (s.busy) {
            return; // re-entered from a log target on this thread: never recurse
        }
        s.busy = true;
        try {
            long lc = logCounter.getAndIncrement();
            StreamLogVariables vars = VARIABLES.get().bind(r, lc, hostName, pid);
            SampleContext ctx = context(r);
            StringBuilder line = s.line;
            line.setLength(0);
            format.format().render(ctx, vars, line, s.sample);
            StringBuilder sd = null;
            if (structuredData != null) {
                sd = s.sd;
                sd.setLength(0);
                structuredData.render(ctx, vars, sd, s.sample);
            }
            Level level = forced >= 0 && forced <= 7 ? Level.values()[forced]
                    : error && separateErrors ? Level.ERR : Level.INFO;
            logger.send(level, line, sd);
        } finally {
            s.busy = false;
        }
    }

    private static SampleContext context(StreamRecord r) {
        return r.context() != null ? r.context() : new RecordContext(r);
    }

    /** What samples see of a stream that never got one (a bad request): its addresses only. */
    private record RecordContext(StreamRecord r) implements SampleContext {
        @Override
        public InetAddress srcAddress() {
            return r.client() == null ? null : r.client().getAddress();
        }

        @Override
        public int srcPort() {
            return r.client() == null ? -1 : r.client().getPort();
        }

        @Override
        public InetAddress dstAddress() {
            return r.frontendAddr() == null ? null : r.frontendAddr().getAddress();
        }

        @Override
        public int dstPort() {
            return r.frontendAddr() == null ? -1 : r.frontendAddr().getPort();
        }

        @Override
        public ProxyView frontend() {
            return null;
        }

        @Override
        public ProxyView backend() {
            return null;
        }

        @Override
        public ServerView server() {
            return null;
        }

        @Override
        public EngineView engine() {
            return null;
        }
    }
}
