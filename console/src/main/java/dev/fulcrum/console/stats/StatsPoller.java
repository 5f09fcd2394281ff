package dev.fulcrum.console.stats;

import dev.fulcrum.console.model.StatsSnapshot;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * Takes a {@link StatsSnapshot} every {@code period} on a thread of its own
 * ({@value #THREAD_NAME}) and hands it to a sink, typically the console model,
 * whose views move it to their UI thread. Sampling never runs on the UI thread,
 * and a slow UI never slows sampling: the sink only receives immutable values.
 */
public final class StatsPoller implements AutoCloseable {

    /** A few samples a second: live enough to watch, cheap enough to forget. */
    public static final Duration DEFAULT_PERIOD = Duration.ofMillis(250);
    public static final String THREAD_NAME = "fulcrum-console-stats";

    private final ScheduledExecutorService executor;

    private StatsPoller(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    /** Starts sampling now, then every {@code period}. */
    public static StatsPoller start(Supplier<StatsSnapshot> sampler, Consumer<? super StatsSnapshot> sink,
                                    Duration period) {
        requireNonNull(sampler, "sampler");
        requireNonNull(sink, "sink");
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period: " + period + " (expected: > 0)");
        }
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name(THREAD_NAME).daemon().factory());
        executor.scheduleAtFixedRate(() -> {
            // A task that throws is never run again: one bad sample must not end the stats.
            try {
                sink.accept(sampler.get());
            } catch (RuntimeException e) {
                System.getLogger(StatsPoller.class.getName()).log(System.Logger.Level.WARNING, "stats sample failed", e);
            }
        }, 0, period.toNanos(), TimeUnit.NANOSECONDS);
        return new StatsPoller(executor);
    }

    /** Stops sampling and waits for a sample in progress to finish. */
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
