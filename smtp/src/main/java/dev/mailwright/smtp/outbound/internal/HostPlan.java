package dev.mailwright.smtp.outbound.internal;

import dev.mailwright.smtp.outbound.spi.SmtpReply;
import dev.mailwright.smtp.outbound.spi.TlsOutcome;
import dev.mailwright.smtp.outbound.spi.TlsPolicy;
import java.util.Optional;

/**
 * How to treat one MX host: the TLS policy for sessions with it, or why it must not be used.
 *
 * @param tls the policy; empty when the host is skipped
 * @param skipReply the reply recorded for a skipped host (4xx: try later; 5xx: never)
 * @param skipPolicy the policy that ruled the host out
 * @param skipFailure the RFC 8460 result type for a skipped host
 * @param testing the recorder of an MTA-STS testing-mode check, if one runs
 */
record HostPlan(Optional<TlsPolicy> tls, Optional<SmtpReply> skipReply, TlsOutcome.Policy skipPolicy,
                String skipFailure, Optional<RecordingTrustManager> testing) {

    static HostPlan use(TlsPolicy tls) {
        return new HostPlan(Optional.of(tls), Optional.empty(), tls.policy(), "", Optional.empty());
    }

    static HostPlan testing(TlsPolicy tls, RecordingTrustManager recorder) {
        return new HostPlan(Optional.of(tls), Optional.empty(), tls.policy(), "", Optional.of(recorder));
    }

    static HostPlan skip(SmtpReply reply, TlsOutcome.Policy policy, String failure) {
        return new HostPlan(Optional.empty(), Optional.of(reply), policy, failure, Optional.empty());
    }
}
