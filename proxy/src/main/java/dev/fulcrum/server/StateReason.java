package dev.fulcrum.server;

/**
 * Why a server changed state, as HAProxy appends it to the message: a check's
 * status ({@code , reason: Layer4 connection problem, info: "...", check duration: 0ms}),
 * a plain text ({@code , <text>}), or nothing.
 *
 * @param status      the check status description, or {@code null} when not from a check
 * @param withCode    whether the status carries layer-7 data, so {@code , code: N} is shown
 * @param code        the layer-7 code (HTTP status, agent 0)
 * @param info        the check's detail (quoted), or the plain text, or {@code ""}
 * @param durationMs  the check's duration, or -1
 */
public record StateReason(String status, boolean withCode, int code, String info, long durationMs) {

    /** No reason: the message may say "via" the tracked server instead. */
    public static final StateReason NONE = new StateReason(null, false, 0, "", -1);

    public StateReason {
        info = info == null ? "" : info;
    }

    /** A reason that is only a text, e.g. a runtime command's. */
    public static StateReason text(String text) {
        return new StateReason(null, false, 0, text, -1);
    }

    public boolean isNone() {
        return status == null && info.isEmpty();
    }
}
