package dev.mailwright.core;

import java.util.Objects;

/**
 * What a finished TLS handshake agreed on, for Received fields and policy decisions.
 *
 * @param protocol the protocol as JSSE names it, for example {@code TLSv1.3}
 * @param cipherSuite the cipher suite as JSSE names it, for example {@code TLS_AES_128_GCM_SHA256}
 */
public record TlsInfo(String protocol, String cipherSuite) {

    public TlsInfo {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(cipherSuite, "cipherSuite");
        if (protocol.isBlank() || cipherSuite.isBlank()) {
            throw new IllegalArgumentException("TLS protocol and cipher suite must not be blank");
        }
    }
}
