package dev.mailwright.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailwright.core.Envelope;
import dev.mailwright.core.MailAddress;
import dev.mailwright.core.MailOptions;
import dev.mailwright.core.MessageContent;
import dev.mailwright.core.store.Mailbox;
import dev.mailwright.core.store.MailboxName;
import dev.mailwright.core.store.QuotaPolicy;
import dev.mailwright.core.store.UserMail;
import dev.mailwright.core.store.memory.InMemoryMailStore;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MailStoreDeliveryTest {

    private static final byte[] MESSAGE = "Subject: hi\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);

    private final InMemoryMailStore store = new InMemoryMailStore();
    private final Map<String, String> accounts = Map.of(
            "alice@example.org", "alice@example.org",
            "a.smith@example.org", "alice@example.org",
            "bob@example.org", "bob@example.org");
    private final MailStoreDelivery delivery = new MailStoreDelivery(store,
            address -> Optional.ofNullable(accounts.get(address.toString())));

    private static Envelope envelope(String sender, String... recipients) {
        return new Envelope(Optional.ofNullable(sender).map(MailAddress::parse), MailOptions.NONE,
                java.util.Arrays.stream(recipients).map(r -> Envelope.Recipient.of(MailAddress.parse(r))).toList());
    }

    private String inbox(String account, int index) {
        try (UserMail mail = store.open(account); Mailbox box = mail.select(MailboxName.INBOX)) {
            long uid = box.snapshot().messages().get(index).uid();
            MessageContent content = box.content(uid);
            try {
                return new String(content.toByteArray(), StandardCharsets.UTF_8);
            } finally {
                content.release();
            }
        }
    }

    private long count(String account) {
        try (UserMail mail = store.open(account)) {
            return mail.status(MailboxName.INBOX).messages();
        }
    }

    @Test
    void deliversOneCopyPerAccountWithReturnPath() {
        store.createAccount("alice@example.org");
        store.createAccount("bob@example.org");

        DeliveryResult result = delivery.deliver(
                envelope("carol@example.net", "alice@example.org", "a.smith@example.org", "bob@example.org"),
                MessageContent.of(MESSAGE));

        assertThat(result.allAccepted()).isTrue();
        assertThat(result.results()).extracting(r -> r.recipient().toString())
                .containsExactly("alice@example.org", "a.smith@example.org", "bob@example.org");
        assertThat(count("alice@example.org")).isEqualTo(1);
        assertThat(count("bob@example.org")).isEqualTo(1);
        assertThat(inbox("alice@example.org", 0)).isEqualTo("Return-Path: <carol@example.net>\r\nSubject: hi\r\n\r\nbody\r\n");
    }

    @Test
    void nullSenderGetsAnEmptyReturnPath() {
        store.createAccount("bob@example.org");
        delivery.deliver(envelope(null, "bob@example.org"), MessageContent.of(MESSAGE));
        assertThat(inbox("bob@example.org", 0)).startsWith("Return-Path: <>\r\n");
    }

    @Test
    void unknownRecipientsFailPermanentlyAndOthersStillGetIt() {
        store.createAccount("bob@example.org");
        DeliveryResult result = delivery.deliver(envelope("carol@example.net", "nobody@example.org", "bob@example.org",
                "alice@example.org"), MessageContent.of(MESSAGE));
        assertThat(result.allAccepted()).isFalse();
        assertThat(result.resultFor(MailAddress.parse("nobody@example.org")).orElseThrow())
                .extracting(RecipientResult::code, RecipientResult::enhancedStatus).containsExactly(550, "5.1.1");
        // alice has an account name, but no account in the store.
        assertThat(result.resultFor(MailAddress.parse("alice@example.org")).orElseThrow().code()).isEqualTo(550);
        assertThat(result.resultFor(MailAddress.parse("bob@example.org")).orElseThrow().isAccepted()).isTrue();
    }

    @Test
    void fullMailboxIsATemporaryFailure() {
        InMemoryMailStore tiny = new InMemoryMailStore(QuotaPolicy.bytes(10));
        tiny.createAccount("bob@example.org");
        DeliveryResult result = new MailStoreDelivery(tiny, a -> Optional.of("bob@example.org"))
                .deliver(envelope("carol@example.net", "bob@example.org", "bob@example.org"), MessageContent.of(MESSAGE));
        assertThat(result.results()).hasSize(2).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(RecipientResult.Status.TEMPORARY_FAILURE);
            assertThat(r.code()).isEqualTo(452);
            assertThat(r.enhancedStatus()).isEqualTo("4.2.2");
        });
    }

    @Test
    void recipientResultsAreChecked() {
        MailAddress a = MailAddress.parse("a@example.org");
        assertThatThrownBy(() -> RecipientResult.permanentFailure(a, 450, "5.1.1", "x")).hasMessageContaining("450");
        assertThatThrownBy(() -> RecipientResult.temporaryFailure(a, 450, "5.1.1", "x")).hasMessageContaining("5.1.1");
        assertThatThrownBy(() -> RecipientResult.temporaryFailure(a, 450, "4.1.1", "two\r\nlines")).hasMessageContaining("one line");
        assertThat(new DeliveryResult(List.of(RecipientResult.accepted(a))).allAccepted()).isTrue();
    }
}
