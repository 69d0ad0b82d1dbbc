/**
 * The wire side of outbound delivery: an SMTP client session (RFC 5321) with STARTTLS (RFC 3207),
 * AUTH (RFC 4954), PIPELINING (RFC 2920), DSN parameters (RFC 3461), SMTPUTF8 (RFC 6531) and
 * REQUIRETLS (RFC 8689), behind the {@link dev.mailwright.smtp.outbound.spi.OutboundTransport} SPI.
 */
package dev.mailwright.smtp.outbound.transport;
