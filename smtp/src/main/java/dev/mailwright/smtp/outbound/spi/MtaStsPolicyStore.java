package dev.mailwright.smtp.outbound.spi;

import java.util.Optional;

/**
 * Where fetched MTA-STS policies are kept across restarts (RFC 8461 §5.1 asks senders to cache
 * them up to {@code max_age}, which is what defeats an attacker who strips the TXT record).
 * Implementations are thread-safe; a shared database lets several nodes share one cache.
 */
public interface MtaStsPolicyStore {

    /** The stored policy of {@code domain} (lower case, A-labels), if any. */
    Optional<StoredPolicy> load(String domain);

    /** Stores or replaces the policy of {@code domain}. */
    void store(String domain, StoredPolicy policy);

    /** Forgets the policy of {@code domain}. */
    void remove(String domain);
}
