package dev.mailwright.core.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailwright.core.dns.DnsResult.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DnsResultTest {

    @Test
    void statusesAndTheirPredicates() {
        DnsResult<String> success = DnsResult.success("a.example", List.of("x"), true, Duration.ofSeconds(5));
        DnsResult<String> nx = DnsResult.nxdomain("a.example", false, Duration.ofSeconds(5));
        DnsResult<String> noData = DnsResult.noData("a.example", false, Duration.ZERO);
        DnsResult<String> failure = DnsResult.temporaryFailure("a.example", "SERVFAIL");
        assertThat(success.isSuccess()).isTrue();
        assertThat(success.isNegative()).isFalse();
        assertThat(nx.isNegative()).isTrue();
        assertThat(noData.isNegative()).isTrue();
        assertThat(failure.isTemporaryFailure()).isTrue();
        assertThat(failure.isNegative()).isFalse();
        assertThat(failure.ttl()).isEqualTo(Duration.ZERO);
        assertThat(noData.status()).isEqualTo(Status.NO_DATA);
    }

    @Test
    void mapKeepsEverythingButTheRecords() {
        DnsResult<Integer> lengths = DnsResult.success("a.example", List.of("ab", "abc"), true, Duration.ofSeconds(7))
                .map(String::length);
        assertThat(lengths).isEqualTo(DnsResult.success("a.example", List.of(2, 3), true, Duration.ofSeconds(7)));
        DnsResult<Integer> failure = DnsResult.<String>temporaryFailure("a.example", "timeout").map(String::length);
        assertThat(failure.error()).isEqualTo("timeout");
    }

    @Test
    void invariantsAreEnforced() {
        assertThatThrownBy(() -> DnsResult.success("a.example", List.of(), false, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DnsResult<>(Status.NXDOMAIN, List.of("x"), false, Duration.ZERO, "a", ""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DnsResult.temporaryFailure("a.example", ""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DnsResult<>(Status.TEMPORARY_FAILURE, List.of(), true, Duration.ZERO, "a", "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DnsResult<>(Status.NO_DATA, List.of(), false, Duration.ZERO, "a", "oops"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DnsResult.nxdomain("a.example", false, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recordsAreCopied() {
        List<String> records = new ArrayList<>(List.of("x"));
        DnsResult<String> result = DnsResult.success("a.example", records, false, Duration.ZERO);
        records.add("y");
        assertThat(result.records()).containsExactly("x");
        assertThatThrownBy(() -> result.records().add("z")).isInstanceOf(UnsupportedOperationException.class);
    }
}
