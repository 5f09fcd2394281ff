package dev.fulcrum.http;

import dev.fulcrum.server.Server;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.concurrent.TimeUnit;

/**
 * Idle connections to one server on one event loop, taken most recently used
 * first (a warm connection is less likely to have been closed by the server).
 * As in HAProxy, at most {@code pool-max-conn} are kept, and every
 * {@code pool-purge-delay} half of those still idle are closed, oldest first, so
 * a burst does not leave its connections open forever.
 */
final class ServerConnectionPool {

    private final Server server;
    private final LinkedHashSet<BackConnection> idle = new LinkedHashSet<>();
    private ScheduledFuture<?> purge;

    ServerConnectionPool(Server server) {
        this.server = server;
    }

    /** The most recently parked connection that is still open, or {@code null}. */
    BackConnection take() {
        for (Iterator<BackConnection> it = idle.reversed().iterator(); it.hasNext(); ) {
            BackConnection c = it.next();
            it.remove();
            if (!c.isOpen()) {
                c.leftPool();
                continue;
            }
            c.leftPool();
            return c;
        }
        return null;
    }

    /** Takes {@code c} if it is still idle here. */
    boolean take(BackConnection c) {
        if (idle.remove(c) && c.isOpen()) {
            c.leftPool();
            return true;
        }
        return false;
    }

    /** Keeps {@code c} for later requests; false (and {@code c} closed) when the pool may not hold it. */
    boolean offer(BackConnection c) {
        int max = server.poolMaxConn();
        if (server.poolPurgeDelay() == 0 || max == 0 || (max > 0 && idle.size() >= max)) {
            c.leftPool();
            c.close();
            return false;
        }
        idle.add(c);
        if (purge == null) {
            schedulePurge(c.channel().eventLoop());
        }
        return true;
    }

    void remove(BackConnection c) {
        idle.remove(c);
    }

    int size() {
        return idle.size();
    }

    private void schedulePurge(EventLoop loop) {
        purge = loop.schedule(() -> purge(loop), server.poolPurgeDelay(), TimeUnit.MILLISECONDS);
    }

    /** Closes half of the idle connections (rounded down), the least recently used first. */
    private void purge(EventLoop loop) {
        purge = null;
        int toClose = idle.size() / 2;
        for (Iterator<BackConnection> it = idle.iterator(); it.hasNext() && toClose > 0; toClose--) {
            BackConnection c = it.next();
            it.remove();
            c.leftPool();
            c.close();
        }
        if (!idle.isEmpty()) {
            schedulePurge(loop);
        }
    }

    void closeAll() {
        if (purge != null) {
            purge.cancel(false);
            purge = null;
        }
        for (BackConnection c : idle) {
            c.leftPool();
            c.close();
        }
        idle.clear();
    }
}
