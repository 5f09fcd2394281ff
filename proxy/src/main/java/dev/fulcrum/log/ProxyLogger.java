package dev.fulcrum.log;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.util.concurrent.FastThreadLocal;

/**
 * Sends messages to the log targets of one proxy (or of the global section),
 * with the proxy's tag, the host name and the engine's pid in each header.
 * Thread-safe and non-blocking: callable from event loops and from other rooms'
 * threads alike.
 *
 * <p>Other rooms use it through {@link Logging#proxy(String)} to log events the
 * way HAProxy does, e.g. a health check reporting
 * {@code "Server bk/s1 is DOWN, reason: Layer4 connection problem, ..."} at
 * {@link Level#ALERT} on the backend's targets.
 */
public final class ProxyLogger {

    /** A log target at runtime: its statement and its open destination. */
    record Target(LogTarget config, LogSink sink, SyslogFormat format, AtomicLong sampled) {
    }

    /** Per-thread buffers: messages are encoded without allocating. */
    static final class Scratch {
        final ByteBuffer out = ByteBuffer.allocateDirect(65536 + 2048);
        final StringBuilder line = new StringBuilder(1024);
        final StringBuilder sd = new StringBuilder(256);
        final SyslogHeader header = new SyslogHeader(ZoneId.systemDefault());
        final dev.fulcrum.sample.Sample sample = new dev.fulcrum.sample.Sample();
        boolean busy;
    }

    static final FastThreadLocal<Scratch> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected Scratch initialValue() {
            return new Scratch();
        }
    };

    private final String name;
    private final List<Target> targets;
    private final byte[] tag;
    private final byte[] pid;
    private final byte[] host;

    ProxyLogger(String name, List<Target> targets, String tag, long pid, String host) {
        this.name = name;
        this.targets = List.copyOf(targets);
        this.tag = Ascii.bytes(tag);
        this.pid = Ascii.bytes(Long.toString(pid));
        this.host = host == null ? null : Ascii.bytes(host);
    }

    /** The proxy's name ({@code ""} for the global section). */
    public String name() {
        return name;
    }

    /** Whether there is any target: when false, callers can skip formatting altogether. */
    public boolean enabled() {
        return !targets.isEmpty();
    }

    /**
     * Sends {@code message} (one line, no line feed) at {@code level} to every
     * target whose level filter takes it. Never blocks; a destination that
     * cannot take it drops it and counts the drop.
     */
    public void log(Level level, CharSequence message) {
        send(level, message, null);
    }

    /** As {@link #log}, with RFC 5424 structured data for the targets in that format. */
    void send(Level level, CharSequence message, CharSequence structuredData) {
        if (targets.isEmpty()) {
            return;
        }
        Scratch s = SCRATCH.get();
        ByteBuffer out = s.out;
        Instant now = Instant.now();
        for (Target t : targets) {
            LogTarget c = t.config();
            if (!level.atLeast(c.maxLevel())) {
                continue;
            }
            if (c.sampling() != null && !c.sampling().takes(t.sampled().getAndIncrement())) {
                continue;
            }
            Level effective = level.atLeast(c.minLevel()) ? c.minLevel() : level;
            out.clear();
            s.header.write(out, t.format(), c.facility().code(), effective.code(), now, host, tag, pid,
                    t.format() == SyslogFormat.RFC5424 ? structuredData : null);
            int room = t.sink().truncates() ? Math.max(0, c.maxLength() - out.position()) : out.remaining() - 1;
            Ascii.put(out, message, room);
            if (t.sink().truncates() && out.position() > c.maxLength()) {
                out.position(c.maxLength()); // a header longer than len: HAProxy cuts it too
            }
            out.put((byte) '\n');
            out.flip();
            t.sink().send(out);
        }
    }

    /** Messages dropped by this logger's destinations (shared destinations count for every user). */
    public long dropped() {
        long n = 0;
        for (Target t : targets) {
            n += t.sink().dropped();
        }
        return n;
    }

    @Override
    public String toString() {
        return "logger " + name + " " + targets.stream().map(t -> t.config().text()).toList();
    }
}
