package dev.mailwright.smtp.outbound.mtasts;

import dev.mailwright.core.dns.DnsResolver;
import dev.mailwright.core.dns.DnsResult;
import dev.mailwright.core.dns.TxtRecord;
import dev.mailwright.smtp.outbound.spi.MtaStsPolicyStore;
import dev.mailwright.smtp.outbound.spi.StoredPolicy;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MTA-STS policy in force for a domain (RFC 8461 §3, §5.1): the cached policy while its TXT id
 * is unchanged and it has not expired; a fresh fetch when the id changes; and the cached policy
 * again when the TXT record is gone, the lookup fails, or the fetch fails, so that an attacker who
 * strips the record or blocks the policy host gains nothing before {@code max_age} runs out.
 */
public final class MtaStsResolver {

    private static final Logger log = LoggerFactory.getLogger(MtaStsResolver.class);

    private final DnsResolver dns;
    private final PolicyFetcher fetcher;
    private final MtaStsPolicyStore store;
    private final Clock clock;

    public MtaStsResolver(DnsResolver dns, PolicyFetcher fetcher, MtaStsPolicyStore store, Clock clock) {
        this.dns = Objects.requireNonNull(dns, "dns");
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The policy to apply to mail for {@code domain}; empty when none applies (or its mode is none). */
    public Optional<MtaStsPolicy> policyFor(String domain) {
        String name = domain.toLowerCase(Locale.ROOT);
        Instant now = clock.instant();
        Optional<StoredPolicy> stored = store.load(name).filter(p -> now.isBefore(p.expires()));
        Optional<MtaStsPolicy> cached = stored.flatMap(p -> parse(name, p.policyText()));
        DnsResult<TxtRecord> txt = dns.txt("_mta-sts." + name);
        Optional<MtaStsRecord> record = txt.isSuccess() ? MtaStsRecord.select(txt.records()) : Optional.empty();
        if (record.isEmpty()) {
            return active(cached);
        }
        if (cached.isPresent() && stored.get().id().equals(record.get().id())) {
            return active(cached);
        }
        String body;
        try {
            body = fetcher.fetch(name);
        } catch (IOException e) {
            log.info("MTA-STS policy of {} not fetched: {}", name, e.getMessage());
            return active(cached);
        }
        Optional<MtaStsPolicy> fetched = parse(name, body);
        if (fetched.isEmpty()) {
            return active(cached);
        }
        store.store(name, new StoredPolicy(record.get().id(), body, now, now.plus(fetched.get().maxAge())));
        return active(fetched);
    }

    private static Optional<MtaStsPolicy> parse(String domain, String body) {
        try {
            return Optional.of(MtaStsPolicy.parse(body));
        } catch (IllegalArgumentException e) {
            log.info("MTA-STS policy of {} is invalid: {}", domain, e.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<MtaStsPolicy> active(Optional<MtaStsPolicy> policy) {
        return policy.filter(p -> p.mode() != MtaStsPolicy.Mode.NONE);
    }
}
