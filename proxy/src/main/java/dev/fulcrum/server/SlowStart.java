package dev.fulcrum.server;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The {@code slowstart} ramp: after a server comes up (from DOWN or maintenance)
 * its effective weight grows linearly from almost nothing to its user weight over
 * the slowstart delay, recomputed every {@code max(1s, slowstart / 20)} as HAProxy
 * does; then the server leaves STARTING for RUNNING. The ramp is applied through
 * {@link Server#effectiveWeight()}, so balancers see each step at once.
 */
final class SlowStart {

    private SlowStart() {
    }

    /** Whether the weight ramps: only with a balancer that takes weight changes (not static-rr, map-based). */
    static boolean ramps(Server s) {
        ServerFarm farm = s.farm();
        return farm == null || farm.dynamicWeights();
    }

    /** The ramp right after coming up: the smallest non-zero step. */
    static int initialRamp(Server s) {
        return 1;
    }

    /** Starts the periodic ramp steps for a server that just entered STARTING. */
    static void begin(Server s) {
        ServerFarm farm = s.farm();
        if (farm == null || farm.scheduler() == null) {
            finish(s, s.lastChangeMillis());
            return;
        }
        schedule(s, farm.scheduler(), s.lastChangeMillis());
    }

    private static void schedule(Server s, ScheduledExecutorService scheduler, long startedAt) {
        long period = Math.max(1000, s.slowstartMillis() / 20);
        try {
            scheduler.schedule(() -> step(s, scheduler, startedAt), period, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the engine is stopping
        }
    }

    private static void step(Server s, ScheduledExecutorService scheduler, long startedAt) {
        boolean more;
        synchronized (s) {
            // a later change (down, maintenance, a new start) owns the ramp now
            if (s.operState() != OperState.STARTING || s.lastChangeMillis() != startedAt) {
                return;
            }
            long elapsed = System.currentTimeMillis() - startedAt;
            long slowstart = s.slowstartMillis();
            if (elapsed >= slowstart) {
                s.writeOper(OperState.RUNNING);
                s.writeRamp(1000);
                more = false;
            } else {
                if (ramps(s)) {
                    s.writeRamp((int) Math.max(1, elapsed * 1000 / slowstart));
                }
                more = true;
            }
        }
        s.fireChanged();
        if (more) {
            schedule(s, scheduler, startedAt);
        }
    }

    private static void finish(Server s, long startedAt) {
        synchronized (s) {
            if (s.operState() == OperState.STARTING && s.lastChangeMillis() == startedAt) {
                s.writeOper(OperState.RUNNING);
                s.writeRamp(1000);
            }
        }
        s.fireChanged();
    }
}
