/**
 * Email authentication as one object: {@link dev.mailwright.auth.EmailAuthenticator} checks SPF,
 * verifies DKIM and evaluates DMARC for a message parsed once into an
 * {@link dev.mailwright.auth.AuthenticatedMessage}; the subpackages hold each method and the
 * Authentication-Results field. Usable on its own, with any {@link dev.mailwright.core.dns.DnsResolver}.
 *
 * <p>Implements RFC 7208 (SPF), RFC 6376, RFC 8463 and RFC 8301 (DKIM), RFC 7489 (DMARC) and
 * RFC 8601 (Authentication-Results).
 */
package dev.mailwright.auth;
