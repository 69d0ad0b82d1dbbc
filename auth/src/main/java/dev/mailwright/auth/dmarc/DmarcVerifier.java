package dev.mailwright.auth.dmarc;

import dev.mailwright.auth.AuthCache;
import dev.mailwright.auth.AuthenticatedMessage;
import dev.mailwright.auth.dkim.DkimOutput;
import dev.mailwright.auth.dkim.DkimResult;
import dev.mailwright.auth.spf.SpfOutput;
import dev.mailwright.auth.spf.SpfResult;
import dev.mailwright.core.dns.DnsResolver;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * Evaluates DMARC (RFC 7489) for a message from its SPF and DKIM results. Immutable and
 * thread-safe; nothing throws for a DNS or policy outcome.
 *
 * <p>The record is looked up at the author domain, then at its organizational domain, whose
 * {@code sp=} then applies. Identifiers align in relaxed mode when they share an organizational
 * domain, in strict mode only when equal. {@code pct=} samples failing messages with the
 * configured random source; a message left out gets the next less strict policy.
 *
 * <p>A message with no From field, several From fields, several addresses in From, or a From
 * that does not parse has no single author domain; it never passes. Its result is
 * {@code permerror} with the problem as reason, and its policy is {@link Builder#malformedFromPolicy}
 * ({@code reject} by default: RFC 7489 §6.6.1 notes such messages are typically rejected).
 */
public final class DmarcVerifier {

    private final DnsResolver resolver;
    private final AuthCache cache;
    private final PublicSuffixList suffixes;
    private final RandomGenerator random;
    private final DmarcPolicy malformedFromPolicy;

    private DmarcVerifier(Builder builder) {
        this.resolver = builder.resolver;
        this.cache = builder.cache;
        this.suffixes = builder.suffixes != null ? builder.suffixes : PublicSuffixList.bundled();
        this.random = builder.random;
        this.malformedFromPolicy = builder.malformedFromPolicy;
    }

    /** A builder for a verifier that looks records up through {@code resolver}. */
    public static Builder builder(DnsResolver resolver) {
        return new Builder(resolver);
    }

    /** The suffix list this verifier finds organizational domains with. */
    public PublicSuffixList publicSuffixList() {
        return suffixes;
    }

    /** The DMARC outcome of {@code message} given its MAIL FROM SPF result and its DKIM results. */
    public DmarcOutput verify(AuthenticatedMessage message, SpfOutput spf, List<DkimOutput> dkim) {
        Objects.requireNonNull(spf, "spf");
        Objects.requireNonNull(dkim, "dkim");
        if (message.fromDomain().isEmpty()) {
            return new DmarcOutput(DmarcResult.PERMERROR, malformedFromPolicy, malformedFromPolicy, "", "", false,
                    false, message.fromProblem());
        }
        String from = message.fromDomain().get();
        String organization = suffixes.organizationalDomain(from);
        PolicyLookup lookup = PolicyLookup.find(resolver, cache, from);
        String recordDomain = from;
        if (lookup.record() == null && !lookup.isTemporaryFailure() && !organization.equals(from)) {
            lookup = PolicyLookup.find(resolver, cache, organization);
            recordDomain = organization;
        }
        if (lookup.isTemporaryFailure()) {
            return new DmarcOutput(DmarcResult.TEMPERROR, DmarcPolicy.NONE, DmarcPolicy.NONE, from, "", false, false,
                    "DNS failure looking up the DMARC record: " + lookup.temporaryError());
        }
        DmarcRecord record = lookup.record();
        if (record == null) {
            return new DmarcOutput(DmarcResult.NONE, DmarcPolicy.NONE, DmarcPolicy.NONE, from, "", false, false,
                    "no DMARC record for " + from);
        }
        boolean spfAligned = spf.result() == SpfResult.PASS && aligned(spf.domain(), from, record.strictSpf());
        boolean dkimAligned = false;
        for (DkimOutput signature : dkim) {
            if (signature.result() == DkimResult.PASS && aligned(signature.domain(), from, record.strictDkim())) {
                dkimAligned = true;
                break;
            }
        }
        DmarcPolicy published = recordDomain.equals(from) ? record.policy() : record.subdomainPolicy();
        if (spfAligned || dkimAligned) {
            String how = spfAligned && dkimAligned ? "SPF and DKIM" : spfAligned ? "SPF" : "DKIM";
            return new DmarcOutput(DmarcResult.PASS, DmarcPolicy.NONE, published, from, recordDomain, spfAligned,
                    dkimAligned, "aligned " + how + " pass");
        }
        DmarcPolicy applied = published;
        String reason = "no aligned SPF or DKIM pass";
        if (record.percent() < 100 && random.nextInt(100) >= record.percent()) {
            applied = published.relaxedOnce();
            reason += "; pct=" + record.percent() + " left this message out";
        }
        return new DmarcOutput(DmarcResult.FAIL, applied, published, from, recordDomain, false, false, reason);
    }

    /** RFC 7489 §3.1: strict needs equal names, relaxed equal organizational domains. */
    private boolean aligned(String domain, String from, boolean strict) {
        if (domain.isEmpty()) {
            return false;
        }
        String d = domain.toLowerCase(Locale.ROOT);
        if (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        if (d.equals(from)) {
            return true;
        }
        return !strict && suffixes.organizationalDomain(d).equals(suffixes.organizationalDomain(from));
    }

    @Override
    public String toString() {
        return "DmarcVerifier[" + resolver + "]";
    }

    /** Settings, validated in {@link #build()}. */
    public static final class Builder {
        private final DnsResolver resolver;
        private AuthCache cache = AuthCache.disabled();
        private PublicSuffixList suffixes;
        private RandomGenerator random = () -> ThreadLocalRandom.current().nextLong();
        private DmarcPolicy malformedFromPolicy = DmarcPolicy.REJECT;

        private Builder(DnsResolver resolver) {
            this.resolver = Objects.requireNonNull(resolver, "resolver");
        }

        /** Keeps parsed records for their TTL; default none. */
        public Builder cache(AuthCache cache) {
            this.cache = Objects.requireNonNull(cache, "cache");
            return this;
        }

        /** The suffix list; default {@link PublicSuffixList#bundled()}. */
        public Builder publicSuffixList(PublicSuffixList suffixes) {
            this.suffixes = Objects.requireNonNull(suffixes, "suffixes");
            return this;
        }

        /** The random source of {@code pct=} sampling; default {@link ThreadLocalRandom}. */
        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** The policy for a message without a single author domain; default {@code reject}. */
        public Builder malformedFromPolicy(DmarcPolicy policy) {
            this.malformedFromPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        public DmarcVerifier build() {
            return new DmarcVerifier(this);
        }
    }
}
