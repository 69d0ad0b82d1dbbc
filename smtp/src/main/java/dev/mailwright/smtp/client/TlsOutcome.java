package dev.mailwright.smtp.client;

import java.util.Objects;

/**
 * How a connection was protected.
 *
 * @param protocol the TLS protocol, such as {@code TLSv1.3}
 * @param cipherSuite the cipher suite
 * @param verified whether the server's certificate was verified (PKIX with its name, or the
 *     caller's verifier such as DANE); false for opportunistic encryption
 */
public record TlsOutcome(String protocol, String cipherSuite, boolean verified) {

    public TlsOutcome {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(cipherSuite, "cipherSuite");
    }
}
