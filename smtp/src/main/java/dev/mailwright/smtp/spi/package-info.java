/**
 * What a host implements to use the SMTP engine, in the shape of go-smtp: an
 * {@link dev.mailwright.smtp.spi.SmtpBackend} opens one {@link dev.mailwright.smtp.spi.SmtpSession}
 * per connection, which decides on MAIL, on each RCPT and on the message; optional
 * capabilities are mix-ins ({@link dev.mailwright.smtp.spi.AuthSupport},
 * {@link dev.mailwright.smtp.spi.VrfySupport}). Extension parameters (RFC 1870, RFC 3461,
 * RFC 6531, RFC 8689) travel in core's records, never as new method parameters.
 */
package dev.mailwright.smtp.spi;
