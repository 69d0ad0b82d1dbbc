package dev.mailwright.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.delivery.MailStoreDelivery;
import dev.mailwright.core.store.MailboxName;
import dev.mailwright.core.store.UserMail;
import dev.mailwright.core.store.memory.InMemoryMailStore;
import dev.mailwright.smtp.backend.DeliveryBackend;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The MX backend in front of final delivery into a mail store, over SMTP and LMTP. */
class DeliveryToStoreTest {

    private final ServerFixture fixture = new ServerFixture();
    private final InMemoryMailStore store = new InMemoryMailStore();

    @AfterEach
    void stop() {
        fixture.close();
    }

    private DeliveryBackend backend() {
        store.createAccount("alice");
        store.createAccount("bob");
        MailStoreDelivery delivery = new MailStoreDelivery(store,
                r -> Set.of("alice", "bob").contains(r.localPart()) ? Optional.of(r.localPart()) : Optional.empty());
        return DeliveryBackend.forLocalDomains(Set.of("example.com"), r -> Set.of("alice", "bob").contains(r.localPart()), delivery);
    }

    private String inbox(String account) {
        try (UserMail mail = store.open(account)) {
            var box = mail.select(MailboxName.INBOX);
            var messages = box.snapshot().messages();
            assertThat(messages).hasSize(1);
            return new String(box.content(messages.get(0).uid()).toByteArray(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void mxDeliversToLocalMailboxesOnlyAndNeverRelays() throws Exception {
        InetSocketAddress address = fixture.start(backend(), SmtpListener.builder(ListenerRole.MX).build());
        try (RawClient c = new RawClient(address)) {
            c.reply();
            c.command("EHLO client.example");
            c.command("MAIL FROM:<sender@origin.example>");
            assertThat(c.command("RCPT TO:<alice@example.com>")).startsWith("250 ");
            assertThat(c.command("RCPT TO:<carol@example.com>")).isEqualTo("550 5.1.1 no such user here");
            assertThat(c.command("RCPT TO:<alice@relay.example>")).isEqualTo("554 5.7.1 relay access denied");
            assertThat(c.command("RCPT TO:<bob@EXAMPLE.com>")).startsWith("250 ");
            c.command("DATA");
            assertThat(c.command("Subject: stored\r\n\r\nhello\r\n.")).startsWith("250 2.0.0 OK: queued as ");
        }
        assertThat(inbox("alice")).startsWith("Return-Path: <sender@origin.example>\r\nReceived: from client.example")
                .endsWith("Subject: stored\r\n\r\nhello\r\n");
        assertThat(inbox("bob")).endsWith("hello\r\n");
    }

    @Test
    void lmtpDeliversWithAReplyPerRecipient() throws Exception {
        InetSocketAddress address = fixture.start(backend(), SmtpListener.builder(ListenerRole.LMTP).build());
        try (RawClient c = new RawClient(address)) {
            c.reply();
            c.command("LHLO client.example");
            c.command("MAIL FROM:<>");
            c.command("RCPT TO:<alice@example.com>");
            c.command("RCPT TO:<bob@example.com>");
            c.command("DATA");
            c.send("Subject: lmtp\r\n\r\nbody\r\n.\r\n");
            assertThat(c.reply()).isEqualTo("250 2.0.0 <alice@example.com> OK");
            assertThat(c.reply()).isEqualTo("250 2.0.0 <bob@example.com> OK");
        }
        assertThat(inbox("alice")).startsWith("Return-Path: <>\r\n");
    }
}
