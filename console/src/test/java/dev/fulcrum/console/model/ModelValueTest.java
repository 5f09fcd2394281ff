package dev.fulcrum.console.model;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

class ModelValueTest {

    @Test
    void aSubscriberSeesTheCurrentValueThenEveryLaterOne() {
        ModelValue<String> v = new ModelValue<>("a");
        v.set("b");
        List<String> seen = new ArrayList<>();

        v.subscribe(seen::add);
        v.set("c");
        v.set("c");

        assertThat(seen).containsExactly("b", "c", "c");
        assertThat(v.get()).isEqualTo("c");
    }

    @Test
    void closingASubscriptionStopsIt() {
        ModelValue<String> v = new ModelValue<>("a");
        List<String> seen = new ArrayList<>();
        ModelValue.Subscription s = v.subscribe(seen::add);

        s.close();
        v.set("b");

        assertThat(seen).containsExactly("a");
    }

    @Test
    void aSubscriberAddedWhileAnotherThreadSetsMissesNoValue() throws Exception {
        ModelValue<Integer> v = new ModelValue<>(0);
        CountDownLatch started = new CountDownLatch(1);
        Thread writer = Thread.ofPlatform().start(() -> {
            started.countDown();
            for (int i = 1; i <= 10_000; i++) {
                v.set(i);
            }
        });
        started.await();
        List<Integer> seen = new ArrayList<>();
        v.subscribe(seen::add);
        writer.join();

        // Whatever the first value seen was, every later one follows without a gap.
        for (int i = 1; i < seen.size(); i++) {
            assertThat(seen.get(i)).isEqualTo(seen.get(i - 1) + 1);
        }
        assertThat(seen.getLast()).isEqualTo(10_000);
    }
}
