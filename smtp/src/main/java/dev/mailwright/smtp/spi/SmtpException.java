package dev.mailwright.smtp.spi;

import dev.mailwright.smtp.SmtpReply;

/**
 * Thrown by a session to refuse with a reply of its choosing. The reply goes to the client
 * as given, so its text must not carry internal details. Unchecked, so that every session
 * method can throw it.
 */
public final class SmtpException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient SmtpReply reply;

    /**
     * @param code a 4xx or 5xx reply code
     * @param enhancedStatus the RFC 3463 code, such as {@code 5.7.1}
     * @param text one line for the client
     */
    public SmtpException(int code, String enhancedStatus, String text) {
        this(SmtpReply.of(code, enhancedStatus, text));
    }

    public SmtpException(SmtpReply reply) {
        super(reply.toString());
        if (reply.code() < 400) {
            throw new IllegalArgumentException("an SmtpException needs a 4xx or 5xx reply: " + reply);
        }
        this.reply = reply;
    }

    public SmtpReply reply() {
        return reply;
    }

    public int code() {
        return reply.code();
    }

    /** 550 5.1.1: the recipient does not exist here. */
    public static SmtpException noSuchUser() {
        return new SmtpException(550, "5.1.1", "no such user here");
    }

    /** 554 5.7.1: the recipient is not in a domain this server takes mail for. */
    public static SmtpException relayDenied() {
        return new SmtpException(554, "5.7.1", "relay access denied");
    }

    /** 550 5.7.1: refused by policy, with a reason for the client. */
    public static SmtpException policy(String reason) {
        return new SmtpException(550, "5.7.1", reason);
    }

    /** 550 5.7.1 for a sender the session refuses. */
    public static SmtpException senderRejected(String reason) {
        return new SmtpException(550, "5.7.1", reason);
    }

    /** 451 4.3.0: a temporary local problem; the client should try again later. */
    public static SmtpException temporaryFailure(String reason) {
        return new SmtpException(451, "4.3.0", reason);
    }

    /** 452 4.3.1: out of storage for now. */
    public static SmtpException insufficientStorage() {
        return new SmtpException(452, "4.3.1", "insufficient system storage");
    }

    /** 552 5.2.2: the recipient's mailbox is full. */
    public static SmtpException mailboxFull() {
        return new SmtpException(552, "5.2.2", "mailbox full");
    }

    /** 554 5.7.1 for a connection the host refuses at once. */
    public static SmtpException connectionRefused(String reason) {
        return new SmtpException(554, "5.7.1", reason);
    }
}
