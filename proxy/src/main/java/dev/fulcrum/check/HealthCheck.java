package dev.fulcrum.check;

import dev.fulcrum.server.AdminState;
import dev.fulcrum.server.Health;
import dev.fulcrum.server.OperState;
import dev.fulcrum.server.Server;
import dev.fulcrum.server.Transitions;
import io.netty.channel.EventLoop;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The periodic health check (or agent check) of one server, pinned to one event
 * loop: it runs a {@link CheckRun} every interval (HAProxy's {@code inter},
 * {@code fastinter} while in transition, {@code downinter} when fully down, plus
 * {@code spread-checks} noise), feeds the outcome to the server's rise/fall
 * counter and moves the server's state through {@link Transitions}. It pauses
 * while the server is in maintenance.
 */
final class HealthCheck {

    private final Server server;
    private final Health health;
    private final boolean agent;
    private final CheckPlan plan;
    private final CheckTarget target;
    private final EventLoop loop;
    private final long inter;
    private final long fastinter;
    private final long downinter;
    private final int spread;
    private final AgentReplies agentReplies;
    private final HealthLog log;
    /** What the runs' samples see of the server, its backend and the process. */
    private final CheckContext.Scope scope;
    /** {@code option external-check}: runs a command instead of {@link #plan}, else {@code null}. */
    private ExternalCheck external;
    private final AtomicLong runs = new AtomicLong();
    private volatile boolean stopped;
    /** The next run, while one is scheduled (loop thread only). */
    private java.util.concurrent.ScheduledFuture<?> next;
    private long nextAt;
    private boolean running;

    HealthCheck(Server server, Health health, boolean agent, CheckPlan plan, CheckTarget target, EventLoop loop,
                long inter, long fastinter, long downinter, int spread, boolean logChecks, CheckContext.Scope scope) {
        this.scope = scope;
        this.server = server;
        this.health = health;
        this.agent = agent;
        this.plan = plan;
        this.target = target;
        this.loop = loop;
        this.inter = inter;
        this.fastinter = fastinter;
        this.downinter = downinter;
        this.spread = spread;
        this.log = new HealthLog(server, agent, logChecks);
        this.agentReplies = agent ? new AgentReplies(server, log) : null;
    }

    /** Makes each run execute {@code external-check command} instead of talking to the server. */
    HealthCheck external(ExternalCheck e) {
        this.external = e;
        return this;
    }

    /** Starts checking after {@code delay} ms (servers' first checks are spread over one interval). */
    void start(long delay) {
        health.enabled(true);
        schedule(delay);
    }

    void stop() {
        stopped = true;
        health.enabled(false);
        if (external != null) {
            external.stop();
        }
    }

    /** How many runs have started (tests observe pacing through it and the server's own count). */
    long runs() {
        return runs.get();
    }

    private void schedule(long delay) {
        if (stopped || loop.isShuttingDown()) {
            return;
        }
        try {
            long d = Math.max(0, delay);
            nextAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(d);
            next = loop.schedule(this::run, d, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // the engine is stopping
        }
    }

    /** Brings the next run forward to at most {@code delay} ms from now (on the check's loop). */
    void expedite(long delay) {
        loop.execute(() -> {
            if (stopped || running || next == null) {
                return;
            }
            if (nextAt - System.nanoTime() > TimeUnit.MILLISECONDS.toNanos(delay) && next.cancel(false)) {
                schedule(delay);
            }
        });
    }

    /**
     * Applies a result that did not come from a run (the health analyzer's), at
     * once on the calling thread, as haproxy does within the stream that saw the
     * error (its message counts that stream among the active sessions).
     */
    void inject(CheckResult r, java.util.function.Consumer<Health> before) {
        if (stopped) {
            return;
        }
        before.accept(health);
        apply(r);
    }

    Health health() {
        return health;
    }

    long fastinter() {
        return fastinter;
    }

    private void run() {
        next = null;
        if (stopped) {
            return;
        }
        if (!agent && (server.adminFlags() & AdminState.ANY_MAINT) != 0) {
            // the health check pauses in maintenance (HAProxy's CHK_ST_PAUSED); the agent goes on,
            // since its "ready" is how it brings the server back
            schedule(interval());
            return;
        }
        runs.incrementAndGet();
        running = true;
        if (external != null) {
            external.run(loop, this::completed);
        } else {
            new CheckRun(plan, target, loop, () -> StateHeader.of(server), scope, this::completed)
                    .proxyHeader(agent ? 0 : ProxyLines.checkVersion(server.config()),
                            server.config().get(dev.fulcrum.proxyprotocol.ProxyProtocolSettings.V2_OPTIONS))
                    .start();
        }
    }

    private void completed(CheckResult r) {
        running = false;
        if (stopped) {
            return;
        }
        try {
            if (agent) {
                agentReplies.apply(health, r);
            } else {
                apply(r);
            }
        } finally {
            schedule(interval());
        }
    }

    /** set_server_check_status + check_notify_*: the counter moves, then the state may. */
    private void apply(CheckResult r) {
        health.last(r.report());
        switch (r.status().result()) {
            case FAILED -> {
                boolean moved = health.fail();
                if (moved) {
                    server.counters().failedChecks.increment();
                }
                log.finished(health, r, moved);
                if (!health.up()) {
                    Transitions.down(server, log.stateReason(r));
                }
            }
            case PASSED -> {
                log.finished(health, r, health.pass());
                if (health.up() && otherUp()) {
                    Transitions.up(server, log.stateReason(r));
                }
            }
            case CONDITIONAL -> {
                log.finished(health, r, health.pass());
                if (health.up() && otherUp()) {
                    Transitions.stopping(server, log.stateReason(r));
                }
            }
            case NEUTRAL -> log.finished(health, r, false);
        }
    }

    /** The agent must not hold the server down for the health check to bring it up. */
    private boolean otherUp() {
        Health other = server.agent();
        return other == null || !other.enabled() || other.up();
    }

    /** srv_getinter: inter when fully up, downinter when fully down, fastinter in between. */
    long baseInterval() {
        if (health.fullyUp()) {
            return inter;
        } else if (health.fullyDown() && server.operState() == OperState.STOPPED) {
            return downinter > 0 ? downinter : inter;
        }
        return fastinter > 0 ? fastinter : inter;
    }

    /** The delay before the next run: {@link #baseInterval} with {@code spread-checks} noise. */
    long interval() {
        long base = baseInterval();
        if (spread > 0) {
            long noise = base * spread / 100;
            base += ThreadLocalRandom.current().nextLong(-noise, noise + 1);
        }
        return Math.max(1, base);
    }
}
