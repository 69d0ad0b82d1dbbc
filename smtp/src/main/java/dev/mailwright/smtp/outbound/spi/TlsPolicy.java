package dev.mailwright.smtp.outbound.spi;

import java.util.Objects;
import javax.net.ssl.X509TrustManager;

/**
 * How a transport must secure one session. The trust manager carries every check of the peer's
 * certificate (PKIX with the host name, DANE TLSA matching, or none for opportunistic TLS) and
 * throws {@link TlsVerificationException} when one fails.
 *
 * @param mode whether TLS is optional, required via STARTTLS, or started on connect
 * @param trust the check of the server's certificate chain
 * @param policy the policy this session serves, for the record
 * @param verified what a passed check proves: {@link TlsOutcome.Security#PKIX},
 *     {@link TlsOutcome.Security#DANE}, or {@link TlsOutcome.Security#OPPORTUNISTIC} for no proof
 */
public record TlsPolicy(Mode mode, X509TrustManager trust, TlsOutcome.Policy policy, TlsOutcome.Security verified) {

    /** When TLS is used. */
    public enum Mode {
        /** STARTTLS if the server offers it; plaintext otherwise. */
        OPPORTUNISTIC,
        /** STARTTLS must be offered and succeed, else the session is abandoned. */
        REQUIRED,
        /** TLS from the first byte (submissions, port 465). */
        IMPLICIT
    }

    public TlsPolicy {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(trust, "trust");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(verified, "verified");
        if (verified == TlsOutcome.Security.NONE) {
            throw new IllegalArgumentException("a TLS policy cannot promise no security");
        }
    }

    /** Whether a session without TLS is acceptable. */
    public boolean allowsPlaintext() {
        return mode == Mode.OPPORTUNISTIC;
    }
}
