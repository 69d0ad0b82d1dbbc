/**
 * The SMTP and LMTP client: {@link dev.mailwright.smtp.client.SmtpClient} connects with
 * timeouts, says EHLO (falling back to HELO), starts TLS under a
 * {@link dev.mailwright.smtp.client.TlsPolicy} (PKIX, a caller's verifier such as DANE, or
 * opportunistic), authenticates with PLAIN or LOGIN, pipelines when offered, and reports a
 * result per recipient with the TLS outcome.
 *
 * <p>Implements RFC 5321, RFC 2033, RFC 2920, RFC 3030, RFC 3207 (refusing a server that
 * sends data after its STARTTLS reply), RFC 3461, RFC 4954, RFC 6531 and RFC 8689.
 */
package dev.mailwright.smtp.client;
