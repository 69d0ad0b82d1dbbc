package dev.mailwright.core;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * What an engine knows about one client connection, handed to the host's session.
 * Immutable: each step of the conversation makes a new value.
 *
 * <p>After STARTTLS, everything learnt before the handshake is void (RFC 3207 §4.2); an
 * engine starts again from {@code newConnection(...).withTls(...)}.
 *
 * @param id the session id, unique within the server, used in logs and Received fields
 * @param remote the client's address
 * @param local the address the client connected to
 * @param heloName the HELO/EHLO argument, once given, exactly as sent
 * @param tls the TLS parameters once the connection is encrypted
 * @param authenticatedUser the user name of a successful AUTH
 */
public record SessionInfo(
        String id,
        InetSocketAddress remote,
        InetSocketAddress local,
        Optional<String> heloName,
        Optional<TlsInfo> tls,
        Optional<String> authenticatedUser) {

    public SessionInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(heloName, "heloName");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(authenticatedUser, "authenticatedUser");
    }

    /** A connection that has just been accepted: no HELO, no TLS, not authenticated. */
    public static SessionInfo newConnection(String id, InetSocketAddress remote, InetSocketAddress local) {
        return new SessionInfo(id, remote, local, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public SessionInfo withHelo(String heloName) {
        return new SessionInfo(id, remote, local, Optional.of(heloName), tls, authenticatedUser);
    }

    public SessionInfo withTls(TlsInfo tls) {
        return new SessionInfo(id, remote, local, heloName, Optional.of(tls), authenticatedUser);
    }

    public SessionInfo withAuthenticatedUser(String user) {
        return new SessionInfo(id, remote, local, heloName, tls, Optional.of(user));
    }

    public boolean isTls() {
        return tls.isPresent();
    }

    public boolean isAuthenticated() {
        return authenticatedUser.isPresent();
    }
}
