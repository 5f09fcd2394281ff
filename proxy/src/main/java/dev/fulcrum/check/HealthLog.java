package dev.fulcrum.check;

import dev.fulcrum.server.CheckLog;
import dev.fulcrum.server.Health;
import dev.fulcrum.server.Server;
import dev.fulcrum.server.StateReason;

/**
 * {@code option log-health-checks} for one check (health or agent): it remembers
 * the previous status, writes a {@link CheckLog} line when a result changes the
 * status or moves the rise/fall counter (never for a result of no consequence),
 * and tells which reason the state-change lines show: none when the option is on,
 * as the check's own line already said why.
 */
final class HealthLog {

    private final Server server;
    private final boolean agent;
    private final boolean enabled;
    /** The status of the previous result (checks of one server run one at a time). */
    private volatile CheckStatus previous = CheckStatus.INI;

    HealthLog(Server server, boolean agent, boolean enabled) {
        this.server = server;
        this.agent = agent;
        this.enabled = enabled;
    }

    /**
     * Records a finished check whose result has been applied to {@code health};
     * {@code moved} says whether it changed the counter.
     */
    void finished(Health health, CheckResult r, boolean moved) {
        CheckStatus before = previous;
        previous = r.status();
        CheckStatus.Result result = r.status().result();
        if (!enabled || result == CheckStatus.Result.NEUTRAL || (before == r.status() && !moved)) {
            return;
        }
        CheckLog.publish(server, agent, health, switch (result) {
            case PASSED -> CheckLog.Verdict.SUCCEEDED;
            case CONDITIONAL -> CheckLog.Verdict.CONDITIONALLY_SUCCEEDED;
            default -> CheckLog.Verdict.FAILED;
        }, r.reason());
    }

    /** The reason a state change caused by {@code r} shows. */
    StateReason stateReason(CheckResult r) {
        return enabled ? StateReason.NONE : r.reason();
    }
}
