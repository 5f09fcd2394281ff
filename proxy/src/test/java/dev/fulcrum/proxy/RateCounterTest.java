package dev.fulcrum.proxy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The sliding one-second rate, on an explicit clock (HAProxy's freq_ctr arithmetic). */
class RateCounterTest {

    @Test
    void countsTheCurrentSecondFully() {
        RateCounter r = new RateCounter();
        for (int i = 0; i < 7; i++) {
            r.hitAt(10_000 + i * 100);
        }
        assertThat(r.rateAt(10_900)).isEqualTo(7);
    }

    @Test
    void weighsThePreviousSecondByWhatRemainsOfTheWindow() {
        RateCounter r = new RateCounter();
        for (int i = 0; i < 10; i++) {
            r.hitAt(10_000 + i * 50);
        }
        // 250 ms into the next second, 75% of the previous second is still in the window
        assertThat(r.rateAt(11_250)).isEqualTo(7);
        r.hitAt(11_250);
        r.hitAt(11_300);
        assertThat(r.rateAt(11_500)).isEqualTo(2 + 5);
    }

    @Test
    void dropsToZeroAfterAFullQuietSecond() {
        RateCounter r = new RateCounter();
        r.hitAt(10_000);
        r.hitAt(10_010);
        assertThat(r.rateAt(12_001)).isZero();
        r.hitAt(13_000);
        assertThat(r.rateAt(13_500)).as("a gap of seconds leaves no previous count").isEqualTo(1);
    }
}
