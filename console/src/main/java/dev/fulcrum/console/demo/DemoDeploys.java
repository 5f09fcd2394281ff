package dev.fulcrum.console.demo;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * The demo's rolling deploy: every {@code period}, one server is "redeployed" -
 * its health endpoint answers 503 for {@code downtime}, as an application does
 * while it drains and restarts, while it keeps serving the requests it gets. The
 * engine's health checks take it out of its backend ({@code DOWN}) and put it back
 * ({@code UP}), which the console shows as it happens.
 *
 * <p>One platform thread ({@value #THREAD_NAME}) does the switching.
 */
final class DemoDeploys implements AutoCloseable {

    static final String THREAD_NAME = "fulcrum-demo-deploys";
    /** The first deploy comes once the newcomer has seen the demo run normally for a while. */
    static final Duration FIRST = Duration.ofSeconds(100);
    static final Duration PERIOD = Duration.ofMinutes(3);
    static final Duration DOWNTIME = Duration.ofSeconds(20);

    private final ScheduledExecutorService executor;

    private DemoDeploys(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    /** Starts redeploying {@code server} on the given schedule. */
    static DemoDeploys start(DemoBackend server, Duration first, Duration period, Duration downtime) {
        requireNonNull(server, "server");
        if (downtime.compareTo(period) >= 0) {
            throw new IllegalArgumentException("downtime " + downtime + " (expected: shorter than " + period + ")");
        }
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name(THREAD_NAME).daemon().factory());
        executor.scheduleAtFixedRate(() -> {
            server.healthy(false);
            executor.schedule(() -> server.healthy(true), downtime.toNanos(), TimeUnit.NANOSECONDS);
        }, first.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
        return new DemoDeploys(executor);
    }

    /** Stops redeploying; the server is left as it is (the demo is stopping anyway). */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
