package dev.mailwright.smtp.outbound.internal;

import dev.mailwright.smtp.outbound.spi.SessionRequest;
import dev.mailwright.smtp.outbound.spi.TlsPolicy;
import java.util.Optional;

/**
 * A relay host that takes all outbound mail instead of the recipients' MX hosts.
 *
 * @param host the relay's name (connected to, sent as SNI, checked against its certificate)
 * @param port its port
 * @param tls the TLS policy for it: required STARTTLS or implicit TLS, PKIX-checked
 * @param credentials AUTH credentials, if the relay wants them
 */
record Relay(String host, int port, TlsPolicy tls, Optional<SessionRequest.Credentials> credentials) {
}
