package dev.mailwright.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.mailwright.core.MailAddress;
import dev.mailwright.core.dns.ZoneFileResolver;
import dev.mailwright.server.pipeline.CheckResult.Verdict;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DnsChecksTest {

    private final ZoneFileResolver dns = ZoneFileResolver.builder()
            .zoneText("example.net.", """
                    $TTL 300
                    @            IN MX 10 mx
                    mx           IN A 192.0.2.25
                    good-client  IN A 198.51.100.7
                    liar         IN A 203.0.113.99
                    nomx         IN A 192.0.2.30
                    nullmx       IN MX 0 .
                    empty        IN TXT "nothing else"
                    """)
            .zoneText("100.51.198.in-addr.arpa.", """
                    $TTL 300
                    7  IN PTR good-client.example.net.
                    8  IN PTR liar.example.net.
                    """)
            .zoneText("bl.example.", """
                    $TTL 300
                    9.100.51.198 IN A 127.0.0.2
                    1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2 IN A 127.0.0.4
                    """)
            .zoneText("other-bl.example.", """
                    $TTL 300
                    9.100.51.198 IN A 127.0.0.10
                    """)
            .failing("broken.example.")
            .failing("113.0.203.in-addr.arpa.")
            .build();

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void reverseDnsMustResolveBack() throws Exception {
        ReverseDnsCheck check = new ReverseDnsCheck(dns);
        assertThat(check.check(ip("198.51.100.7"))).isEqualTo(CheckResult.pass("good-client.example.net"));
        assertThat(check.check(ip("198.51.100.8")).verdict()).isEqualTo(Verdict.FAIL);
        assertThat(check.check(ip("198.51.100.9"))).isEqualTo(CheckResult.fail("no PTR record"));
        assertThat(check.check(ip("203.0.113.5")).verdict()).isEqualTo(Verdict.TEMPERROR);
        assertThat(check.check(ip("127.0.0.1")).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void senderDomainMustTakeMail() {
        SenderDomainCheck check = new SenderDomainCheck(dns);
        assertThat(check.check(Optional.of(MailAddress.parse("a@example.net")))).isEqualTo(CheckResult.pass("MX"));
        assertThat(check.check(Optional.of(MailAddress.parse("a@nomx.example.net")))).isEqualTo(CheckResult.pass("implicit MX"));
        assertThat(check.check(Optional.of(MailAddress.parse("a@nullmx.example.net"))).verdict()).isEqualTo(Verdict.FAIL);
        assertThat(check.check(Optional.of(MailAddress.parse("a@empty.example.net"))).verdict()).isEqualTo(Verdict.FAIL);
        assertThat(check.check(Optional.of(MailAddress.parse("a@nowhere.example.net"))).reason()).startsWith("no such domain");
        assertThat(check.check(Optional.of(MailAddress.parse("a@x.broken.example"))).verdict()).isEqualTo(Verdict.TEMPERROR);
        assertThat(check.check(Optional.empty()).verdict()).isEqualTo(Verdict.NONE);
        assertThat(check.check(Optional.of(MailAddress.parse("a@[192.0.2.1]"))).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void blocklistsAddUpScores() throws Exception {
        BlocklistCheck check = new BlocklistCheck(dns, List.of(new BlocklistCheck.Blocklist("bl.example", 2),
                new BlocklistCheck.Blocklist("other-bl.example", 1), new BlocklistCheck.Blocklist("broken.example", 5)));
        assertThat(check.score(ip("198.51.100.9"))).isEqualTo(new BlocklistCheck.Score(3, List.of("bl.example", "other-bl.example")));
        assertThat(check.score(ip("198.51.100.7")).total()).isZero();
        assertThat(check.score(ip("2001:db8::1")).listedBy()).containsExactly("bl.example");
        assertThat(check.score(ip("127.0.0.1")).total()).isZero();
        assertThat(BlocklistCheck.reversed(ip("192.0.2.1"))).isEqualTo("1.2.0.192");
    }

    @Test
    void rateLimitRefillsEvenly() throws Exception {
        AtomicLong nanos = new AtomicLong();
        Ticker ticker = nanos::get;
        RateLimiter limiter = new RateLimiter(3, ticker);
        InetAddress a = ip("192.0.2.1");
        assertThat(limiter.tryAcquire(a)).isTrue();
        assertThat(limiter.tryAcquire(a)).isTrue();
        assertThat(limiter.tryAcquire(a)).isTrue();
        assertThat(limiter.tryAcquire(a)).isFalse();
        assertThat(limiter.tryAcquire(ip("192.0.2.2"))).isTrue();
        nanos.addAndGet(TimeUnit.MINUTES.toNanos(20));
        assertThat(limiter.tryAcquire(a)).isTrue();
        assertThat(limiter.tryAcquire(a)).isFalse();
        assertThat(new RateLimiter(0, ticker).tryAcquire(a)).isTrue();
    }
}
