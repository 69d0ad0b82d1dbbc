package dev.mailwright.core.net;

/** How a listener uses TLS. */
public enum TlsMode {
    /** Plaintext only. */
    NONE,
    /** Plaintext first, upgraded by the client's STARTTLS command (RFC 3207, RFC 2595). */
    STARTTLS,
    /** TLS from the first byte (RFC 8314). */
    IMPLICIT
}
