package dev.mailwright.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Start and stop times of a server with every listener, printed for the record. The first
 * start in a JVM pays for the certificate and for loading the classes; the rest show what a
 * per-method server costs. Nothing here asserts a time: a loaded build machine would make
 * such a test fail for no fault of the code.
 */
class StartTimeTest {

    private static final int ROUNDS = 20;

    @Test
    void startsAndStopsRepeatedly() {
        long generating = System.nanoTime();
        assertThat(SharedCertificate.get().certificate()).isNotNull();
        long certificate = (System.nanoTime() - generating) / 1_000;
        List<Long> starts = new ArrayList<>();
        List<Long> stops = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            long begin = System.nanoTime();
            TestMailServer mail = TestMailServer.builder().start();
            long started = System.nanoTime();
            assertThat(mail.isRunning()).isTrue();
            assertThat(mail.port(Protocol.IMAPS)).isPositive();
            mail.stop();
            long stopped = System.nanoTime();
            starts.add((started - begin) / 1_000);
            stops.add((stopped - started) / 1_000);
            assertThat(mail.isRunning()).isFalse();
        }
        List<Long> later = starts.subList(1, starts.size()).stream().sorted().toList();
        System.out.printf("test mail server, every listener: shared certificate %.1f ms (0 if made before), first start"
                        + " %.1f ms; later starts median %.1f ms, max %.1f ms; stops median %.1f ms%n",
                certificate / 1000.0, starts.get(0) / 1000.0, later.get(later.size() / 2) / 1000.0, later.get(later.size() - 1) / 1000.0,
                stops.stream().sorted().toList().get(stops.size() / 2) / 1000.0);
    }
}
