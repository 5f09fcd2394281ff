package dev.fulcrum.server;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** HAProxy's rise/fall counter, step by step. */
class HealthTest {

    @Test
    void aServerStartsUpButFallsAtTheFirstFailure() {
        Health h = new Health(2, 3);
        assertThat(h.up()).isTrue();
        assertThat(h.fullyUp()).isFalse();
        assertThat(h.fail()).isTrue();
        assertThat(h.up()).isFalse();
        assertThat(h.fullyDown()).isTrue();
        assertThat(h.fail()).as("nothing more to count at 0").isFalse();
    }

    @Test
    void fromFullyUpItTakesExactlyFallFailuresAndFromDownExactlyRiseSuccesses() {
        Health h = new Health(3, 4);
        h.pass();
        assertThat(h.fullyUp()).isTrue();
        for (int i = 1; i < 4; i++) {
            h.fail();
            assertThat(h.up()).as("after %d failures", i).isTrue();
        }
        h.fail();
        assertThat(h.up()).isFalse();
        for (int i = 1; i < 3; i++) {
            h.pass();
            assertThat(h.up()).as("after %d successes", i).isFalse();
        }
        h.pass();
        assertThat(h.up()).isTrue();
        assertThat(h.fullyUp()).isTrue();
        assertThat(h.pass()).as("nothing more to count at the top").isFalse();
    }

    @Test
    void aSuccessInTheMiddleOfFailuresGoesBackToTheTop() {
        Health h = new Health(2, 3);
        h.pass();
        h.fail();
        h.fail();
        assertThat(h.up()).isTrue();
        h.pass();
        assertThat(h.fullyUp()).isTrue();
    }
}
