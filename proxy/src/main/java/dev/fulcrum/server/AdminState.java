package dev.fulcrum.server;

/**
 * Administrative state flags of a server, as HAProxy keeps them: several causes
 * may hold a server in maintenance or drain at once, and it leaves that state
 * only when all are cleared.
 */
public final class AdminState {

    /** Maintenance forced at runtime (CLI, stats page). */
    public static final int FORCED_MAINT = 0x01;
    /** Maintenance inherited from a tracked server. */
    public static final int INHERITED_MAINT = 0x02;
    /** Maintenance from the configuration ({@code disabled}). */
    public static final int CONFIG_MAINT = 0x04;
    /** Drain forced at runtime (or by an agent). */
    public static final int FORCED_DRAIN = 0x08;
    /** Drain inherited from a tracked server. */
    public static final int INHERITED_DRAIN = 0x10;
    /** Maintenance because the address could not be resolved. */
    public static final int RESOLUTION_MAINT = 0x20;

    public static final int ANY_MAINT = FORCED_MAINT | INHERITED_MAINT | CONFIG_MAINT | RESOLUTION_MAINT;
    public static final int ANY_DRAIN = FORCED_DRAIN | INHERITED_DRAIN;

    private AdminState() {
    }

    /** HAProxy's name for the state in {@code show servers state} and the console: READY, DRAIN or MAINT. */
    public static String name(int flags) {
        if ((flags & ANY_MAINT) != 0) {
            return "MAINT";
        }
        if ((flags & ANY_DRAIN) != 0) {
            return "DRAIN";
        }
        return "READY";
    }
}
