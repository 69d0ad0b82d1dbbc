package dev.mailwright.auth.dkim;

import java.util.Locale;

/** The result of verifying one DKIM signature, named as in RFC 8601 §2.7.1. */
public enum DkimResult {
    /** The message carries no signature. */
    NONE,
    /** The signature verified. */
    PASS,
    /** The signature did not verify: a body hash mismatch, a bad signature, a revoked key, expiry. */
    FAIL,
    /** The signature verified, but something about it is not acceptable here (such as an {@code l=} tag). */
    POLICY,
    /** The signature could not be judged: an algorithm this verifier does not accept (rsa-sha1 by RFC 8301). */
    NEUTRAL,
    /** The key could not be fetched because of a transient DNS error. */
    TEMPERROR,
    /** The signature or its key record is malformed or unusable. */
    PERMERROR;

    /** The RFC 8601 keyword, e.g. {@code pass}. */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}
