package dev.fulcrum.http;

import dev.fulcrum.server.Server;
import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.FastThreadLocal;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Per-event-loop state of the HTTP data path: a scratch array for parsing heads
 * and the idle server connections of this loop (a client connection and the
 * server connections serving it always share a loop, so pools need no locks).
 */
final class LoopContext {

    private static final FastThreadLocal<LoopContext> CURRENT = new FastThreadLocal<>() {
        @Override
        protected LoopContext initialValue() {
            return new LoopContext();
        }
    };

    private byte[] scratch = new byte[16384];
    private final StringBuilder text = new StringBuilder(256);
    private final H1BodyFramer probe = new H1BodyFramer();
    private final Map<Server, ServerConnectionPool> pools = new IdentityHashMap<>();

    static LoopContext current() {
        return CURRENT.get();
    }

    /** A scratch array of at least {@code size} bytes, owned by this loop. */
    byte[] scratch(int size) {
        if (scratch.length < size) {
            scratch = new byte[Math.max(size, scratch.length * 2)];
        }
        return scratch;
    }

    /**
     * Checks that the chunked body bytes already received after a head are well
     * formed, without consuming them: HAProxy's H1 layer parses all it holds
     * before the stream sees the head, so a bad chunk there fails the message
     * as a whole (a 502 for a response) instead of cutting it after its head.
     */
    void checkBufferedChunks(ByteBuf in, int errorStatus) throws H1ParseError {
        probe.start(H1Head.Framing.CHUNKED, -1);
        probe.scan(in, errorStatus);
    }

    /**
     * A cleared text buffer owned by this loop, valid until the next call: rules
     * render log-format values into it one at a time, never across connections.
     */
    StringBuilder text() {
        text.setLength(0);
        return text;
    }

    ServerConnectionPool pool(Server server) {
        ServerConnectionPool p = pools.get(server);
        if (p == null) {
            p = new ServerConnectionPool(server);
            pools.put(server, p);
        }
        return p;
    }

    /** Closes every idle connection of this loop (engine stop). */
    void closeAll() {
        pools.values().forEach(ServerConnectionPool::closeAll);
        pools.clear();
    }
}
