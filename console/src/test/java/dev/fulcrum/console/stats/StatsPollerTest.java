package dev.fulcrum.console.stats;

import dev.fulcrum.console.demo.Eventually;
import dev.fulcrum.console.model.StatsSnapshot;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class StatsPollerTest {

    @Test
    void samplesOnItsOwnThreadUntilClosed() throws Exception {
        AtomicInteger taken = new AtomicInteger();
        List<String> threads = new CopyOnWriteArrayList<>();
        List<StatsSnapshot> received = new CopyOnWriteArrayList<>();
        StatsPoller poller = StatsPoller.start(() -> {
            threads.add(Thread.currentThread().getName());
            return new StatsSnapshot(taken.incrementAndGet(), Map.of(), Map.of());
        }, received::add, Duration.ofMillis(20));

        Eventually.until("three samples", Duration.ofSeconds(30), () -> received.size() >= 3);
        poller.close();
        int afterClose = received.size();
        Thread.sleep(100); // several periods: none may come

        assertThat(received).hasSize(afterClose);
        assertThat(received).extracting(StatsSnapshot::takenAtMillis).isSorted();
        assertThat(threads).containsOnly(StatsPoller.THREAD_NAME);
        Eventually.until("the sampling thread ended", Duration.ofSeconds(10), () ->
                Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals(StatsPoller.THREAD_NAME)));
    }

    @Test
    void aFailingSampleDoesNotEndSampling() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        List<StatsSnapshot> received = new CopyOnWriteArrayList<>();
        try (StatsPoller poller = StatsPoller.start(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("first sample fails (expected by the test)");
            }
            return StatsSnapshot.EMPTY;
        }, received::add, Duration.ofMillis(20))) {
            Eventually.until("a sample after the failure", Duration.ofSeconds(30), () -> !received.isEmpty());
        }
        assertThat(calls.get()).isGreaterThan(1);
    }
}
