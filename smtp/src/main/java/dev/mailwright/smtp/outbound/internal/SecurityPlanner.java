package dev.mailwright.smtp.outbound.internal;

import dev.mailwright.core.dns.DnsResolver;
import dev.mailwright.core.dns.DnsResult;
import dev.mailwright.core.dns.TlsaRecord;
import dev.mailwright.smtp.outbound.mtasts.MtaStsPolicy;
import dev.mailwright.smtp.outbound.spi.SmtpReply;
import dev.mailwright.smtp.outbound.spi.TlsOutcome;
import dev.mailwright.smtp.outbound.spi.TlsPolicy;
import dev.mailwright.smtp.outbound.tls.AnyCertificateTrustManager;
import dev.mailwright.smtp.outbound.tls.DaneTrustManager;
import dev.mailwright.smtp.outbound.tls.PkixHostTrustManager;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.X509TrustManager;

/**
 * Decides the TLS policy for one MX host, strongest first:
 * <ol>
 * <li>DANE (RFC 7672) when the MX and address answers were DNSSEC-authenticated and the host has
 *     authenticated TLSA records: TLS is mandatory and must match them; if none of them is usable,
 *     TLS is still mandatory but unauthenticated (§2.2 as Postfix reads it); a failed TLSA lookup
 *     rules the host out for now. DANE takes precedence over MTA-STS (RFC 8461 §2).</li>
 * <li>MTA-STS (RFC 8461 §4, §5): in enforce mode, a host outside the policy's {@code mx} list is
 *     not used and TLS must be PKIX-valid for the host name; in testing mode delivery goes ahead
 *     and the checks are only recorded.</li>
 * <li>REQUIRETLS (RFC 8689 §4.2.1): the host must come from an authenticated MX answer or match an
 *     MTA-STS policy, and its certificate must be PKIX-valid for its name.</li>
 * <li>Otherwise opportunistic STARTTLS.</li>
 * </ol>
 */
final class SecurityPlanner {

    private final DnsResolver dns;
    private final X509TrustManager pkix;
    private final boolean dane;
    private final Clock clock;

    SecurityPlanner(DnsResolver dns, X509TrustManager pkix, boolean dane, Clock clock) {
        this.dns = dns;
        this.pkix = pkix;
        this.dane = dane;
        this.clock = clock;
    }

    /**
     * @param domain the next-hop domain
     * @param host the MX host name
     * @param port the port sessions will use (names the TLSA RRset)
     * @param dnssec whether both the MX answer and the host's address answer were authenticated
     * @param mtaSts the domain's MTA-STS policy, if any
     * @param requireTls whether the message carries REQUIRETLS
     */
    HostPlan plan(String domain, String host, int port, boolean dnssec, Optional<MtaStsPolicy> mtaSts,
                  boolean requireTls) {
        if (dane && dnssec) {
            DnsResult<TlsaRecord> tlsa = dns.tlsa("_" + port + "._tcp." + host);
            if (tlsa.isTemporaryFailure()) {
                return HostPlan.skip(new SmtpReply(451, "4.7.5", "TLSA lookup for " + host + " failed"),
                        TlsOutcome.Policy.DANE, "tlsa-invalid");
            }
            if (tlsa.isSuccess() && tlsa.authenticated()) {
                List<TlsaRecord> usable = tlsa.records().stream().filter(DaneTrustManager::isUsable).toList();
                if (!usable.isEmpty()) {
                    return HostPlan.use(new TlsPolicy(TlsPolicy.Mode.REQUIRED,
                            new DaneTrustManager(usable, List.of(host, domain), clock),
                            TlsOutcome.Policy.DANE, TlsOutcome.Security.DANE));
                }
                if (!requireTls) {
                    return HostPlan.use(new TlsPolicy(TlsPolicy.Mode.REQUIRED, AnyCertificateTrustManager.INSTANCE,
                            TlsOutcome.Policy.DANE, TlsOutcome.Security.OPPORTUNISTIC));
                }
            }
        }
        PkixHostTrustManager pkixForHost = new PkixHostTrustManager(pkix, List.of(host));
        if (mtaSts.isPresent()) {
            MtaStsPolicy policy = mtaSts.get();
            boolean listed = policy.allowsMx(host);
            if (policy.mode() == MtaStsPolicy.Mode.ENFORCE || requireTls) {
                if (!listed) {
                    return HostPlan.skip(new SmtpReply(451, "4.7.5", "MX host " + host
                            + " is not allowed by the MTA-STS policy of " + domain),
                            TlsOutcome.Policy.MTA_STS_ENFORCE, "validation-failure");
                }
                return HostPlan.use(new TlsPolicy(TlsPolicy.Mode.REQUIRED, pkixForHost,
                        requireTls && policy.mode() != MtaStsPolicy.Mode.ENFORCE
                                ? TlsOutcome.Policy.REQUIRETLS : TlsOutcome.Policy.MTA_STS_ENFORCE,
                        TlsOutcome.Security.PKIX));
            }
            RecordingTrustManager recorder = new RecordingTrustManager(listed ? pkixForHost
                    : new MismatchedHost(pkixForHost));
            return HostPlan.testing(new TlsPolicy(TlsPolicy.Mode.OPPORTUNISTIC, recorder,
                    TlsOutcome.Policy.MTA_STS_TESTING, TlsOutcome.Security.OPPORTUNISTIC), recorder);
        }
        if (requireTls) {
            if (!dnssec) {
                return HostPlan.skip(new SmtpReply(550, "5.7.30", "REQUIRETLS: the MX host " + host
                        + " was not found through DNSSEC or MTA-STS"), TlsOutcome.Policy.REQUIRETLS, "dnssec-invalid");
            }
            return HostPlan.use(new TlsPolicy(TlsPolicy.Mode.REQUIRED, pkixForHost, TlsOutcome.Policy.REQUIRETLS,
                    TlsOutcome.Security.PKIX));
        }
        return HostPlan.use(new TlsPolicy(TlsPolicy.Mode.OPPORTUNISTIC, AnyCertificateTrustManager.INSTANCE,
                TlsOutcome.Policy.OPPORTUNISTIC, TlsOutcome.Security.OPPORTUNISTIC));
    }

    /** In testing mode, a host outside the mx list fails the check whatever its certificate. */
    private record MismatchedHost(X509TrustManager inner) implements X509TrustManager {
        @Override
        public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType)
                throws java.security.cert.CertificateException {
            throw new dev.mailwright.smtp.outbound.spi.TlsVerificationException("validation-failure",
                    "MX host not in the MTA-STS policy");
        }

        @Override
        public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType)
                throws java.security.cert.CertificateException {
            inner.checkClientTrusted(chain, authType);
        }

        @Override
        public java.security.cert.X509Certificate[] getAcceptedIssuers() {
            return new java.security.cert.X509Certificate[0];
        }
    }
}
