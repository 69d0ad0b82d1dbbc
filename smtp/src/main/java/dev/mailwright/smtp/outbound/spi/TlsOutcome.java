package dev.mailwright.smtp.outbound.spi;

import java.util.Objects;

/**
 * How one connection was secured, kept with each attempt so that TLS reports (RFC 8460) can be
 * built from the queue's history.
 *
 * @param security what the session achieved
 * @param policy the policy that governed the session
 * @param protocol the TLS protocol, e.g. {@code TLSv1.3}; empty without TLS
 * @param cipherSuite the cipher suite; empty without TLS
 * @param failure why a required verification failed, as an RFC 8460 §4.3 result type such as
 *     {@code certificate-host-mismatch} or {@code starttls-not-supported}; empty when none failed
 */
public record TlsOutcome(Security security, Policy policy, String protocol, String cipherSuite, String failure) {

    /** What the session achieved. */
    public enum Security {
        /** No TLS: plaintext. */
        NONE,
        /** TLS without an authenticated peer. */
        OPPORTUNISTIC,
        /** TLS with a PKIX-valid certificate for the expected name. */
        PKIX,
        /** TLS with a certificate matching the destination's TLSA records (RFC 7672). */
        DANE
    }

    /** The policy in force for the destination. */
    public enum Policy {
        /** Opportunistic STARTTLS: plaintext if the server lacks it. */
        OPPORTUNISTIC,
        /** MTA-STS in enforce mode (RFC 8461). */
        MTA_STS_ENFORCE,
        /** MTA-STS in testing mode: failures are recorded, delivery goes ahead. */
        MTA_STS_TESTING,
        /** DANE (RFC 7672): usable TLSA records exist. */
        DANE,
        /** The message carries REQUIRETLS (RFC 8689) and no stronger policy applied. */
        REQUIRETLS,
        /** A configured relay host, with TLS required. */
        SMARTHOST
    }

    public TlsOutcome {
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(cipherSuite, "cipherSuite");
        Objects.requireNonNull(failure, "failure");
    }

    /** A session that did not get as far as TLS, or went without it. */
    public static TlsOutcome none(Policy policy, String failure) {
        return new TlsOutcome(Security.NONE, policy, "", "", failure);
    }

    /** Whether the peer was authenticated (PKIX or DANE). */
    public boolean isVerified() {
        return security == Security.PKIX || security == Security.DANE;
    }
}
