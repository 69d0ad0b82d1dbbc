package dev.mailwright.smtp.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    @Test
    void defaultDoublesFromFiveMinutesUpToThePostfixMaximum() {
        RetrySchedule s = RetrySchedule.DEFAULT;
        assertThat(s.baseDelay(1)).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.baseDelay(2)).isEqualTo(Duration.ofMinutes(10));
        assertThat(s.baseDelay(3)).isEqualTo(Duration.ofMinutes(20));
        assertThat(s.baseDelay(4)).isEqualTo(Duration.ofMinutes(40));
        assertThat(s.baseDelay(5)).isEqualTo(Duration.ofSeconds(4000));
        assertThat(s.baseDelay(500)).isEqualTo(Duration.ofSeconds(4000));
        assertThat(s.lifetime()).isEqualTo(Duration.ofDays(5));
    }

    @Test
    void fractionalFactorIsNotRoundedDown() {
        RetrySchedule s = new RetrySchedule(Duration.ofMinutes(10), 1.5, Duration.ofHours(10), Duration.ofDays(1), 0);
        assertThat(s.baseDelay(2)).isEqualTo(Duration.ofMinutes(15));
        assertThat(s.baseDelay(3)).isEqualTo(Duration.ofSeconds(1350));
    }

    @Test
    void jitterStaysWithinItsFraction() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200; i++) {
            long millis = RetrySchedule.DEFAULT.delay(1, random).toMillis();
            assertThat(millis).isBetween(270_000L, 330_000L);
        }
    }

    @Test
    void badSettingsAreRefused() {
        assertThatThrownBy(() -> new RetrySchedule(Duration.ZERO, 2, Duration.ofHours(1), Duration.ofDays(1), 0))
                .hasMessageContaining("initial");
        assertThatThrownBy(() -> new RetrySchedule(Duration.ofMinutes(1), 0.5, Duration.ofHours(1), Duration.ofDays(1), 0))
                .hasMessageContaining("factor");
        assertThatThrownBy(() -> new RetrySchedule(Duration.ofHours(2), 2, Duration.ofHours(1), Duration.ofDays(1), 0))
                .hasMessageContaining("maximum");
        assertThatThrownBy(() -> new RetrySchedule(Duration.ofMinutes(1), 2, Duration.ofHours(1), Duration.ofDays(1), 0.9))
                .hasMessageContaining("jitter");
    }
}
