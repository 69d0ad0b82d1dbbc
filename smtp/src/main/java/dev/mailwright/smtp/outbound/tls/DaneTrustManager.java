package dev.mailwright.smtp.outbound.tls;

import dev.mailwright.core.dns.TlsaRecord;
import dev.mailwright.smtp.outbound.spi.TlsVerificationException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.X509TrustManager;

/**
 * Checks a server's certificate chain against its TLSA records (RFC 7672 §3, RFC 7671, RFC 6698).
 *
 * <p>DANE-EE (usage 3) matches the server's own certificate or public key and nothing else: names
 * and validity dates are ignored (RFC 7672 §3.1.1). DANE-TA (usage 2) matches a certificate the
 * server sent above its own; the chain from the server certificate up to it must be signed
 * link by link and within its validity dates, and the server certificate must name the MX host or
 * the next-hop domain (RFC 7672 §3.2.2, §3.2.3). PKIX usages 0 and 1 are unusable in SMTP
 * (RFC 7672 §3.1.3) and, like unknown selectors and matching types, are left out by
 * {@link #isUsable(TlsaRecord)}.
 */
public final class DaneTrustManager implements X509TrustManager {

    private final List<TlsaRecord> records;
    private final List<String> names;
    private final Clock clock;

    /**
     * @param records the TLSA records of the MX host; only usable ones are considered
     * @param names the reference identifiers for DANE-TA: the MX host name (after the TLSA base
     *     domain's CNAME expansion, if any) and the next-hop domain
     * @param clock for the validity checks of DANE-TA chains
     */
    public DaneTrustManager(List<TlsaRecord> records, List<String> names, Clock clock) {
        this.records = records.stream().filter(DaneTrustManager::isUsable).toList();
        this.names = List.copyOf(names);
        this.clock = Objects.requireNonNull(clock, "clock");
        if (this.records.isEmpty()) {
            throw new IllegalArgumentException("no usable TLSA records");
        }
    }

    /** Whether a TLSA record can authenticate an SMTP server: usage 2 or 3, known selector and matching type. */
    public static boolean isUsable(TlsaRecord record) {
        return (record.usage() == 2 || record.usage() == 3)
                && (record.selector() == 0 || record.selector() == 1)
                && record.matchingType() >= 0 && record.matchingType() <= 2
                && record.data().length > 0;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new TlsVerificationException("validation-failure", "server sent no certificate");
        }
        for (TlsaRecord record : records) {
            if (record.usage() == 3 && matches(record, chain[0])) {
                return;
            }
        }
        String taFailure = null;
        for (TlsaRecord record : records) {
            if (record.usage() != 2) {
                continue;
            }
            for (int anchor = 1; anchor < chain.length; anchor++) {
                if (matches(record, chain[anchor])) {
                    taFailure = checkChainTo(chain, anchor);
                    if (taFailure == null) {
                        return;
                    }
                }
            }
        }
        if (taFailure != null) {
            throw new TlsVerificationException(taFailure.startsWith("name") ? "certificate-host-mismatch"
                    : "validation-failure", "DANE-TA: " + taFailure);
        }
        throw new TlsVerificationException("validation-failure", "no TLSA record matches the server certificate chain");
    }

    /** Null when the chain up to {@code anchor} is sound and names the host; otherwise why not. */
    private String checkChainTo(X509Certificate[] chain, int anchor) {
        Date now = Date.from(clock.instant());
        for (int i = 0; i < anchor; i++) {
            try {
                chain[i].checkValidity(now);
                chain[i].verify(chain[i + 1].getPublicKey());
            } catch (GeneralSecurityException e) {
                return "chain link " + i + " invalid: " + e.getMessage();
            }
        }
        try {
            chain[anchor].checkValidity(now);
        } catch (GeneralSecurityException e) {
            return "trust anchor expired or not yet valid";
        }
        if (!HostnameMatcher.certificateMatches(chain[0], names, true)) {
            return "name mismatch: certificate names " + HostnameMatcher.dnsNames(chain[0], true) + ", expected " + names;
        }
        return null;
    }

    /** Whether {@code certificate} matches {@code record}'s selector, matching type and data. */
    public static boolean matches(TlsaRecord record, X509Certificate certificate) {
        try {
            byte[] selected = record.selector() == 0 ? certificate.getEncoded() : certificate.getPublicKey().getEncoded();
            byte[] association = switch (record.matchingType()) {
                case 0 -> selected;
                case 1 -> MessageDigest.getInstance("SHA-256").digest(selected);
                case 2 -> MessageDigest.getInstance("SHA-512").digest(selected);
                default -> null;
            };
            return association != null && MessageDigest.isEqual(association, record.data());
        } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
            return false;
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("client certificates are not checked here");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
