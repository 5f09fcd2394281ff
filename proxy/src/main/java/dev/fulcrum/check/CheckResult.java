package dev.fulcrum.check;

import dev.fulcrum.server.CheckReport;
import dev.fulcrum.server.StateReason;

/**
 * The outcome of one check run.
 *
 * @param status     the status
 * @param code       the layer-7 code (HTTP status, 0 for agents), -1 for none
 * @param info       the detail HAProxy shows in quotes, or {@code ""}
 * @param durationMs from the start of the run to its outcome
 */
record CheckResult(CheckStatus status, int code, String info, long durationMs) {

    CheckResult {
        info = info == null ? "" : info;
    }

    StateReason reason() {
        return new StateReason(status.description(), status.hasData(), Math.max(code, 0), info, durationMs);
    }

    CheckReport report() {
        return new CheckReport(status.code(), status.description(), code, info, durationMs, System.currentTimeMillis());
    }
}
