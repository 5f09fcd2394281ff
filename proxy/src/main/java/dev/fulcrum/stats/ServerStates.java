package dev.fulcrum.stats;

import dev.fulcrum.server.AdminState;
import dev.fulcrum.server.Health;
import dev.fulcrum.server.OperState;
import dev.fulcrum.server.Server;

import java.util.List;

/** How the exporter names a server's state and its last check's status. */
final class ServerStates {

    /** The exporter's server states, in its order. */
    static final List<String> STATES = List.of("DOWN", "UP", "MAINT", "DRAIN", "NOLB");
    static final int DOWN = 0;
    static final int UP = 1;
    static final int MAINT = 2;
    static final int DRAIN = 3;
    static final int NOLB = 4;

    /** The check statuses the exporter lists (HAProxy's, from HANA on), in its order. */
    static final List<String> CHECK_STATES = List.of("HANA", "SOCKERR", "L4OK", "L4TOUT", "L4CON", "L6OK", "L6TOUT",
            "L6RSP", "L7TOUT", "L7RSP", "L7OK", "L7OKC", "L7STS", "PROCERR", "PROCTOUT", "PROCOK");

    private ServerStates() {
    }

    /** Maintenance wins over everything; a running server being drained is DRAIN, one stopping is NOLB. */
    static int of(Server s) {
        int admin = s.adminFlags();
        if ((admin & AdminState.ANY_MAINT) != 0) {
            return MAINT;
        }
        OperState op = s.operState();
        if (op == OperState.RUNNING || op == OperState.STARTING) {
            return (admin & AdminState.ANY_DRAIN) != 0 ? DRAIN : UP;
        }
        return op == OperState.STOPPING ? NOLB : DOWN;
    }

    static boolean inMaintenance(Server s) {
        return (s.adminFlags() & AdminState.ANY_MAINT) != 0;
    }

    /** Whether the server has a health check that runs: HAProxy pauses it while the server is in maintenance. */
    static boolean checked(Server s) {
        Health h = s.check();
        return h != null && h.enabled() && !inMaintenance(s);
    }

    /** Whether the server has a health check at all, running or paused. */
    static boolean hasCheck(Server s) {
        return s.check() != null;
    }

    /** The index of the last check's status in {@link #CHECK_STATES}, or -1 (none yet, or not listed). */
    static int checkState(Server s) {
        Health h = s.check();
        return h == null ? -1 : CHECK_STATES.indexOf(h.last().status());
    }
}
