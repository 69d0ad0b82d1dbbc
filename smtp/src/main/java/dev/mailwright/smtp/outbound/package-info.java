/**
 * Outbound mail: {@link dev.mailwright.smtp.outbound.OutboundDelivery}, a durable queue with
 * exponential retries and per-domain concurrency that delivers by MX (RFC 5321 §5.1, RFC 7505) or
 * through a smarthost, secures sessions with DANE (RFC 7672), MTA-STS (RFC 8461) or opportunistic
 * STARTTLS (RFC 3207), honours REQUIRETLS (RFC 8689) and returns failures as DSNs (RFC 3464).
 */
package dev.mailwright.smtp.outbound;
