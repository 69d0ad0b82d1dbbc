package dev.mailwright.smtp.spi;

import dev.mailwright.core.SessionInfo;
import dev.mailwright.smtp.SmtpReply;

/**
 * A backend mix-in that answers VRFY (RFC 5321 §3.5), used only when the server enables
 * VRFY. Without it VRFY gets {@code 252 2.5.0}, which says nothing about who exists.
 */
@FunctionalInterface
public interface VrfySupport {

    /** The reply to {@code VRFY argument}: 250/251 with the mailbox, 252, or 550/553. */
    SmtpReply verify(String argument, SessionInfo session);
}
