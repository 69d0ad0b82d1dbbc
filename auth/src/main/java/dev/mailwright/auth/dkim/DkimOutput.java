package dev.mailwright.auth.dkim;

import java.util.Objects;

/**
 * The outcome of verifying one DKIM signature.
 *
 * @param result         the RFC 8601 result
 * @param domain         the signing domain ({@code d=}), lower case; empty if unreadable
 * @param selector       the selector ({@code s=}); empty if unreadable
 * @param identity       the agent or user identifier ({@code i=}); empty if unreadable
 * @param algorithm      the {@code a=} value, e.g. {@code rsa-sha256}; empty if unreadable
 * @param signaturePrefix the first eight characters of {@code b=}, to tell signatures of one domain
 *                       apart in Authentication-Results ({@code header.b}, RFC 6008)
 * @param keyBits        the key's size in bits; 0 when no key was used
 * @param reason         why the result is not {@code pass}, e.g. {@code "body hash mismatch"}; for
 *                       a pass, a note worth showing, such as that part of the body is unsigned
 * @param unsignedBodyOctets how many octets of the canonical body an {@code l=} tag leaves
 *                       unsigned; 0 when all of it is signed
 * @param testing        whether the key record says the domain is testing DKIM ({@code t=y})
 */
public record DkimOutput(DkimResult result, String domain, String selector, String identity, String algorithm,
        String signaturePrefix, int keyBits, String reason, long unsignedBodyOctets, boolean testing) {

    public DkimOutput {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(signaturePrefix, "signaturePrefix");
        Objects.requireNonNull(reason, "reason");
    }

    /** Whether part of the body is not covered by the signature ({@code l=} shorter than the body). */
    public boolean isBodyPartlyUnsigned() {
        return unsignedBodyOctets > 0;
    }
}
