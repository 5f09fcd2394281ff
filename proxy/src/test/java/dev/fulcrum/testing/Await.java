package dev.fulcrum.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Waits for something the engine (or a reference process) does asynchronously;
 * fails after 30 s, a bound generous enough for a loaded machine, not a timing
 * assertion: a condition that holds returns at once.
 */
public final class Await {

    private static final Duration LIMIT = Duration.ofSeconds(30);

    private Await() {
    }

    public static void until(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).as("condition reached within " + LIMIT.toSeconds() + " s").isTrue();
    }
}
