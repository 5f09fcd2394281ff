package dev.fulcrum.testing;

import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Waits for something the engine does asynchronously; fails after 5 s (a bound, not a timing assertion). */
public final class Await {

    private Await() {
    }

    public static void until(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 250 && !condition.getAsBoolean(); i++) {
            Thread.sleep(20);
        }
        assertThat(condition.getAsBoolean()).as("condition reached within 5 s").isTrue();
    }
}
