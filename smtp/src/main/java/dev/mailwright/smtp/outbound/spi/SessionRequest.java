package dev.mailwright.smtp.outbound.spi;

import dev.mailwright.core.Envelope;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * One SMTP session to make: where, how secured, as whom, and which transaction to run.
 *
 * @param address the address and port to connect to
 * @param host the server's name: sent as SNI and checked against its certificate
 * @param heloName this host's name for EHLO
 * @param tls how to secure the session
 * @param credentials AUTH credentials (a relay host), if any
 * @param envelope the sender, MAIL parameters and the recipients for this session
 */
public record SessionRequest(InetSocketAddress address, String host, String heloName, TlsPolicy tls,
                             Optional<Credentials> credentials, Envelope envelope) {

    public SessionRequest {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(heloName, "heloName");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(envelope, "envelope");
        if (envelope.recipients().isEmpty()) {
            throw new IllegalArgumentException("a session needs at least one recipient");
        }
    }

    /**
     * A user name and password for SMTP AUTH (RFC 4954). {@link #toString()} hides the password.
     *
     * @param username the authentication identity
     * @param password the password
     */
    public record Credentials(String username, String password) {
        public Credentials {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "Credentials[" + username + ", password hidden]";
        }
    }
}
