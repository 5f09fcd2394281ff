package dev.fulcrum.server;

import dev.fulcrum.server.StateEvent.LogLevel;

/**
 * HAProxy's server state machine (server.c): operational changes decided by
 * checks and agents ({@link #down}, {@link #up}, {@link #stopping}) and
 * administrative ones ({@link #setAdmin}, {@link #clearAdmin}), each reported
 * with HAProxy's message, requeuing, "no server available" alert, slowstart,
 * session shutdown and propagation to tracking servers.
 *
 * <p>A change holds the server's lock while it writes the state and reports, so
 * concurrent checks, agents and runtime commands apply one after the other.
 * Listeners (the balancer) see the new state before the message is written, as
 * the counts in the message are read from the same state.
 */
public final class Transitions {

    private Transitions() {
    }

    // ------------------------------------------------------------------ operational

    /** The server failed its checks (srv_set_stopped). */
    public static void down(Server s, StateReason reason) {
        boolean changed;
        synchronized (s) {
            if ((s.adminFlags() & AdminState.ANY_MAINT) != 0 || s.operState() == OperState.STOPPED) {
                return;
            }
            ServerFarm farm = s.farm();
            boolean wasStopping = s.operState() == OperState.STOPPING;
            int before = farm == null ? 0 : farm.usableActive() + farm.usableBackup();
            s.writeOper(OperState.STOPPED);
            s.writeRamp(1000);
            s.counters().downTransitions.increment();
            s.fireChanged();
            changed = true;
            if (farm != null) {
                int requeued = farm.redistribute(s);
                StringBuilder b = StateMessages.subject(s).append(" is DOWN");
                StateMessages.reason(b, s, reason, false);
                StateMessages.countsLeft(b, s, farm, requeued);
                warn(farm, wasStopping ? LogLevel.NOTICE : LogLevel.ALERT, b.append('.').toString());
                backendDownIfLast(farm, before);
                stillDraining(s, farm);
            }
        }
        if (changed) {
            if (s.config().get(ServerSettings.SHUTDOWN_ON_DOWN)) {
                s.sessions().killAll(true);
            }
            for (Server t : s.trackers()) {
                down(t, StateReason.NONE);
            }
        }
    }

    /** The server passed its checks (srv_set_running); with {@code slowstart} it starts ramping. */
    public static void up(Server s, StateReason reason) {
        synchronized (s) {
            if ((s.adminFlags() & AdminState.ANY_MAINT) != 0
                    || s.operState() == OperState.RUNNING || s.operState() == OperState.STARTING) {
                return;
            }
            enterUp(s);
            ServerFarm farm = s.farm();
            if (farm != null) {
                int requeued = farm.grab(s);
                StringBuilder b = StateMessages.subject(s).append(" is UP");
                StateMessages.reason(b, s, reason, false);
                StateMessages.countsOnline(b, s, farm, requeued);
                warn(farm, LogLevel.NOTICE, b.append('.').toString());
                stillDraining(s, farm);
            }
        }
        afterUp(s);
        for (Server t : s.trackers()) {
            up(t, StateReason.NONE);
        }
    }

    /** The server asks for no new traffic (srv_set_stopping: disable-on-404, agent "stopped" in NOLB). */
    public static void stopping(Server s, StateReason reason) {
        synchronized (s) {
            if ((s.adminFlags() & AdminState.ANY_MAINT) != 0 || s.operState() == OperState.STOPPING) {
                return;
            }
            ServerFarm farm = s.farm();
            int before = farm == null ? 0 : farm.usableActive() + farm.usableBackup();
            s.writeOper(OperState.STOPPING);
            s.writeRamp(1000);
            s.fireChanged();
            if (farm != null) {
                int requeued = farm.redistribute(s);
                StringBuilder b = StateMessages.subject(s).append(" is stopping");
                StateMessages.reason(b, s, reason, false);
                StateMessages.countsOnline(b, s, farm, requeued);
                warn(farm, LogLevel.NOTICE, b.append('.').toString());
                backendDownIfLast(farm, before);
                stillDraining(s, farm);
            }
        }
        for (Server t : s.trackers()) {
            stopping(t, StateReason.NONE);
        }
    }

    private static void enterUp(Server s) {
        boolean slow = s.slowstartMillis() > 0;
        s.writeOper(slow ? OperState.STARTING : OperState.RUNNING);
        s.writeRamp(slow && SlowStart.ramps(s) ? SlowStart.initialRamp(s) : 1000);
        s.fireChanged();
    }

    private static void afterUp(Server s) {
        if (s.operState() == OperState.STARTING) {
            SlowStart.begin(s);
        }
        ServerFarm farm = s.farm();
        if (farm != null && !s.isBackup()) {
            for (Server other : farm.servers()) {
                if (other.isBackup() && other.config().get(ServerSettings.SHUTDOWN_BACKUPS_ON_UP)) {
                    other.sessions().killAll(false);
                }
            }
        }
    }

    // ------------------------------------------------------------------ administrative

    /** Sets administrative flags (srv_set_admin_flag): maintenance or drain. */
    public static void setAdmin(Server s, int flags) {
        int old;
        synchronized (s) {
            old = s.adminFlags();
            int now = old | flags;
            if (now == old) {
                return;
            }
            ServerFarm farm = s.farm();
            int before = farm == null ? 0 : farm.usableActive() + farm.usableBackup();
            s.writeAdmin(now);
            boolean forced = (flags & (AdminState.FORCED_MAINT | AdminState.FORCED_DRAIN | AdminState.CONFIG_MAINT)) != 0;
            if ((old & AdminState.ANY_MAINT) == 0 && (now & AdminState.ANY_MAINT) != 0) {
                enterMaint(s, farm, old, now, before, forced);
            } else if ((old & (AdminState.ANY_DRAIN | AdminState.ANY_MAINT)) == 0 && (now & AdminState.ANY_DRAIN) != 0) {
                s.fireChanged();
                if (farm != null) {
                    int requeued = farm.redistribute(s);
                    StringBuilder b = StateMessages.subject(s).append(" enters drain state");
                    StateMessages.reason(b, s, StateReason.NONE, forced);
                    StateMessages.counts(b, s, farm, requeued);
                    warn(farm, LogLevel.NOTICE, b.append('.').toString());
                    backendDownIfLast(farm, before);
                }
            } else {
                s.fireChanged();
            }
        }
        int inherited = inherited(flags);
        if (inherited != 0) {
            for (Server t : s.trackers()) {
                setAdmin(t, inherited);
            }
        }
    }

    private static void enterMaint(Server s, ServerFarm farm, int old, int now, int before, boolean forced) {
        Health check = s.check();
        if (s.operState() == OperState.STOPPED) {
            s.fireChanged();
            if (farm != null && (old & AdminState.FORCED_MAINT) == 0 && (now & AdminState.FORCED_MAINT) != 0) {
                StringBuilder b = StateMessages.subject(s).append(" was DOWN and now enters maintenance");
                StateMessages.reason(b, s, StateReason.NONE, forced);
                warn(farm, LogLevel.NOTICE, b.append('.').toString());
            }
            return;
        }
        boolean wasStopping = s.operState() == OperState.STOPPING;
        if (check != null) {
            check.set(0);
        }
        s.writeOper(OperState.STOPPED);
        s.writeRamp(1000);
        s.fireChanged();
        if (farm != null) {
            int requeued = farm.redistribute(s);
            StringBuilder b = StateMessages.subject(s).append(" is going DOWN for maintenance");
            StateMessages.reason(b, s, StateReason.NONE, forced);
            StateMessages.countsLeft(b, s, farm, requeued);
            warn(farm, wasStopping ? LogLevel.NOTICE : LogLevel.ALERT, b.append('.').toString());
            backendDownIfLast(farm, before);
        }
    }

    /** Clears administrative flags (srv_clr_admin_flag): leaving maintenance or drain. */
    public static void clearAdmin(Server s, int flags) {
        if ((flags & AdminState.FORCED_MAINT) != 0) {
            flags |= AdminState.CONFIG_MAINT; // 'disabled' is a forced maintenance that a 'ready' ends
        }
        boolean cameUp = false;
        synchronized (s) {
            int old = s.adminFlags();
            int now = old & ~flags;
            if (now == old) {
                return;
            }
            ServerFarm farm = s.farm();
            s.writeAdmin(now);
            if ((old & AdminState.ANY_MAINT) != 0 && (now & AdminState.ANY_MAINT) == 0) {
                cameUp = leaveMaint(s, farm, old, now);
            } else if ((old & AdminState.ANY_DRAIN) != 0 && (now & AdminState.ANY_MAINT) == 0) {
                s.fireChanged();
                if (farm != null) {
                    if ((now & AdminState.ANY_DRAIN) == 0) {
                        // haproxy 2.6 says "forced" whether the drain was forced or inherited
                        String state = s.operState() == OperState.STOPPED ? "DOWN" : "UP";
                        StringBuilder b = StateMessages.subject(s);
                        int requeued = farm.grab(s);
                        b.append(" is ").append(state).append(" (leaving forced drain)");
                        if (requeued > 0) {
                            StateMessages.countsOnline(b, s, farm, requeued);
                        }
                        warn(farm, LogLevel.NOTICE, b.append('.').toString());
                    } else {
                        stillDraining(s, farm);
                    }
                }
            } else {
                s.fireChanged();
            }
        }
        if (cameUp) {
            afterUp(s);
        }
        int inherited = inherited(flags);
        if (inherited != 0) {
            for (Server t : s.trackers()) {
                clearAdmin(t, inherited);
            }
        }
    }

    private static boolean leaveMaint(Server s, ServerFarm farm, int old, int now) {
        Health check = s.check();
        if (check != null) {
            check.set(check.rise()); // starts up, but checked at once
        }
        Server ref = s.tracked() != null ? s.tracked() : s;
        boolean up = s.tracked() != null ? ref.operState() != OperState.STOPPED
                : (ref.agent() == null || ref.agent().up()) && (ref.check() == null || ref.check().up());
        boolean cameUp = false;
        if (up) {
            if (s.tracked() != null && ref.operState() == OperState.STOPPING) {
                s.writeOper(OperState.STOPPING);
                s.fireChanged();
            } else {
                enterUp(s);
                cameUp = true;
            }
        } else {
            s.fireChanged();
        }
        if (farm != null) {
            int requeued = cameUp ? farm.grab(s) : 0;
            String state = s.operState() == OperState.STOPPED ? "DOWN" : "UP";
            String admin = (now & AdminState.ANY_DRAIN) != 0 ? "DRAIN" : "READY";
            StringBuilder b = StateMessages.subject(s);
            if ((old & AdminState.FORCED_MAINT) != 0 && (now & AdminState.FORCED_MAINT) == 0) {
                b.append(" is ").append(state).append('/').append(admin).append(" (leaving forced maintenance)");
            } else {
                b.append(" is ").append(state).append('/').append(admin).append(" (leaving maintenance)");
            }
            if (requeued > 0) {
                StateMessages.countsOnline(b, s, farm, requeued);
            }
            warn(farm, LogLevel.NOTICE, b.append('.').toString());
            stillDraining(s, farm); // haproxy says so in a second line
        }
        return cameUp;
    }

    /** What tracking servers inherit from a change of {@code flags}. */
    private static int inherited(int flags) {
        int out = 0;
        if ((flags & AdminState.ANY_MAINT) != 0) {
            out |= AdminState.INHERITED_MAINT;
        }
        if ((flags & AdminState.ANY_DRAIN) != 0) {
            out |= AdminState.INHERITED_DRAIN;
        }
        return out;
    }

    // ------------------------------------------------------------------ runtime commands

    /** {@code set server <b>/<s> state ready} (and an agent's "ready"): out of forced maintenance and drain. */
    public static void ready(Server s) {
        clearAdmin(s, AdminState.FORCED_MAINT);
        clearAdmin(s, AdminState.FORCED_DRAIN);
    }

    /** {@code set server <b>/<s> state drain} (and an agent's "drain"): drain, out of forced maintenance. */
    public static void drain(Server s) {
        setAdmin(s, AdminState.FORCED_DRAIN);
        clearAdmin(s, AdminState.FORCED_MAINT);
    }

    /** {@code set server <b>/<s> state maint} (and an agent's "maint"): forced maintenance, no forced drain. */
    public static void maint(Server s) {
        setAdmin(s, AdminState.FORCED_MAINT);
        clearAdmin(s, AdminState.FORCED_DRAIN);
    }

    /**
     * A weight change was asked for (an agent's {@code 75%}), changed or not:
     * haproxy re-examines the server and says again that it remains in drain.
     */
    public static void weightRequested(Server s) {
        synchronized (s) {
            ServerFarm farm = s.farm();
            if (farm != null) {
                stillDraining(s, farm);
            }
        }
    }

    // ------------------------------------------------------------------ reports

    /**
     * The line haproxy 2.6 adds after any change of a server that stays in drain
     * (not in maintenance): "remains in forced drain mode", or, for a drain
     * inherited from a tracked server, "is leaving forced drain but remains in drain mode".
     */
    private static void stillDraining(Server s, ServerFarm farm) {
        int flags = s.adminFlags();
        if ((flags & AdminState.ANY_DRAIN) == 0 || (flags & AdminState.ANY_MAINT) != 0) {
            return;
        }
        StringBuilder b = StateMessages.subject(s);
        if ((flags & AdminState.FORCED_DRAIN) != 0) {
            b.append(" remains in forced drain mode");
        } else {
            b.append(" is leaving forced drain but remains in drain mode");
            StateMessages.reason(b, s, StateReason.NONE, false);
        }
        warn(farm, LogLevel.NOTICE, b.append('.').toString());
    }

    private static void warn(ServerFarm farm, LogLevel level, String text) {
        farm.events().publish(new StateEvent(farm.name(), level, false, text, text));
    }

    /** HAProxy's set_backend_down: the last usable server just went away. */
    private static void backendDownIfLast(ServerFarm farm, int usableBefore) {
        if (usableBefore > 0 && farm.usableActive() == 0 && farm.usableBackup() == 0) {
            farm.events().publish(new StateEvent(farm.name(), LogLevel.EMERG, true,
                    farm.kind() + " '" + farm.name() + "' has no server available!",
                    farm.kind() + " " + farm.name() + " has no server available!"));
        }
    }
}
