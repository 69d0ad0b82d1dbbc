package dev.mailwright.smtp.client;

import dev.mailwright.smtp.SmtpReply;
import java.io.IOException;
import java.util.Optional;

/** The conversation with a server failed as a whole: a refusal, a protocol error or a TLS problem. */
public final class SmtpClientException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient SmtpReply reply;

    public SmtpClientException(String message) {
        this(message, null, null);
    }

    public SmtpClientException(String message, SmtpReply reply) {
        this(message, reply, null);
    }

    public SmtpClientException(String message, SmtpReply reply, Throwable cause) {
        super(reply == null ? message : message + ": " + reply, cause);
        this.reply = reply;
    }

    /** The server's reply that caused the failure, if there was one. */
    public Optional<SmtpReply> reply() {
        return Optional.ofNullable(reply);
    }
}
