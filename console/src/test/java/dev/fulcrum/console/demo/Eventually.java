package dev.fulcrum.console.demo;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Waits for something the demo does on its own threads. The bound is generous
 * (the machine may be busy): it only decides when to give up, nothing is
 * asserted about how long it took.
 */
public final class Eventually {

    private Eventually() {
    }

    public static void until(String what, Duration bound, BooleanSupplier condition) throws InterruptedException {
        until(what, bound, condition, () -> "");
    }

    /** Like {@link #until(String, Duration, BooleanSupplier)}; on failure the message adds {@code state}. */
    public static void until(String what, Duration bound, BooleanSupplier condition, Supplier<String> state)
            throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(condition.getAsBoolean()).as(() -> what + " within " + bound + "; last seen: " + state.get())
                .isTrue();
    }
}
