package dev.mailwright.smtp.outbound.spi;

import dev.mailwright.core.Envelope;
import dev.mailwright.core.MessageContent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where the outbound queue keeps its messages. The delivery logic claims due messages with a
 * lease, delivers them, and writes the outcome back; nothing else about the storage is assumed,
 * so one file spool on one host and a database shared by several nodes serve alike.
 *
 * <p>Leases make several deliverers safe: {@link #claim} hands a message to one owner until its
 * lease expires; {@link #update}, {@link #complete}, {@link #renew} and {@link #release} succeed
 * only for the owner of a lease that still holds, and return {@code false} otherwise (the message
 * was removed, or its lease ran out and another owner took it). A database implements
 * {@code claim} as {@code SELECT ... FOR UPDATE SKIP LOCKED} plus an update of the lease columns.
 *
 * <p>Every method that changes the queue is durable on return. Implementations are thread-safe.
 * Failures of the medium surface as {@link QueueException}.
 */
public interface QueueStorage extends AutoCloseable {

    /**
     * Stores a new message, all recipients pending, due at {@code now}. The message is on stable
     * storage when this returns: the caller may then acknowledge it.
     */
    QueuedMessage enqueue(Envelope envelope, MessageContent content, Instant now);

    /**
     * Leases up to {@code limit} messages that are due ({@code nextAttempt <= now}) and not leased
     * (no lease, or one that expired before {@code now}), earliest due first.
     */
    List<QueuedMessage> claim(String owner, Instant now, Duration leaseTime, int limit);

    /** Extends a held lease to {@code expires}. */
    boolean renew(String id, String owner, Instant expires);

    /** Records a delivery round and releases the lease. */
    boolean update(String id, String owner, QueueUpdate update);

    /** Removes a message whose delivery is over (every recipient delivered or failed). */
    boolean complete(String id, String owner);

    /** Gives a lease back unchanged, so that the message is due again at once (on shutdown). */
    boolean release(String id, String owner);

    /** The message's bytes; the caller releases the content. */
    MessageContent content(String id);

    /** A snapshot of one message. */
    Optional<QueuedMessage> find(String id);

    /** Visits every message, in no particular order, without holding them all in memory at once. */
    void forEach(Consumer<QueuedMessage> visitor);

    /** Removes a message whatever its state or lease (administrative removal). */
    boolean remove(String id);

    /** Makes every message that is not leased due at {@code when}; returns how many. */
    int reschedule(Instant when);

    /** The earliest next-attempt time among messages not leased, if any. */
    Optional<Instant> nextDue();

    /** Releases the storage's resources (files, locks, connections). */
    @Override
    void close();
}
