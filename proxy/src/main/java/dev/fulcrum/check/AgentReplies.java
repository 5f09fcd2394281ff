package dev.fulcrum.check;

import dev.fulcrum.server.Health;
import dev.fulcrum.server.Server;
import dev.fulcrum.server.Transitions;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Agent check replies, read as HAProxy reads them: the first line, {@code #} and
 * what follows is a description, then space- or comma-separated words in any
 * order: an administrative state ({@code ready}, {@code drain}, {@code maint}),
 * an operational one ({@code up}, {@code down}, {@code stopped}, {@code fail}),
 * a weight ({@code 75%}) and {@code maxconn:N}. A word that means nothing is
 * reported as "agent reports an error" in the agent's check status and
 * otherwise ignored.
 */
final class AgentReplies {

    private final Server server;
    private final HealthLog log;

    AgentReplies(Server server, HealthLog log) {
        this.server = server;
        this.log = log;
    }

    /** The expect step of an agent check: waits for a line (or the close), then judges it. */
    static CheckRule.Expect expect() {
        return new CheckRule.Expect(false, CheckRule.Match.CUSTOM, false, null, null, null, java.util.List.of(), null,
                null, null, null, 0, null, null, null, "", AgentReplies::read);
    }

    private static CheckResult read(byte[] data, int length, boolean closed) {
        int eol = -1;
        for (int i = 0; i < length; i++) {
            if (data[i] == '\n' || data[i] == '\r') {
                eol = i;
                break;
            }
        }
        if (eol < 0 && !closed) {
            return null;
        }
        if (eol < 0 && length == 0) {
            // HAProxy: an agent that closes without a word is a layer-7 failure of no consequence
            return new CheckResult(CheckStatus.L7RSP, -1, "", -1);
        }
        String line = new String(data, 0, eol < 0 ? length : eol, StandardCharsets.ISO_8859_1);
        // carried to apply() as the run's result: CHECKED with the line as info
        return new CheckResult(CheckStatus.CHECKED, -1, line, -1);
    }

    /** Applies a finished agent run to the server. */
    void apply(Health health, CheckResult r) {
        if (r.status() != CheckStatus.CHECKED) {
            // could not talk to the agent: reported, but never a reason to mark the server down
            health.last(r.report());
            log.finished(health, r, false);
            return;
        }
        String line = r.info();
        String desc = "";
        int hash = line.indexOf('#');
        if (hash >= 0) {
            desc = line.substring(hash + 1).trim();
            line = line.substring(0, hash);
        }
        String hs = null;
        CheckStatus status = CheckStatus.CHECKED;
        String as = null;
        String ps = null;
        String cs = null;
        String err = null;
        for (String word : line.split("[\\s,]+")) {
            if (word.isEmpty()) {
                continue;
            }
            String w = word.toLowerCase(Locale.ROOT);
            switch (w) {
                case "drain", "maint", "ready" -> as = w;
                case "up" -> {
                    hs = word;
                    status = CheckStatus.L7OK;
                }
                case "down", "stopped", "fail" -> {
                    hs = word;
                    status = CheckStatus.L7STS;
                }
                default -> {
                    if (w.startsWith("maxconn:")) {
                        cs = word.substring("maxconn:".length());
                    } else if (Character.isDigit(w.charAt(0))) {
                        ps = word;
                    } else if (err == null) {
                        err = word;
                    }
                }
            }
        }
        if (as != null) {
            switch (as) {
                case "drain" -> Transitions.drain(server);
                case "maint" -> Transitions.maint(server);
                default -> Transitions.ready(server);
            }
        }
        String warning = null;
        if (ps != null) {
            warning = Weights.applyRelative(server, ps);
        }
        if (cs != null) {
            String m = Weights.applyMaxconn(server, cs);
            warning = warning != null ? warning : m;
        }
        CheckResult outcome;
        if (hs != null) {
            String msg = desc;
            if (msg.isEmpty() || status == CheckStatus.L7OK) {
                if (err != null) {
                    msg = err;
                } else if (warning != null) {
                    msg = warning;
                }
            }
            outcome = new CheckResult(status, 0, "via agent : " + hs + (msg.isEmpty() ? "" : " (" + msg + ")"),
                    r.durationMs());
        } else if (err != null) {
            outcome = new CheckResult(status, 0, "agent reports an error : " + err, r.durationMs());
        } else if (warning != null) {
            outcome = new CheckResult(status, 0, "agent warns : " + warning, r.durationMs());
        } else {
            outcome = new CheckResult(status, 0, "", r.durationMs());
        }
        health.last(outcome.report());
        switch (status.result()) {
            case FAILED -> {
                boolean moved = health.fail();
                if (moved) {
                    server.counters().failedChecks.increment();
                }
                log.finished(health, outcome, moved);
                if (!health.up()) {
                    Transitions.down(server, log.stateReason(outcome));
                }
            }
            case PASSED -> {
                log.finished(health, outcome, health.pass());
                Health check = server.check();
                if (health.up() && (check == null || !check.enabled() || check.up())) {
                    Transitions.up(server, log.stateReason(outcome));
                }
            }
            default -> log.finished(health, outcome, false);
        }
    }
}
