/**
 * The SMTP engine's insides: the per-connection conversation and its state, one class per
 * command with declared preconditions, the DATA and BDAT readers, SASL exchanges and the
 * Received field. Not an API: anything here may change between versions.
 *
 * <p>Implements RFC 5321, RFC 2033 (LMTP), RFC 1870 (SIZE), RFC 2920 (PIPELINING), RFC 3030
 * (CHUNKING), RFC 2034/3463 (enhanced status codes), RFC 3207 (STARTTLS), RFC 3461 (DSN
 * parameters), RFC 4954/4616 (AUTH, PLAIN), RFC 6152, RFC 6531 (SMTPUTF8), RFC 8689
 * (REQUIRETLS) and RFC 3848 (Received protocol types).
 */
package dev.mailwright.smtp.internal;
