package dev.mailwright.smtp;

import dev.mailwright.core.Envelope;
import dev.mailwright.core.SessionInfo;

/**
 * What the engine reports as it works, for metrics and audit logs. Every method does
 * nothing by default; {@link #NONE} is the listener that ignores everything. Methods run on
 * connection workers and must return quickly; they must not throw.
 */
public interface SmtpEvents {

    /** Ignores every event. */
    SmtpEvents NONE = new SmtpEvents() {
    };

    /** A client connected and was greeted (or refused by the backend). */
    default void connected(SessionInfo session) {
    }

    /** The connection ended, by either side. */
    default void disconnected(SessionInfo session) {
    }

    /** A message was accepted (for LMTP: for at least one recipient). */
    default void messageAccepted(SessionInfo session, Envelope envelope, long size) {
    }

    /** A message was refused after its content arrived: by a limit, the smuggling check, or the backend. */
    default void messageRejected(SessionInfo session, Envelope envelope, SmtpReply reply) {
    }

    /** A command got a 4xx or 5xx reply; {@code verb} is upper case, or empty for an unreadable line. */
    default void commandRejected(SessionInfo session, String verb, SmtpReply reply) {
    }

    /** AUTH succeeded. */
    default void authSucceeded(SessionInfo session, String mechanism) {
    }

    /** AUTH failed: bad credentials (never saying which part was wrong). */
    default void authFailed(SessionInfo session, String mechanism) {
    }
}
