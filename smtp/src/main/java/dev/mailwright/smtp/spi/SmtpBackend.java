package dev.mailwright.smtp.spi;

import dev.mailwright.core.SessionInfo;

/**
 * The host's side of the SMTP engine: it opens one {@link SmtpSession} per connection. The
 * engine owns the wire; the backend decides and stores. Optional capabilities are mix-in
 * interfaces on the backend ({@link AuthSupport}, {@link VrfySupport}), checked when the
 * server is built.
 */
@FunctionalInterface
public interface SmtpBackend {

    /**
     * A client connected. Called on a connection worker, so it may block (a DNS lookup, a
     * database). Throwing {@link SmtpException} refuses the connection: the client is greeted
     * with that reply (554 is usual) and every command but QUIT gets 503.
     */
    SmtpSession open(SessionInfo session);
}
