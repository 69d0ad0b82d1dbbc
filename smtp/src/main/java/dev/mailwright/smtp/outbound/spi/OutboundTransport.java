package dev.mailwright.smtp.outbound.spi;

import dev.mailwright.core.MessageContent;

/**
 * Runs one SMTP session for the delivery logic: connect, EHLO, TLS as the request's policy says,
 * AUTH if credentials are given, one mail transaction, QUIT. Everything above it (which host,
 * which policy, what a reply means for the queue) is the delivery logic's; everything on the
 * wire is the transport's.
 *
 * <p>When the envelope carries REQUIRETLS (RFC 8689), a transport refuses to send the message to
 * a server that does not advertise the extension, with {@code 550 5.7.30} for every recipient.
 */
@FunctionalInterface
public interface OutboundTransport {

    /** Runs the session; never throws for a network or protocol outcome. */
    SessionResult send(SessionRequest request, MessageContent content);
}
