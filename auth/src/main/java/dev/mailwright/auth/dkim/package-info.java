/**
 * DKIM: signing messages and verifying their signatures. {@link dev.mailwright.auth.dkim.DkimVerifier}
 * checks every signature of a message in one pass over its body; {@link dev.mailwright.auth.dkim.DkimSigner}
 * signs with relaxed/relaxed canonicalisation and over-signed headers; keys come from
 * {@link dev.mailwright.auth.dkim.DkimSigningKey}.
 *
 * <p>Implements RFC 6376 (DomainKeys Identified Mail Signatures), RFC 8463 (Ed25519 signatures),
 * RFC 8301 (cryptographic algorithm and key usage update) and the DKIM results of RFC 8601.
 */
package dev.mailwright.auth.dkim;
