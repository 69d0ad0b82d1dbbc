package dev.mailwright.smtp.outbound;

import dev.mailwright.smtp.outbound.spi.SessionRequest;
import java.util.Objects;
import java.util.Optional;

/**
 * A relay host that takes all outbound mail, for hosts that may not send on port 25 themselves
 * (many cloud providers block it): typically a provider's submission service on port 587 with
 * STARTTLS or 465 with implicit TLS, and AUTH. TLS is always required and the relay's certificate
 * must be PKIX-valid for {@code host}.
 *
 * @param host the relay's DNS name
 * @param port its port
 * @param implicitTls TLS from the first byte (port 465) rather than STARTTLS
 * @param credentials user name and password for AUTH PLAIN or LOGIN, if the relay wants them
 */
public record Smarthost(String host, int port, boolean implicitTls, Optional<SessionRequest.Credentials> credentials) {

    public Smarthost {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(credentials, "credentials");
        if (host.isBlank()) {
            throw new IllegalArgumentException("smarthost host must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("smarthost port out of range: " + port);
        }
    }

    /** A relay reached with STARTTLS, e.g. port 587. */
    public static Smarthost starttls(String host, int port) {
        return new Smarthost(host, port, false, Optional.empty());
    }

    /** A relay reached with implicit TLS, e.g. port 465. */
    public static Smarthost implicitTls(String host, int port) {
        return new Smarthost(host, port, true, Optional.empty());
    }

    /** This relay with AUTH credentials. */
    public Smarthost withCredentials(String username, String password) {
        return new Smarthost(host, port, implicitTls, Optional.of(new SessionRequest.Credentials(username, password)));
    }
}
