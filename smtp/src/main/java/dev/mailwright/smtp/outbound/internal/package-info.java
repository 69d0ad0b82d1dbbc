/**
 * Internal machinery of outbound delivery: the scheduler, per-domain lanes, the delivery round of
 * one message and one domain (RFC 5321 §5.1 host order and fallback), the TLS policy decision
 * (RFC 7672 before RFC 8461, RFC 8689) and the DSN sender (RFC 3461). Not an API; it may change.
 */
package dev.mailwright.smtp.outbound.internal;
