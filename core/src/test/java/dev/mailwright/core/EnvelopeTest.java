package dev.mailwright.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EnvelopeTest {

    private static final MailAddress ALICE = MailAddress.parse("alice@example.com");
    private static final MailAddress BOB = MailAddress.parse("bob@example.org");

    @Test
    void copiesRecipientsDefensively() {
        List<Envelope.Recipient> recipients = new ArrayList<>(List.of(Envelope.Recipient.of(ALICE)));
        Envelope envelope = new Envelope(Optional.of(BOB), MailOptions.NONE, recipients);
        recipients.add(Envelope.Recipient.of(BOB));

        assertThat(envelope.recipients()).hasSize(1);
        assertThatThrownBy(() -> envelope.recipients().add(Envelope.Recipient.of(BOB)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void listsRecipientAddressesInOrder() {
        RcptOptions notifyNever = RcptOptions.NONE.withNotifyOn(Set.of(DsnNotify.NEVER));
        Envelope envelope = new Envelope(Optional.empty(), MailOptions.NONE.withSize(10), List.of(
                new Envelope.Recipient(BOB, notifyNever), Envelope.Recipient.of(ALICE)));

        assertThat(envelope.recipientAddresses()).containsExactly(BOB, ALICE);
        assertThat(envelope.recipients().get(0).options()).isEqualTo(notifyNever);
        assertThat(envelope.recipients().get(1).options()).isEqualTo(RcptOptions.NONE);
        assertThat(envelope.sender()).isEmpty();
    }

    @Test
    void replacesRecipientsInACopy() {
        Envelope envelope = new Envelope(Optional.of(ALICE), MailOptions.NONE, List.of(Envelope.Recipient.of(ALICE)));
        Envelope other = envelope.withRecipients(List.of(Envelope.Recipient.of(BOB)));

        assertThat(other.recipientAddresses()).containsExactly(BOB);
        assertThat(other.sender()).contains(ALICE);
        assertThat(other.mailOptions()).isSameAs(envelope.mailOptions());
        assertThat(envelope.recipientAddresses()).containsExactly(ALICE);
        assertThat(other).isNotEqualTo(envelope);
        assertThat(other.withRecipients(envelope.recipients())).isEqualTo(envelope);
    }

    @Test
    void refusesNulls() {
        assertThatThrownBy(() -> new Envelope(null, MailOptions.NONE, List.of())).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Envelope(Optional.empty(), null, List.of())).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Envelope(Optional.empty(), MailOptions.NONE, null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Envelope.Recipient(null, RcptOptions.NONE)).isInstanceOf(NullPointerException.class);
        List<Envelope.Recipient> withNull = new ArrayList<>();
        withNull.add(null);
        assertThatThrownBy(() -> new Envelope(Optional.empty(), MailOptions.NONE, withNull))
                .isInstanceOf(NullPointerException.class);
    }
}
