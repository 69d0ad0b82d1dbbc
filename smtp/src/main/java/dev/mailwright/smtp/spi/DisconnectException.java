package dev.mailwright.smtp.spi;

/**
 * Thrown by a session to drop the connection at once, with no reply: what a client sees when
 * a server crashes or the network fails, for instance after the message's final dot and
 * before the reply (the case that makes RFC 5321 §6.1 clients send a message twice).
 * Test servers use it to exercise a client's retry logic. Replies to commands handled
 * earlier are still sent; the transaction in progress is dropped, and the session then gets
 * {@link SmtpSession#close()} only.
 */
public final class DisconnectException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param reason why, for the server's log; never sent to the client */
    public DisconnectException(String reason) {
        super(reason, null, false, false);
    }
}
