package dev.mailwright.smtp.outbound;

import dev.mailwright.core.Envelope;
import dev.mailwright.core.MessageContent;
import java.io.IOException;

/**
 * Adds signature header fields to outbound mail before it is queued, such as DKIM-Signature
 * (see {@link dev.mailwright.smtp.outbound.dkim}). A signer decides itself which messages it
 * signs (e.g. only those from its own domains).
 */
@FunctionalInterface
public interface MessageSigner {

    /** No signing. */
    MessageSigner NONE = (envelope, content) -> new byte[0];

    /**
     * The header fields to put on top of the message, each ending in CRLF; empty to leave the
     * message as it is.
     */
    byte[] sign(Envelope envelope, MessageContent content) throws IOException;
}
