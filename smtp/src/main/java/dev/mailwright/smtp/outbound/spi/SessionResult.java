package dev.mailwright.smtp.outbound.spi;

import java.util.List;
import java.util.Objects;

/**
 * What one session came to: a final reply per recipient, in the request's order. A recipient
 * refused at RCPT gets that reply; an accepted one gets the reply to the message data; when the
 * session failed before (no connection, failed TLS check, a refused greeting or MAIL), every
 * recipient gets that one reply. Transports never throw for network or protocol outcomes.
 *
 * @param remoteHost the server's name if a connection was made, else empty
 * @param tls how the session was secured, or why the required security failed
 * @param replies one reply per recipient
 * @param summary one line for the attempt record, e.g. {@code 250 2.0.0 OK} or {@code connect: refused}
 * @param dsn whether the server offered DSN (RFC 3461), so that it, not this host, reports success
 */
public record SessionResult(String remoteHost, TlsOutcome tls, List<SmtpReply> replies, String summary, boolean dsn) {

    /** A result from a server that did not offer DSN, or from no server at all. */
    public SessionResult(String remoteHost, TlsOutcome tls, List<SmtpReply> replies, String summary) {
        this(remoteHost, tls, replies, summary, false);
    }

    public SessionResult {
        Objects.requireNonNull(remoteHost, "remoteHost");
        Objects.requireNonNull(tls, "tls");
        replies = List.copyOf(replies);
        Objects.requireNonNull(summary, "summary");
    }
}
