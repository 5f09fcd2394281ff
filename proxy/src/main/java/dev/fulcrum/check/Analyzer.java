package dev.fulcrum.check;

import dev.fulcrum.server.Observation;
import dev.fulcrum.server.Server;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * HAProxy's health analyzer ({@code observe}, {@code error-limit},
 * {@code on-error}): outcomes of live traffic to a server are counted, a success
 * resets the count, and {@code error-limit} consecutive errors trigger the
 * {@code on-error} action on the server's health check: {@code fastinter} only
 * checks sooner, {@code fail-check} counts as a failed check, {@code sudden-death}
 * as the failure before last, {@code mark-down} marks the server down at once.
 * Each also brings the next check forward to {@code fastinter}.
 */
final class Analyzer {

    private final Server server;
    private final HealthCheck check;
    private final boolean layer7;
    private final int limit;
    private final String onError;
    private final AtomicInteger consecutive = new AtomicInteger();

    Analyzer(Server server, HealthCheck check, boolean layer7, int limit, String onError) {
        this.server = server;
        this.check = check;
        this.layer7 = layer7;
        this.limit = limit;
        this.onError = onError;
    }

    /** Installs the analyzer on {@code server} if it observes traffic and is checked. */
    static void attach(Server server, HealthCheck check) {
        String observe = server.config().get(CheckSettings.OBSERVE);
        if (observe.equals("none") || check == null) {
            return;
        }
        Analyzer a = new Analyzer(server, check, observe.equals("layer7"), server.config().get(CheckSettings.ERROR_LIMIT),
                server.config().get(CheckSettings.ON_ERROR));
        server.observer(a::observed);
    }

    void observed(Observation o) {
        int meaning = o.meaning(layer7);
        if (meaning == 0) {
            return;
        }
        if (meaning == 2) {
            consecutive.set(0);
            return;
        }
        int n = consecutive.incrementAndGet();
        if (n < limit || !consecutive.compareAndSet(n, 0)) {
            return;
        }
        String info = "Detected " + n + " consecutive errors, last one was: " + o.description();
        CheckResult hana = new CheckResult(CheckStatus.HANA, -1, info, -1); // no duration: not a check run
        switch (onError) {
            case "sudden-death" -> check.inject(hana, Analyzer::preFatal);
            case "fail-check" -> check.inject(hana, h -> {
            });
            case "mark-down" -> check.inject(hana, Analyzer::lowest);
            default -> {
            }
        }
        long fast = check.fastinter();
        if (fast > 0) {
            check.expedite(fast);
        }
    }

    /** sudden-death: one failure away from down. */
    private static void preFatal(dev.fulcrum.server.Health h) {
        if (h.value() > h.rise()) {
            h.reset(h.rise() + 1);
        }
    }

    /** mark-down: the next failure is fatal whatever the counter was. */
    private static void lowest(dev.fulcrum.server.Health h) {
        h.reset(h.rise());
    }
}
