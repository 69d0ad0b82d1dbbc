package dev.mailwright.imap.internal.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AuthThrottleTest {

    @Test
    void delayDoublesPerFailureFromAnAddressUpToTheMaximum() throws Exception {
        AuthThrottle throttle = new AuthThrottle(Duration.ofSeconds(1), Duration.ofSeconds(30));
        InetAddress a = InetAddress.getByName("192.0.2.1");
        InetAddress b = InetAddress.getByName("192.0.2.2");
        assertThat(throttle.failed(a)).isEqualTo(Duration.ofSeconds(1));
        assertThat(throttle.failed(a)).isEqualTo(Duration.ofSeconds(2));
        assertThat(throttle.failed(a)).isEqualTo(Duration.ofSeconds(4));
        assertThat(throttle.failed(b)).isEqualTo(Duration.ofSeconds(1));
        for (int i = 0; i < 10; i++) {
            throttle.failed(a);
        }
        assertThat(throttle.failed(a)).isEqualTo(Duration.ofSeconds(30));
        assertThat(throttle.failures(a)).isEqualTo(14);
        assertThat(throttle.delayFor(200)).isEqualTo(Duration.ofSeconds(30));
    }
}
