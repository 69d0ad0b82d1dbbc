/**
 * TLS material for servers: certificate chains and private keys read from PEM files
 * (RFC 7468; PKCS#8 per RFC 5208, PKCS#1 per RFC 8017, SEC1 per RFC 5915, Ed25519 per
 * RFC 8410), an {@link javax.net.ssl.SSLContext} that offers only TLS 1.2 (RFC 5246) and
 * TLS 1.3 (RFC 8446) and picks up renewed certificates without a restart, and self-signed
 * certificates (RFC 5280) for development.
 */
package dev.mailwright.core.tls;
