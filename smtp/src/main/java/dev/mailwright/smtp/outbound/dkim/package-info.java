/**
 * DKIM signing of outbound mail (RFC 6376, RFC 8463): a key store that creates a key per local
 * domain on first start with its DNS record beside it, and the signer that picks the domain
 * aligned with the From field (RFC 7489 §3.1.1).
 */
package dev.mailwright.smtp.outbound.dkim;
