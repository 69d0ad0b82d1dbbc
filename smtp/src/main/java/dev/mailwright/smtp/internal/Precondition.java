package dev.mailwright.smtp.internal;

import dev.mailwright.smtp.SmtpReply;
import java.util.Optional;

/** A condition a command declares, checked by the registry; each knows its refusal. */
enum Precondition {

    /** HELO, EHLO or LHLO came first (RFC 5321 §4.1.4). */
    INTRODUCED {
        @Override
        Optional<SmtpReply> check(Conversation c) {
            return c.state() == State.GREETED
                    ? Optional.of(SmtpReply.of(503, "5.5.1", c.lmtp() ? "send LHLO first" : "send HELO or EHLO first"))
                    : Optional.empty();
        }
    },
    /** No mail transaction is open. */
    NO_TRANSACTION {
        @Override
        Optional<SmtpReply> check(Conversation c) {
            return c.state() == State.MAIL
                    ? Optional.of(SmtpReply.of(503, "5.5.1", "mail transaction in progress"))
                    : Optional.empty();
        }
    },
    /** MAIL has opened a transaction. */
    TRANSACTION {
        @Override
        Optional<SmtpReply> check(Conversation c) {
            return c.state() != State.MAIL
                    ? Optional.of(SmtpReply.of(503, "5.5.1", "need MAIL command first"))
                    : Optional.empty();
        }
    },
    /** On submission, the client has authenticated (and so is under TLS when required). */
    AUTHENTICATED_FOR_SUBMISSION {
        @Override
        Optional<SmtpReply> check(Conversation c) {
            if (!c.context().submission() || c.info().isAuthenticated()) {
                return Optional.empty();
            }
            if (c.tlsRequiredForAuth()) {
                return Optional.of(SmtpReply.of(530, "5.7.0", "must issue a STARTTLS command first"));
            }
            return Optional.of(SmtpReply.of(530, "5.7.0", "authentication required"));
        }
    };

    abstract Optional<SmtpReply> check(Conversation conversation);
}
