package dev.mailwright.auth;

import dev.mailwright.auth.dkim.DkimOutput;
import dev.mailwright.auth.dkim.DkimResult;
import dev.mailwright.auth.dkim.DkimVerifier;
import dev.mailwright.auth.dmarc.DmarcOutput;
import dev.mailwright.auth.dmarc.DmarcVerifier;
import dev.mailwright.auth.dmarc.PublicSuffixList;
import dev.mailwright.auth.spf.SpfOutput;
import dev.mailwright.auth.spf.SpfVerifier;
import dev.mailwright.core.dns.DnsResolver;
import java.net.InetAddress;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * SPF, DKIM and DMARC behind one object holding a resolver and an optional cache, in the shape of
 * Stalwart's mail-auth: parse the message once, then ask for each result.
 *
 * <pre>{@code
 * EmailAuthenticator auth = EmailAuthenticator.builder(DnsResolver.system())
 *         .cache(AuthCache.create(10_000, Duration.ofHours(1)))
 *         .receivingHost("mx.example.org")
 *         .build();
 * AuthenticatedMessage message = AuthenticatedMessage.parse(content);
 * SpfOutput spf = auth.verifySpf(clientIp, helo, mailFrom);
 * List<DkimOutput> dkim = auth.verifyDkim(message);
 * DmarcOutput dmarc = auth.verifyDmarc(message, spf, dkim);
 * }</pre>
 *
 * <p>Immutable and thread-safe. Nothing throws for a DNS or policy outcome: every answer is a
 * result object with the RFC 8601 result in it.
 */
public final class EmailAuthenticator {

    private final DnsResolver resolver;
    private final AuthCache cache;
    private final SpfVerifier spf;
    private final DkimVerifier dkim;
    private final DmarcVerifier dmarc;

    private EmailAuthenticator(Builder builder) {
        this.resolver = builder.resolver;
        this.cache = builder.cache;
        this.spf = SpfVerifier.builder(resolver).cache(cache).receivingHost(builder.receivingHost)
                .clock(builder.clock).build();
        this.dkim = DkimVerifier.builder(resolver).cache(cache).clock(builder.clock)
                .rsaSha1Result(builder.rsaSha1Result).acceptBodyLength(builder.acceptBodyLength).build();
        DmarcVerifier.Builder dmarcBuilder = DmarcVerifier.builder(resolver).cache(cache);
        if (builder.suffixes != null) {
            dmarcBuilder.publicSuffixList(builder.suffixes);
        }
        this.dmarc = dmarcBuilder.build();
    }

    /** A builder for an authenticator that asks {@code resolver}. */
    public static Builder builder(DnsResolver resolver) {
        return new Builder(resolver);
    }

    /** The resolver every lookup goes through. */
    public DnsResolver resolver() {
        return resolver;
    }

    /** The record cache; {@link AuthCache#disabled()} when none was given. */
    public AuthCache cache() {
        return cache;
    }

    /**
     * SPF for the MAIL FROM identity (RFC 7208 §2.4); the null sender (empty {@code mailFrom}) is
     * checked as {@code postmaster@helo}.
     */
    public SpfOutput verifySpf(InetAddress ip, String helo, String mailFrom) {
        return spf.verifyMailFrom(ip, helo, mailFrom);
    }

    /** SPF for the HELO identity (RFC 7208 §2.3). */
    public SpfOutput verifySpfHelo(InetAddress ip, String helo) {
        return spf.verifyHelo(ip, helo);
    }

    /** Every DKIM signature of the message, top first; empty when it has none. */
    public List<DkimOutput> verifyDkim(AuthenticatedMessage message) {
        return dkim.verify(message);
    }

    /** DMARC from the message's author domain and its SPF (MAIL FROM) and DKIM results. */
    public DmarcOutput verifyDmarc(AuthenticatedMessage message, SpfOutput spfOutput, List<DkimOutput> dkimOutputs) {
        return dmarc.verify(message, spfOutput, dkimOutputs);
    }

    @Override
    public String toString() {
        return "EmailAuthenticator[" + resolver + ", " + cache + "]";
    }

    /** Settings, validated in {@link #build()}. */
    public static final class Builder {
        private final DnsResolver resolver;
        private AuthCache cache = AuthCache.disabled();
        private String receivingHost = "unknown";
        private Clock clock = Clock.systemUTC();
        private DkimResult rsaSha1Result = DkimResult.FAIL;
        private boolean acceptBodyLength;
        private PublicSuffixList suffixes;

        private Builder(DnsResolver resolver) {
            this.resolver = Objects.requireNonNull(resolver, "resolver");
        }

        /** Keeps parsed SPF and DMARC records and DKIM keys for their TTL; default none. */
        public Builder cache(AuthCache cache) {
            this.cache = Objects.requireNonNull(cache, "cache");
            return this;
        }

        /** This host's name, for SPF's {@code %{r}}; default {@code unknown}. */
        public Builder receivingHost(String receivingHost) {
            this.receivingHost = Objects.requireNonNull(receivingHost, "receivingHost");
            return this;
        }

        /** The clock for DKIM's {@code t=}/{@code x=} and SPF's {@code %{t}}; default the system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The result of rsa-sha1 DKIM signatures: FAIL (default) or NEUTRAL. */
        public Builder rsaSha1Result(DkimResult result) {
            this.rsaSha1Result = Objects.requireNonNull(result, "result");
            return this;
        }

        /** Whether a DKIM signature whose {@code l=} leaves part of the body unsigned may pass; default false. */
        public Builder acceptBodyLength(boolean accept) {
            this.acceptBodyLength = accept;
            return this;
        }

        /** The Public Suffix List for DMARC; default the bundled one. */
        public Builder publicSuffixList(PublicSuffixList suffixes) {
            this.suffixes = Objects.requireNonNull(suffixes, "suffixes");
            return this;
        }

        /**
         * The authenticator.
         *
         * @throws IllegalArgumentException naming the first setting out of range
         */
        public EmailAuthenticator build() {
            return new EmailAuthenticator(this);
        }
    }
}
