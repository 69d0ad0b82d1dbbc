/**
 * Checks of a receiving server's certificate for outbound SMTP: DANE TLSA matching with DANE-EE
 * and DANE-TA (RFC 7672, RFC 7671, RFC 6698), PKIX validation with the MX host name (RFC 8461
 * §4.2, RFC 6125 wildcards), and the accept-anything check of opportunistic TLS (RFC 7435).
 */
package dev.mailwright.smtp.outbound.tls;
