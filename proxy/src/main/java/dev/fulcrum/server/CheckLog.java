package dev.fulcrum.server;

import dev.fulcrum.server.StateEvent.LogLevel;

/**
 * The per-check line of {@code option log-health-checks}, as haproxy 2.6 writes
 * it on stderr and to the backend's log targets at {@code notice}:
 * {@code Health check for server bk/s1 failed, reason: Layer4 connection problem,
 * info: "Connection refused", check duration: 0ms, status: 2/3 UP.} It is written
 * when a check's status differs from the previous one or its result moved the
 * rise/fall counter; the state-change line that may follow then leaves the check's
 * reason out, since this line already gave it.
 */
public final class CheckLog {

    /** What a finished check concluded. */
    public enum Verdict { SUCCEEDED, CONDITIONALLY_SUCCEEDED, FAILED }

    private CheckLog() {
    }

    /**
     * Publishes the line for a finished check of {@code s}.
     *
     * @param agent   whether it is the agent check (else the health check)
     * @param health  the check's counter, already moved by this result
     * @param verdict what the result means
     * @param reason  the check's status, code, info and duration
     */
    public static void publish(Server s, boolean agent, Health health, Verdict verdict, StateReason reason) {
        ServerFarm farm = s.farm();
        if (farm == null) {
            return;
        }
        StringBuilder b = new StringBuilder(200);
        b.append(agent ? "Agent" : "Health").append(" check for ").append(s.isBackup() ? "backup " : "")
                .append("server ").append(s.backendName()).append('/').append(s.name()).append(' ')
                .append(switch (verdict) {
                    case SUCCEEDED -> "succeeded";
                    case CONDITIONALLY_SUCCEEDED -> "conditionally succeeded";
                    case FAILED -> "failed";
                });
        StateMessages.reason(b, s, reason, true);
        int value = health.value();
        boolean up = value >= health.rise();
        b.append(", status: ").append(up ? value - health.rise() + 1 : value).append('/')
                .append(up ? health.fall() : health.rise()).append(' ')
                .append(up ? (s.userWeight() > 0 ? "UP" : "DRAIN") : "DOWN").append('.');
        String text = b.toString();
        farm.events().publish(new StateEvent(farm.name(), LogLevel.NOTICE, false, text, text));
    }
}
