package dev.mailwright.smtp.outbound.internal;

import dev.mailwright.core.Envelope;
import dev.mailwright.core.MailAddress;
import dev.mailwright.smtp.outbound.RetrySchedule;
import dev.mailwright.smtp.outbound.spi.QueueException;
import dev.mailwright.smtp.outbound.spi.QueueStorage;
import dev.mailwright.smtp.outbound.spi.QueueUpdate;
import dev.mailwright.smtp.outbound.spi.QueuedMessage;
import dev.mailwright.smtp.outbound.spi.RecipientOutcome;
import dev.mailwright.smtp.outbound.spi.RecipientState;
import dev.mailwright.smtp.outbound.spi.AttemptRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One delivery round of one claimed message: its pending recipients split by domain, each domain
 * delivered in its lane, and when the last domain is done, the outcome written back in one update
 * (or the message completed), with bounces and delay notices sent first so that a crash in between
 * can at worst repeat a notice, never lose one.
 */
public final class MessageRun {

    private static final Logger log = LoggerFactory.getLogger(MessageRun.class);

    /**
     * What every run shares.
     *
     * @param storage the queue
     * @param delivery delivers one domain's share
     * @param schedule retry delays and the queue lifetime
     * @param clock the time source
     * @param random jitter
     * @param notifier sends bounces and delay notices
     * @param delayWarning after how long a delay notice goes out; empty for never
     */
    public record Context(QueueStorage storage, DomainDelivery delivery, RetrySchedule schedule, Clock clock,
                          RandomGenerator random, Notifier notifier, Optional<Duration> delayWarning) {
    }

    private final QueuedMessage message;
    private final Context context;
    private final String owner;
    private final DomainLanes lanes;
    private final Consumer<MessageRun> onDone;
    private final Map<Envelope.Recipient, RecipientState> results = new LinkedHashMap<>();
    private final List<AttemptRecord> attempts = new ArrayList<>();
    private final Set<Envelope.Recipient> relayedWithoutDsn = new HashSet<>();
    private final AtomicInteger open = new AtomicInteger();
    private volatile boolean abandoned;
    private volatile Instant leaseRenewalDue = Instant.MAX;

    MessageRun(QueuedMessage message, Context context, String owner, DomainLanes lanes, Consumer<MessageRun> onDone) {
        this.message = message;
        this.context = context;
        this.owner = owner;
        this.lanes = lanes;
        this.onDone = onDone;
    }

    String id() {
        return message.id();
    }

    /** When the lease should next be renewed. */
    Instant leaseRenewalDue() {
        return leaseRenewalDue;
    }

    /** Notes a fresh lease of {@code leaseTime} from {@code now}. */
    void leaseRenewed(Instant now, Duration leaseTime) {
        leaseRenewalDue = now.plus(leaseTime.dividedBy(3));
    }

    /** Stops this run from writing back (its lease is being released on shutdown, or was lost). */
    void abandon() {
        abandoned = true;
    }

    void start() {
        Map<String, List<RecipientState>> byDomain = new LinkedHashMap<>();
        for (RecipientState r : message.pending()) {
            byDomain.computeIfAbsent(domainOf(r.recipient().address()), d -> new ArrayList<>()).add(r);
        }
        if (byDomain.isEmpty()) {
            finish();
            return;
        }
        open.set(byDomain.size());
        byDomain.forEach((domain, recipients) -> lanes.submit(domain, () -> deliver(domain, recipients)));
    }

    /** The key deliveries are grouped and limited by: the A-label domain, or the literal. */
    static String domainOf(MailAddress address) {
        return address.asciiDomain().toLowerCase(Locale.ROOT);
    }

    private void deliver(String domain, List<RecipientState> recipients) {
        DomainOutcome outcome;
        try {
            outcome = abandoned ? null : context.delivery().deliver(domain, message.sender(), message.mailOptions(),
                    recipients, () -> context.storage().content(message.id()));
        } catch (RuntimeException e) {
            log.error("delivery of {} to {} failed", message.id(), domain, e);
            outcome = null;
        }
        synchronized (results) {
            if (outcome != null) {
                outcome.recipients().forEach(r -> results.put(r.recipient(), r));
                attempts.addAll(outcome.attempts());
                relayedWithoutDsn.addAll(outcome.relayedWithoutDsn());
            }
        }
        if (open.decrementAndGet() == 0) {
            finish();
        }
    }

    private void finish() {
        try {
            if (!abandoned) {
                writeBack();
            }
        } catch (QueueException e) {
            log.error("cannot record the delivery of {}: {}", message.id(), e.getMessage());
        } catch (RuntimeException e) {
            log.error("cannot finish the delivery of {}", message.id(), e);
        } finally {
            onDone.accept(this);
        }
    }

    private void writeBack() {
        Instant now = context.clock().instant();
        Instant expiry = message.created().plus(context.schedule().lifetime());
        List<RecipientState> states = new ArrayList<>();
        List<RecipientState> failedNow = new ArrayList<>();
        List<RecipientState> stillPending = new ArrayList<>();
        List<RecipientState> relayedNow = new ArrayList<>();
        synchronized (results) {
            for (RecipientState before : message.recipients()) {
                RecipientState after = results.getOrDefault(before.recipient(), before);
                if (after.isPending() && !now.isBefore(expiry)) {
                    RecipientOutcome last = after.last().orElse(null);
                    after = after.with(RecipientState.Status.FAILED, new RecipientOutcome(now,
                            last == null ? 451 : last.code() < 500 ? last.code() : 451, "4.4.7",
                            "delivery time expired" + (last == null ? "" : "; last reply: " + last.text()),
                            last == null ? "" : last.remoteMta()));
                }
                if (before.isPending() && after.status() == RecipientState.Status.FAILED) {
                    failedNow.add(after);
                }
                if (after.isPending()) {
                    stillPending.add(after);
                }
                if (before.isPending() && after.status() == RecipientState.Status.DELIVERED
                        && relayedWithoutDsn.contains(after.recipient())) {
                    relayedNow.add(after);
                }
                states.add(after);
            }
        }
        if (!failedNow.isEmpty()) {
            context.notifier().failed(message, failedNow, now);
        }
        if (!relayedNow.isEmpty()) {
            context.notifier().relayed(message, relayedNow, now);
        }
        if (stillPending.isEmpty()) {
            if (!context.storage().complete(message.id(), owner)) {
                log.warn("queue message {} was removed or re-leased during delivery", message.id());
            }
            log.info("queue message {} from=<{}> done: {}", message.id(), sender(), summary(states));
            return;
        }
        boolean delayNotified = message.delayNotified();
        if (!delayNotified && context.delayWarning().isPresent()
                && !now.isBefore(message.created().plus(context.delayWarning().get()))) {
            context.notifier().delayed(message, stillPending, now, expiry);
            delayNotified = true;
        }
        int attemptsSoFar = message.attempts() + 1;
        Instant next = now.plus(context.schedule().delay(attemptsSoFar, context.random()));
        if (next.isAfter(expiry)) {
            // The last try comes at expiry, so that the bounce is not late by a whole back-off step.
            next = expiry;
        }
        QueueUpdate update = new QueueUpdate(states, attemptsSoFar, next, attempts, delayNotified);
        if (!context.storage().update(message.id(), owner, update)) {
            log.warn("queue message {} was removed or re-leased during delivery", message.id());
            return;
        }
        log.info("queue message {} from=<{}> deferred until {}: {}", message.id(), sender(), next, summary(states));
    }

    private String sender() {
        return message.sender().map(Object::toString).orElse("");
    }

    private static String summary(List<RecipientState> states) {
        StringBuilder out = new StringBuilder();
        for (RecipientState s : states) {
            if (out.length() > 0) {
                out.append(", ");
            }
            out.append(s.recipient().address()).append(' ').append(s.status());
            s.last().ifPresent(l -> out.append(" (").append(l.code()).append(' ').append(l.enhancedStatus()).append(')'));
        }
        return out.toString();
    }
}
