package dev.mailwright.core.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    @Test
    void delayDoublesPerFailureFromAnAddressUpToTheMaximum() throws Exception {
        LoginThrottle throttle = new LoginThrottle(Duration.ofSeconds(1), Duration.ofSeconds(30));
        InetAddress a = InetAddress.getByName("192.0.2.1");
        InetAddress b = InetAddress.getByName("192.0.2.2");
        assertThat(throttle.failed(a)).isEqualTo(Duration.ofSeconds(1));
        assertThat(throttle.failed(a)).isEqualTo(Duration.ofSeconds(2));
        assertThat(throttle.failed(a)).isEqualTo(Duration.ofSeconds(4));
        assertThat(throttle.failed(b)).as("counted per address").isEqualTo(Duration.ofSeconds(1));
        assertThat(throttle.failed(a)).isEqualTo(Duration.ofSeconds(8));
        assertThat(throttle.failed(a)).isEqualTo(Duration.ofSeconds(16));
        assertThat(throttle.failed(a)).isEqualTo(Duration.ofSeconds(30));
        for (int i = 0; i < 100; i++) {
            throttle.failed(a);
        }
        assertThat(throttle.failed(a)).as("no overflow after many failures").isEqualTo(Duration.ofSeconds(30));
        assertThat(throttle.failures(a)).isEqualTo(107);
        assertThat(throttle.failures(InetAddress.getByName("192.0.2.3"))).isZero();
        assertThat(throttle.delayFor(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void zeroTurnsDelaysOffButStillCounts() throws Exception {
        LoginThrottle throttle = new LoginThrottle(Duration.ZERO, Duration.ZERO);
        InetAddress a = InetAddress.getByName("2001:db8::1");
        assertThat(throttle.failed(a)).isZero();
        assertThat(throttle.failed(a)).isZero();
        assertThat(throttle.failures(a)).isEqualTo(2);
    }

    @Test
    void aQuietAddressIsForgotten() throws Exception {
        LoginThrottle throttle = new LoginThrottle(Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofMillis(50));
        InetAddress a = InetAddress.getByName("192.0.2.9");
        throttle.failed(a);
        throttle.failed(a);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (throttle.failures(a) != 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(throttle.failures(a)).isZero();
        assertThat(throttle.failed(a)).isEqualTo(Duration.ofMillis(10));
    }

    @Test
    void settingsAreChecked() {
        assertThatThrownBy(() -> new LoginThrottle(Duration.ofSeconds(-1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("first must not be negative");
        assertThatThrownBy(() -> new LoginThrottle(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max must be at least first");
        assertThatThrownBy(() -> new LoginThrottle(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("forgetAfter must be positive");
    }
}
