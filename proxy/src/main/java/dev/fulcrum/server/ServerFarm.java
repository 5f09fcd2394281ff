package dev.fulcrum.server;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What a server's state changes need from the backend that owns it (HAProxy's
 * proxy as seen from server.c): its name and kind for messages, its servers for
 * the "N active and M backup servers left" counts, its queue for requeuing, and
 * where messages and timed work go. Implemented by the backend room.
 */
public interface ServerFarm {

    /** The backend's name. */
    String name();

    /** HAProxy's word for it in messages: {@code backend}, or {@code proxy} for a {@code listen} section. */
    String kind();

    /** The servers in declaration order. */
    List<Server> servers();

    /**
     * Moves the requests queued on {@code server} that may go elsewhere back to the
     * backend ({@code option redispatch}); returns how many moved.
     */
    int redistribute(Server server);

    /** Hands requests waiting in the backend's queue to {@code server}; returns how many it took. */
    int grab(Server server);

    /** Where state-change messages go. */
    StateEvents events();

    /** Runs timed server work (slowstart steps); an event-loop group at run time. */
    ScheduledExecutorService scheduler();

    /**
     * Whether the balancer takes weight changes as they come (HAProxy's dynamic
     * algorithms); static-rr and map-based hashing do not, so slowstart does not
     * ramp their weights.
     */
    default boolean dynamicWeights() {
        return true;
    }

    /** Usable active servers (HAProxy's srv_act). */
    default int usableActive() {
        int n = 0;
        for (Server s : servers()) {
            if (!s.isBackup() && s.isUsable()) {
                n++;
            }
        }
        return n;
    }

    /** Usable backup servers (HAProxy's srv_bck). */
    default int usableBackup() {
        int n = 0;
        for (Server s : servers()) {
            if (s.isBackup() && s.isUsable()) {
                n++;
            }
        }
        return n;
    }
}
