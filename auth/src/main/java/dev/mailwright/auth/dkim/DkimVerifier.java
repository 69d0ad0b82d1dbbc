package dev.mailwright.auth.dkim;

import dev.mailwright.auth.AuthCache;
import dev.mailwright.auth.AuthenticatedMessage;
import dev.mailwright.core.dns.DnsResolver;
import dev.mailwright.core.mime.HeaderField;
import java.io.IOException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies every DKIM signature of a message (RFC 6376 §6), reading the body once for all of
 * them: signatures that share a body canonicalisation, hash and length share one body hash.
 * Immutable and thread-safe. Nothing throws for a DNS or policy outcome; each signature gets an
 * RFC 8601 result.
 *
 * <p>Policy built in, after RFC 8301 and RFC 8463: rsa-sha256 and ed25519-sha256 are accepted;
 * rsa-sha1 signatures are not valid and get {@link Builder#rsaSha1Result} ({@code fail} by default,
 * or {@code neutral}); RSA keys under 1024 bits and over 8192 bits are refused ({@code permerror}).
 * Signatures past their {@code x=} expiry, or dated in the future, by more than the clock skew
 * fail.
 *
 * <p>The body length tag {@code l=} lets anyone append content under a valid signature. A signature
 * with {@code l=} is verified over the octets it covers; when it passes but leaves part of the body
 * unsigned, the result is {@code policy} with that noted in {@link DkimOutput#reason()}, unless
 * {@link Builder#acceptBodyLength} is set, in which case it is {@code pass} with the same note.
 * Either way {@link DkimOutput#unsignedBodyOctets()} tells how much was unsigned. An {@code l=}
 * longer than the body fails.
 */
public final class DkimVerifier {

    private static final Logger log = LoggerFactory.getLogger(DkimVerifier.class);

    private final DnsResolver resolver;
    private final AuthCache cache;
    private final Clock clock;
    private final Duration clockSkew;
    private final DkimResult rsaSha1Result;
    private final boolean acceptBodyLength;
    private final int maxSignatures;

    private DkimVerifier(Builder builder) {
        this.resolver = builder.resolver;
        this.cache = builder.cache;
        this.clock = builder.clock;
        this.clockSkew = builder.clockSkew;
        this.rsaSha1Result = builder.rsaSha1Result;
        this.acceptBodyLength = builder.acceptBodyLength;
        this.maxSignatures = builder.maxSignatures;
    }

    /** A builder for a verifier that fetches keys through {@code resolver}. */
    public static Builder builder(DnsResolver resolver) {
        return new Builder(resolver);
    }

    /**
     * One result per DKIM-Signature field, top first; an empty list when the message has none
     * (Authentication-Results then says {@code dkim=none}). Signatures beyond
     * {@link Builder#maxSignatures} are reported as {@code permerror} without being checked.
     */
    public List<DkimOutput> verify(AuthenticatedMessage message) {
        List<HeaderField> fields = message.dkimSignatures();
        if (fields.isEmpty()) {
            return List.of();
        }
        DkimOutput[] outputs = new DkimOutput[fields.size()];
        List<Pending> pending = new ArrayList<>();
        Map<BodyKey, BodyCanonicalizer> bodies = new HashMap<>();
        long now = clock.instant().getEpochSecond();
        for (int i = 0; i < fields.size(); i++) {
            HeaderField field = fields.get(i);
            if (i >= maxSignatures) {
                outputs[i] = unreadable(field, "more than " + maxSignatures + " signatures; not checked");
                continue;
            }
            DkimSignature signature;
            try {
                signature = DkimSignature.parse(field.value());
            } catch (DkimSyntaxException e) {
                outputs[i] = unreadable(field, e.getMessage());
                continue;
            }
            DkimOutput early = precheck(signature, now);
            if (early != null) {
                outputs[i] = early;
                continue;
            }
            KeyLookup lookup = KeyLookup.find(resolver, cache, signature.selector(), signature.domain());
            if (!lookup.found()) {
                outputs[i] = output(signature, lookup.result(), 0, lookup.reason(), 0, false);
                continue;
            }
            DkimOutput unusable = checkKey(signature, lookup.key());
            if (unusable != null) {
                outputs[i] = unusable;
                continue;
            }
            BodyKey key = new BodyKey(signature.bodyCanon(), signature.algorithm().digest(),
                    signature.bodyLength() < 0 ? Long.MAX_VALUE : signature.bodyLength());
            BodyCanonicalizer body = bodies.computeIfAbsent(key,
                    k -> new BodyCanonicalizer(k.canon(), Crypto.digest(k.digest()), k.limit()));
            pending.add(new Pending(i, field, signature, lookup.key(), body));
        }
        if (!pending.isEmpty()) {
            Map<BodyCanonicalizer, byte[]> hashes = hashBodies(message, bodies);
            SignedData signedData = new SignedData(message.headers().fields());
            for (Pending p : pending) {
                byte[] hash = hashes.get(p.body());
                outputs[p.index()] = hash == null
                        ? output(p.signature(), DkimResult.TEMPERROR, p.key().keyBits(), "the message could not be read", 0,
                                p.key().testing())
                        : finish(p, hash, signedData);
            }
        }
        return List.of(outputs);
    }

    /** Checks that need neither key nor body: the algorithm policy and the time window. */
    private DkimOutput precheck(DkimSignature signature, long now) {
        if (signature.algorithm() == DkimAlgorithm.RSA_SHA1) {
            return output(signature, rsaSha1Result, 0, "rsa-sha1 is not accepted (RFC 8301)", 0, false);
        }
        long skew = clockSkew.toSeconds();
        if (signature.expiration() >= 0 && now > saturatedAdd(signature.expiration(), skew)) {
            return output(signature, DkimResult.FAIL, 0, "signature expired", 0, false);
        }
        if (signature.timestamp() >= 0 && signature.timestamp() > saturatedAdd(now, skew)) {
            return output(signature, DkimResult.FAIL, 0, "signature timestamp in the future", 0, false);
        }
        return null;
    }

    private static DkimOutput checkKey(DkimSignature signature, DkimKeyRecord key) {
        DkimResult result = null;
        String reason = "";
        if (key.revoked()) {
            result = DkimResult.FAIL;
            reason = "key revoked";
        } else if (!key.keyType().equals(signature.algorithm().keyType())) {
            result = DkimResult.PERMERROR;
            reason = "key type " + key.keyType() + " does not match a=" + signature.algorithm().tag();
        } else if (!key.hashes().isEmpty() && !key.hashes().contains(signature.algorithm().hashTag())) {
            result = DkimResult.PERMERROR;
            reason = "key does not allow " + signature.algorithm().hashTag();
        } else if (key.strict() && !identityDomain(signature).equals(signature.domain())) {
            result = DkimResult.PERMERROR;
            reason = "key requires the i= domain to be d= (t=s)";
        } else if (key.rsaKey() != null && key.keyBits() < DkimKeyRecord.MIN_RSA_BITS) {
            result = DkimResult.PERMERROR;
            reason = "RSA key of " + key.keyBits() + " bits is shorter than " + DkimKeyRecord.MIN_RSA_BITS;
        } else if (key.rsaKey() != null && key.keyBits() > DkimKeyRecord.MAX_RSA_BITS) {
            result = DkimResult.PERMERROR;
            reason = "RSA key of " + key.keyBits() + " bits is longer than " + DkimKeyRecord.MAX_RSA_BITS;
        }
        return result == null ? null : output(signature, result, key.keyBits(), reason, 0, key.testing());
    }

    private DkimOutput finish(Pending p, byte[] bodyHash, SignedData signedData) {
        DkimSignature signature = p.signature();
        DkimKeyRecord key = p.key();
        long canonicalLength = p.body().canonicalLength();
        if (signature.bodyLength() > canonicalLength) {
            return output(signature, DkimResult.FAIL, key.keyBits(), "l= is longer than the body", 0, key.testing());
        }
        if (!MessageDigest.isEqual(bodyHash, signature.bodyHash())) {
            return output(signature, DkimResult.FAIL, key.keyBits(), "body hash mismatch", 0, key.testing());
        }
        byte[] data = signedData.build(signature.signedHeaders(), signature.headerCanon(), p.field().raw());
        boolean valid = key.edKey() != null
                ? Crypto.verifyEd25519(key.edKey(), data, signature.signature())
                : Crypto.verifyRsa(signature.algorithm(), key.rsaKey(), data, signature.signature());
        if (!valid) {
            return output(signature, DkimResult.FAIL, key.keyBits(), "signature did not verify", 0, key.testing());
        }
        long unsigned = signature.bodyLength() < 0 ? 0 : canonicalLength - signature.bodyLength();
        if (unsigned > 0) {
            String note = "l= leaves " + unsigned + " octets of the body unsigned";
            return output(signature, acceptBodyLength ? DkimResult.PASS : DkimResult.POLICY, key.keyBits(), note,
                    unsigned, key.testing());
        }
        return output(signature, DkimResult.PASS, key.keyBits(), "", 0, key.testing());
    }

    /** Streams the body once through every canonicaliser; null values if the content cannot be read. */
    private static Map<BodyCanonicalizer, byte[]> hashBodies(AuthenticatedMessage message,
            Map<BodyKey, BodyCanonicalizer> bodies) {
        Map<BodyCanonicalizer, byte[]> hashes = new HashMap<>();
        try {
            BodyCanonicalizer.readBody(message, bodies.values());
        } catch (IOException e) {
            log.warn("cannot read message content for DKIM: {}", e.toString());
            return hashes;
        }
        for (BodyCanonicalizer body : bodies.values()) {
            hashes.put(body, body.finish());
        }
        return hashes;
    }

    private static DkimOutput unreadable(HeaderField field, String reason) {
        DkimSignature.Partial partial = DkimSignature.partial(field.value());
        return new DkimOutput(DkimResult.PERMERROR, partial.domain(), partial.selector(), "", partial.algorithm(),
                "", 0, reason, 0, false);
    }

    private static DkimOutput output(DkimSignature signature, DkimResult result, int keyBits, String reason,
            long unsigned, boolean testing) {
        // The first 8 characters of the b= value encode its first 6 octets: no need to encode all of it.
        byte[] value = signature.signature();
        String b = Base64.getEncoder().encodeToString(value.length > 6 ? Arrays.copyOf(value, 6) : value);
        return new DkimOutput(result, signature.domain(), signature.selector(), signature.identity(),
                signature.algorithm().tag(), b.substring(0, Math.min(8, b.length())), keyBits, reason, unsigned,
                testing);
    }

    private static String identityDomain(DkimSignature signature) {
        String identity = signature.identity();
        String domain = TagList.lower(identity.substring(identity.lastIndexOf('@') + 1));
        return domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    @Override
    public String toString() {
        return "DkimVerifier[" + resolver + "]";
    }

    private record BodyKey(Canonicalization canon, String digest, long limit) {
    }

    private record Pending(int index, HeaderField field, DkimSignature signature, DkimKeyRecord key,
            BodyCanonicalizer body) {
    }

    /** Settings, validated in {@link #build()}. */
    public static final class Builder {
        private final DnsResolver resolver;
        private AuthCache cache = AuthCache.disabled();
        private Clock clock = Clock.systemUTC();
        private Duration clockSkew = Duration.ofMinutes(5);
        private DkimResult rsaSha1Result = DkimResult.FAIL;
        private boolean acceptBodyLength;
        private int maxSignatures = 10;

        private Builder(DnsResolver resolver) {
            this.resolver = Objects.requireNonNull(resolver, "resolver");
        }

        /** Keeps decoded keys for their TTL; default none. */
        public Builder cache(AuthCache cache) {
            this.cache = Objects.requireNonNull(cache, "cache");
            return this;
        }

        /** The time {@code t=} and {@code x=} are judged against; default the system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How far clocks may disagree for {@code t=} and {@code x=}; default 5 minutes, at most a day. */
        public Builder clockSkew(Duration clockSkew) {
            this.clockSkew = Objects.requireNonNull(clockSkew, "clockSkew");
            return this;
        }

        /** The result of an rsa-sha1 signature: {@code FAIL} (default) or {@code NEUTRAL} (RFC 8301 §3.1). */
        public Builder rsaSha1Result(DkimResult rsaSha1Result) {
            this.rsaSha1Result = Objects.requireNonNull(rsaSha1Result, "rsaSha1Result");
            return this;
        }

        /** Whether a signature whose {@code l=} leaves part of the body unsigned may pass; default false. */
        public Builder acceptBodyLength(boolean acceptBodyLength) {
            this.acceptBodyLength = acceptBodyLength;
            return this;
        }

        /** How many signatures of one message are checked; default 10, at most 100. */
        public Builder maxSignatures(int maxSignatures) {
            this.maxSignatures = maxSignatures;
            return this;
        }

        /**
         * The verifier.
         *
         * @throws IllegalArgumentException naming the first setting out of range
         */
        public DkimVerifier build() {
            if (rsaSha1Result != DkimResult.FAIL && rsaSha1Result != DkimResult.NEUTRAL) {
                throw new IllegalArgumentException("dkim rsaSha1Result must be FAIL or NEUTRAL: " + rsaSha1Result);
            }
            if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofDays(1)) > 0) {
                throw new IllegalArgumentException("dkim clockSkew must be between 0 and 1 day: " + clockSkew);
            }
            if (maxSignatures < 1 || maxSignatures > 100) {
                throw new IllegalArgumentException("dkim maxSignatures must be between 1 and 100: " + maxSignatures);
            }
            return new DkimVerifier(this);
        }
    }
}
