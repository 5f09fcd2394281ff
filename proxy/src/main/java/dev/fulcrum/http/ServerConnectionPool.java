package dev.fulcrum.http;

import java.util.ArrayDeque;

/**
 * Idle connections to one server on one event loop, most recently used first (a
 * warm connection is less likely to have been closed by the server).
 */
final class ServerConnectionPool {

    private final ArrayDeque<BackConnection> idle = new ArrayDeque<>();

    /** An idle, still-open connection, or {@code null}; with {@code reusedOnly}, only ones reused before. */
    BackConnection take(boolean reusedOnly) {
        for (var it = idle.iterator(); it.hasNext(); ) {
            BackConnection c = it.next();
            if (!c.isOpen()) {
                it.remove();
                continue;
            }
            if (reusedOnly && c.uses() < 2) {
                continue;
            }
            it.remove();
            return c;
        }
        return null;
    }

    void offer(BackConnection c) {
        idle.addFirst(c);
    }

    void remove(BackConnection c) {
        idle.remove(c);
    }

    int size() {
        return idle.size();
    }

    void closeAll() {
        for (BackConnection c : idle) {
            c.close();
        }
        idle.clear();
    }
}
