package dev.mailwright.core.delivery;

import dev.mailwright.core.Envelope;
import dev.mailwright.core.MessageContent;

/**
 * Takes an accepted message and delivers it: into mailboxes, onto a queue, to another
 * server. Blocking is fine; callers run on worker threads. The caller owns
 * {@code content} and releases it after the call returns.
 */
@FunctionalInterface
public interface DeliveryTarget {

    /**
     * Delivers to every recipient of the envelope.
     *
     * @return one result per recipient, in the envelope's order
     */
    DeliveryResult deliver(Envelope envelope, MessageContent content);
}
