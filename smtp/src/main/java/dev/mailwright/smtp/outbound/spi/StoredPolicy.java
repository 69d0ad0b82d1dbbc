package dev.mailwright.smtp.outbound.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * A cached MTA-STS policy as fetched (RFC 8461 §5.1).
 *
 * @param id the id of the TXT record the policy was fetched for
 * @param policyText the policy body as served
 * @param fetched when it was fetched; it expires {@code max_age} later
 * @param expires when the cache entry lapses
 */
public record StoredPolicy(String id, String policyText, Instant fetched, Instant expires) {

    public StoredPolicy {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(policyText, "policyText");
        Objects.requireNonNull(fetched, "fetched");
        Objects.requireNonNull(expires, "expires");
    }
}
