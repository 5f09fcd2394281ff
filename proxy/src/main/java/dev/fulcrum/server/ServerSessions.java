package dev.fulcrum.server;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The streams currently using a server that can be cut short: HAProxy kills them
 * when the server goes down with {@code on-marked-down shutdown-sessions}, or when
 * an active server comes back with {@code on-marked-up shutdown-backup-sessions}.
 * The data path registers a stream only when the server asks for it
 * ({@link #wanted()}), so servers without those options cost nothing.
 */
public final class ServerSessions {

    /** A stream that can be closed from any thread (it hands the close to its event loop). */
    @FunctionalInterface
    public interface Killable {
        /** @param serverDown true when the server went down, false when an active server came back (backups) */
        void kill(boolean serverDown);
    }

    private final Set<Killable> live = ConcurrentHashMap.newKeySet();
    private volatile boolean wanted;

    /** Whether streams should register (an on-marked-down/up option needs them). */
    public boolean wanted() {
        return wanted;
    }

    public void wanted(boolean on) {
        this.wanted = on;
    }

    public void add(Killable k) {
        live.add(k);
    }

    public void remove(Killable k) {
        live.remove(k);
    }

    /** Closes every registered stream; returns how many. */
    public int killAll(boolean serverDown) {
        int n = 0;
        for (Killable k : live) {
            if (live.remove(k)) {
                k.kill(serverDown);
                n++;
            }
        }
        return n;
    }
}
