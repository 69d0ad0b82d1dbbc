package dev.mailwright.smtp.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailwright.core.Envelope;
import dev.mailwright.core.MailAddress;
import dev.mailwright.core.MessageContent;
import dev.mailwright.core.RcptOptions;
import dev.mailwright.core.SessionInfo;
import dev.mailwright.core.delivery.DeliveryResult;
import dev.mailwright.core.delivery.RecipientResult;
import dev.mailwright.smtp.spi.DataResult;
import dev.mailwright.smtp.spi.SmtpException;
import dev.mailwright.smtp.spi.SmtpSession;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeliveryBackendTest {

    private static final SessionInfo INFO = SessionInfo.newConnection("t-1",
            new InetSocketAddress("192.0.2.1", 4000), new InetSocketAddress("192.0.2.2", 25));

    @Test
    void mxBackendAcceptsOnlyKnownLocalRecipients() {
        DeliveryBackend backend = DeliveryBackend.forLocalDomains(Set.of("Example.COM", "bücher.example"),
                r -> !r.localPart().equals("ghost"), (e, c) -> new DeliveryResult(
                        e.recipientAddresses().stream().map(RecipientResult::accepted).toList()));
        SmtpSession session = backend.open(INFO);
        session.rcpt(MailAddress.parse("user@example.com"), RcptOptions.NONE);
        session.rcpt(MailAddress.parse("user@xn--bcher-kva.example"), RcptOptions.NONE);
        assertThatThrownBy(() -> session.rcpt(MailAddress.parse("user@elsewhere.example"), RcptOptions.NONE))
                .isInstanceOfSatisfying(SmtpException.class, e -> assertThat(e.reply().toString()).isEqualTo("554 5.7.1 relay access denied"));
        assertThatThrownBy(() -> session.rcpt(MailAddress.parse("user@example.com.evil.example"), RcptOptions.NONE))
                .isInstanceOf(SmtpException.class);
        assertThatThrownBy(() -> session.rcpt(MailAddress.parse("ghost@example.com"), RcptOptions.NONE))
                .isInstanceOfSatisfying(SmtpException.class, e -> assertThat(e.code()).isEqualTo(550));
        Envelope envelope = new Envelope(Optional.empty(), dev.mailwright.core.MailOptions.NONE,
                List.of(Envelope.Recipient.of(MailAddress.parse("user@example.com"))));
        assertThat(session.data(envelope, MessageContent.of(new byte[] {'x'})))
                .isInstanceOfSatisfying(DataResult.PerRecipient.class, r -> assertThat(r.result().allAccepted()).isTrue());
        assertThatThrownBy(() -> DeliveryBackend.forLocalDomains(Set.of(), r -> true, (e, c) -> null))
                .hasMessageStartingWith("no local domains");
    }

    @Test
    void discardBackendCounts() {
        DiscardBackend backend = new DiscardBackend();
        SmtpSession s = backend.open(INFO);
        s.data(new Envelope(Optional.empty(), dev.mailwright.core.MailOptions.NONE, List.of()), MessageContent.of(new byte[10]));
        assertThat(backend.messages()).isEqualTo(1);
        assertThat(backend.octets()).isEqualTo(10);
    }
}
