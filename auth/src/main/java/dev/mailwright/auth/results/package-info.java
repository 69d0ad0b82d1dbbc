/**
 * Authentication-Results header fields: written from SPF, DKIM and DMARC outcomes, and read back so
 * that a host can remove fields that claim to come from it before it adds its own.
 *
 * <p>Implements RFC 8601 (Message Header Field for Indicating Message Authentication Status).
 */
package dev.mailwright.auth.results;
