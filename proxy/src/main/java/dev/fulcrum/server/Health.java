package dev.fulcrum.server;

/**
 * The rise/fall counter of one check (health check or agent), as HAProxy keeps
 * it: {@code health} runs from 0 (down) to {@code rise + fall - 1} (fully up);
 * the server counts as up from {@code rise}. A failure below {@code rise} drops
 * straight to 0, a success at {@code rise} jumps to the top, so a fully up server
 * goes down after exactly {@code fall} consecutive failures and a down one comes
 * up after exactly {@code rise} consecutive successes. A server starts at
 * {@code rise}: up, but down at the first failure.
 *
 * <p>Guarded by the owning server's lock.
 */
public final class Health {

    private final int rise;
    private final int fall;
    private int health;
    private volatile boolean enabled;
    /** The last finished check, for stats and the runtime API. */
    private volatile CheckReport last = CheckReport.INITIAL;

    public Health(int rise, int fall) {
        if (rise < 1 || fall < 1) {
            throw new IllegalArgumentException("rise/fall: " + rise + "/" + fall + " (expected: >= 1)");
        }
        this.rise = rise;
        this.fall = fall;
        this.health = rise;
    }

    public int rise() {
        return rise;
    }

    public int fall() {
        return fall;
    }

    public synchronized int value() {
        return health;
    }

    /** Whether the counter says up (at least {@code rise}). */
    public synchronized boolean up() {
        return health >= rise;
    }

    /** Whether the counter is at its top: the check interval is {@code inter}. */
    public synchronized boolean fullyUp() {
        return health == rise + fall - 1;
    }

    /** Whether the counter is at 0: the check interval is {@code downinter}. */
    public synchronized boolean fullyDown() {
        return health == 0;
    }

    /** Counts a failure; returns false when the counter was already at 0 (nothing to report). */
    public synchronized boolean fail() {
        if (health == 0) {
            return false;
        }
        health--;
        if (health < rise) {
            health = 0;
        }
        return true;
    }

    /** Counts a success; returns false when the counter was already at its top. */
    public synchronized boolean pass() {
        if (health >= rise + fall - 1) {
            return false;
        }
        health++;
        if (health >= rise) {
            health = rise + fall - 1;
        }
        return true;
    }

    /** Sets the counter, as the health analyzer's sudden-death and mark-down do. */
    public synchronized void reset(int value) {
        set(value);
    }

    /** Sets the counter (leaving maintenance restarts at {@code rise}; entering it drops to 0). */
    synchronized void set(int value) {
        health = Math.max(0, Math.min(rise + fall - 1, value));
    }

    /** Whether the check is running (stopped while the server is in maintenance). */
    public boolean enabled() {
        return enabled;
    }

    public void enabled(boolean on) {
        enabled = on;
    }

    public CheckReport last() {
        return last;
    }

    public void last(CheckReport report) {
        last = report;
    }
}
