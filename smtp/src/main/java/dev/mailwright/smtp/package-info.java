/**
 * The SMTP engine as a host uses it: {@link dev.mailwright.smtp.SmtpServer} with its
 * listeners ({@link dev.mailwright.smtp.SmtpListener}: MX, submission, LMTP), limits and
 * events. The host's decisions plug in through {@code dev.mailwright.smtp.spi}; ready-made
 * backends are in {@code dev.mailwright.smtp.backend}, the client in
 * {@code dev.mailwright.smtp.client}.
 *
 * <p>Implements RFC 5321 with RFC 1870, 2034, 2920, 3030, 3207, 3461, 4954, 6152, 6531 and
 * 8689, LMTP (RFC 2033) and submission (RFC 6409, RFC 8314).
 */
package dev.mailwright.smtp;
