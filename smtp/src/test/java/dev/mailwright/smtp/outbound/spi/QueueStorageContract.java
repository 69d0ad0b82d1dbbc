package dev.mailwright.smtp.outbound.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.DsnNotify;
import dev.mailwright.core.DsnReturn;
import dev.mailwright.core.Envelope;
import dev.mailwright.core.MailAddress;
import dev.mailwright.core.MailOptions;
import dev.mailwright.core.MessageContent;
import dev.mailwright.core.OriginalRecipient;
import dev.mailwright.core.RcptOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link QueueStorage} must show. A storage's test extends this class and
 * says how to open (and re-open) its storage; the suite ships in the smtp test-jar.
 */
public abstract class QueueStorageContract {

    protected static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    protected static final Duration LEASE = Duration.ofMinutes(10);
    protected static final byte[] BODY = "Subject: hello\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);

    protected QueueStorage storage;

    /** A fresh, empty storage. */
    protected abstract QueueStorage openEmpty() throws Exception;

    /**
     * The same storage as a new process sees it after {@code previous} stopped (a restart): leases
     * of the previous process count as expired.
     */
    protected abstract QueueStorage reopen(QueueStorage previous) throws Exception;

    @BeforeEach
    void openStorage() throws Exception {
        storage = openEmpty();
    }

    @AfterEach
    void closeStorage() {
        storage.close();
    }

    protected static Envelope envelope(String... recipients) {
        List<Envelope.Recipient> list = new ArrayList<>();
        for (String r : recipients) {
            list.add(Envelope.Recipient.of(MailAddress.parse(r)));
        }
        return new Envelope(Optional.of(MailAddress.parse("sender@example.org")), MailOptions.NONE, list);
    }

    @Test
    void enqueuedMessageKeepsEnvelopeContentAndPendingRecipients() {
        MailOptions options = MailOptions.NONE.withRet(DsnReturn.HDRS).withEnvelopeId("env-1").withRequireTls(true)
                .withSize(BODY.length);
        RcptOptions rcpt = RcptOptions.NONE.withNotifyOn(Set.of(DsnNotify.FAILURE, DsnNotify.DELAY))
                .withOriginalRecipient(new OriginalRecipient("rfc822", "Orig@Example.NET"));
        Envelope envelope = new Envelope(Optional.of(MailAddress.parse("a@example.org")), options, List.of(
                new Envelope.Recipient(MailAddress.parse("x@example.net"), rcpt),
                Envelope.Recipient.of(MailAddress.parse("y@example.com"))));

        QueuedMessage queued = storage.enqueue(envelope, MessageContent.of(BODY), T0);

        QueuedMessage found = storage.find(queued.id()).orElseThrow();
        assertThat(found.envelope()).isEqualTo(envelope);
        assertThat(found.pending()).hasSize(2);
        assertThat(found.created()).isEqualTo(T0);
        assertThat(found.nextAttempt()).isEqualTo(T0);
        assertThat(found.attempts()).isZero();
        assertThat(found.size()).isEqualTo(BODY.length);
        assertThat(storage.content(queued.id()).toByteArray()).isEqualTo(BODY);
    }

    @Test
    void nullSenderSurvives() {
        Envelope envelope = new Envelope(Optional.empty(), MailOptions.NONE,
                List.of(Envelope.Recipient.of(MailAddress.parse("x@example.net"))));
        QueuedMessage queued = storage.enqueue(envelope, MessageContent.of(BODY), T0);
        assertThat(storage.find(queued.id()).orElseThrow().sender()).isEmpty();
    }

    @Test
    void claimLeasesDueMessagesOnlyOnce() {
        QueuedMessage first = storage.enqueue(envelope("a@example.net"), MessageContent.of(BODY), T0);
        QueuedMessage second = storage.enqueue(envelope("b@example.net"), MessageContent.of(BODY), T0.plusSeconds(1));

        List<QueuedMessage> claimed = storage.claim("node-1", T0, LEASE, 10);
        assertThat(claimed).extracting(QueuedMessage::id).containsExactly(first.id());
        assertThat(claimed.get(0).lease()).contains(new Lease("node-1", T0.plus(LEASE)));

        assertThat(storage.claim("node-2", T0.plusSeconds(5), LEASE, 10))
                .extracting(QueuedMessage::id).containsExactly(second.id());
        assertThat(storage.claim("node-3", T0.plusSeconds(5), LEASE, 10)).isEmpty();
    }

    @Test
    void claimHonoursTheLimitAndDueOrder() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(storage.enqueue(envelope("r" + i + "@example.net"), MessageContent.of(BODY),
                    T0.plusSeconds(10 - i)).id());
        }
        List<QueuedMessage> claimed = storage.claim("node", T0.plusSeconds(60), LEASE, 3);
        assertThat(claimed).extracting(QueuedMessage::id).containsExactly(ids.get(4), ids.get(3), ids.get(2));
    }

    @Test
    void expiredLeaseCanBeClaimedByAnotherOwner() {
        QueuedMessage m = storage.enqueue(envelope("a@example.net"), MessageContent.of(BODY), T0);
        storage.claim("node-1", T0, LEASE, 1);

        assertThat(storage.claim("node-2", T0.plus(LEASE).minusSeconds(1), LEASE, 1)).isEmpty();
        assertThat(storage.claim("node-2", T0.plus(LEASE).plusSeconds(1), LEASE, 1))
                .extracting(QueuedMessage::id).containsExactly(m.id());

        QueueUpdate update = new QueueUpdate(m.recipients(), 1, T0.plusSeconds(900), List.of(), false);
        assertThat(storage.update(m.id(), "node-1", update)).as("the old owner lost its lease").isFalse();
        assertThat(storage.update(m.id(), "node-2", update)).isTrue();
    }

    @Test
    void renewKeepsTheLeaseAlive() {
        QueuedMessage m = storage.enqueue(envelope("a@example.net"), MessageContent.of(BODY), T0);
        storage.claim("node-1", T0, LEASE, 1);
        assertThat(storage.renew(m.id(), "node-1", T0.plus(LEASE).plus(LEASE))).isTrue();
        assertThat(storage.renew(m.id(), "node-2", T0.plus(LEASE).plus(LEASE))).isFalse();
        assertThat(storage.claim("node-2", T0.plus(LEASE).plusSeconds(1), LEASE, 1)).isEmpty();
    }

    @Test
    void updateRecordsOutcomesAndReleasesTheLease() {
        QueuedMessage m = storage.enqueue(envelope("a@example.net", "b@example.net"), MessageContent.of(BODY), T0);
        storage.claim("node", T0, LEASE, 1);
        RecipientOutcome ok = new RecipientOutcome(T0, 250, "2.0.0", "queued as X1", "mx.example.net");
        RecipientOutcome later = new RecipientOutcome(T0, 451, "4.7.1", "greylisted, try again", "mx.example.net");
        TlsOutcome tls = new TlsOutcome(TlsOutcome.Security.DANE, TlsOutcome.Policy.DANE, "TLSv1.3",
                "TLS_AES_128_GCM_SHA256", "");
        AttemptRecord attempt = new AttemptRecord(T0, "example.net", "mx.example.net", "192.0.2.1", tls,
                "250 2.0.0 queued as X1");
        QueueUpdate update = new QueueUpdate(List.of(
                m.recipients().get(0).with(RecipientState.Status.DELIVERED, ok),
                m.recipients().get(1).with(RecipientState.Status.PENDING, later)),
                1, T0.plusSeconds(300), List.of(attempt), false);

        assertThat(storage.update(m.id(), "node", update)).isTrue();

        QueuedMessage after = storage.find(m.id()).orElseThrow();
        assertThat(after.lease()).isEmpty();
        assertThat(after.attempts()).isEqualTo(1);
        assertThat(after.nextAttempt()).isEqualTo(T0.plusSeconds(300));
        assertThat(after.pending()).extracting(r -> r.recipient().address().toString())
                .containsExactly("b@example.net");
        assertThat(after.recipients().get(1).last()).contains(later);
        assertThat(after.history()).containsExactly(attempt);
        assertThat(storage.claim("node", T0.plusSeconds(299), LEASE, 1)).isEmpty();
        assertThat(storage.claim("node", T0.plusSeconds(300), LEASE, 1)).hasSize(1);
    }

    @Test
    void completeRemovesOnlyForTheLeaseOwner() {
        QueuedMessage m = storage.enqueue(envelope("a@example.net"), MessageContent.of(BODY), T0);
        assertThat(storage.complete(m.id(), "node")).as("not leased").isFalse();
        storage.claim("node", T0, LEASE, 1);
        assertThat(storage.complete(m.id(), "other")).isFalse();
        assertThat(storage.complete(m.id(), "node")).isTrue();
        assertThat(storage.find(m.id())).isEmpty();
        assertThat(storage.nextDue()).isEmpty();
    }

    @Test
    void releaseMakesTheMessageClaimableAgain() {
        QueuedMessage m = storage.enqueue(envelope("a@example.net"), MessageContent.of(BODY), T0);
        storage.claim("node", T0, LEASE, 1);
        assertThat(storage.release(m.id(), "node")).isTrue();
        assertThat(storage.claim("node", T0, LEASE, 1)).hasSize(1);
    }

    @Test
    void removeWorksWhateverTheLease() {
        QueuedMessage m = storage.enqueue(envelope("a@example.net"), MessageContent.of(BODY), T0);
        storage.claim("node", T0, LEASE, 1);
        assertThat(storage.remove(m.id())).isTrue();
        assertThat(storage.remove(m.id())).isFalse();
        assertThat(storage.update(m.id(), "node",
                new QueueUpdate(m.recipients(), 1, T0, List.of(), false))).isFalse();
        assertThat(storage.find(m.id())).isEmpty();
    }

    @Test
    void rescheduleMakesIdleMessagesDue() {
        QueuedMessage m = storage.enqueue(envelope("a@example.net"), MessageContent.of(BODY), T0);
        storage.claim("node", T0, LEASE, 1);
        storage.update(m.id(), "node", new QueueUpdate(m.recipients(), 1, T0.plus(Duration.ofHours(2)),
                List.of(), false));
        assertThat(storage.nextDue()).contains(T0.plus(Duration.ofHours(2)));

        assertThat(storage.reschedule(T0.plusSeconds(60))).isEqualTo(1);

        assertThat(storage.nextDue()).contains(T0.plusSeconds(60));
        assertThat(storage.claim("node", T0.plusSeconds(60), LEASE, 1)).hasSize(1);
    }

    @Test
    void forEachVisitsEveryMessage() {
        storage.enqueue(envelope("a@example.net"), MessageContent.of(BODY), T0);
        storage.enqueue(envelope("b@example.net"), MessageContent.of(BODY), T0);
        List<String> seen = new ArrayList<>();
        storage.forEach(m -> seen.add(m.recipients().get(0).recipient().address().toString()));
        assertThat(seen).containsExactlyInAnyOrder("a@example.net", "b@example.net");
    }

    @Test
    void restartKeepsStateAndFreesLeasesOfThePreviousProcess() throws Exception {
        QueuedMessage delivered = storage.enqueue(envelope("a@example.net"), MessageContent.of(BODY), T0);
        QueuedMessage inFlight = storage.enqueue(envelope("b@example.net"), MessageContent.of(BODY), T0);
        storage.claim("old-process", T0, Duration.ofHours(1), 10);
        storage.update(delivered.id(), "old-process", new QueueUpdate(delivered.recipients(), 1,
                T0.plusSeconds(300), List.of(), false));

        storage = reopen(storage);

        assertThat(storage.find(delivered.id()).orElseThrow().attempts()).isEqualTo(1);
        assertThat(storage.claim("new-process", T0.plusSeconds(1), LEASE, 10))
                .extracting(QueuedMessage::id).containsExactly(inFlight.id());
        assertThat(storage.content(inFlight.id()).toByteArray()).isEqualTo(BODY);
    }
}
