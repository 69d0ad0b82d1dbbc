package dev.mailwright.smtp.outbound.dsn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailwright.core.DsnReturn;
import dev.mailwright.core.Envelope;
import dev.mailwright.core.MailAddress;
import dev.mailwright.core.MailOptions;
import dev.mailwright.core.MessageContent;
import dev.mailwright.core.OriginalRecipient;
import dev.mailwright.core.RcptOptions;
import dev.mailwright.smtp.outbound.spi.QueuedMessage;
import dev.mailwright.smtp.outbound.spi.RecipientOutcome;
import dev.mailwright.smtp.outbound.spi.RecipientState;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class DeliveryStatusNotificationTest {

    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");
    private static final byte[] ORIGINAL = ("From: s@example.org\r\nTo: x@example.net\r\nSubject: plans\r\n\r\n"
            + "secret body\r\n").getBytes(StandardCharsets.US_ASCII);

    private static QueuedMessage message(MailOptions options, RecipientState... states) {
        return new QueuedMessage("ID-1", Optional.of(MailAddress.parse("s@example.org")), options, List.of(states), T, T,
                3, ORIGINAL.length, List.of(), false, Optional.empty());
    }

    private static RecipientState failed(String address, RcptOptions options) {
        return new RecipientState(new Envelope.Recipient(MailAddress.parse(address), options),
                RecipientState.Status.FAILED, Optional.of(new RecipientOutcome(T.plusSeconds(60), 550, "5.1.1",
                "user unknown", "mx.example.net")));
    }

    private static MimeMessage parse(byte[] dsn) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(dsn));
    }

    @Test
    void failureReportHasTheThreePartsOfRfc3464() throws Exception {
        RecipientState gone = failed("x@example.net", RcptOptions.NONE
                .withOriginalRecipient(new OriginalRecipient("rfc822", "Alias@example.net")));
        QueuedMessage m = message(MailOptions.NONE.withEnvelopeId("QQ314159"), gone);

        byte[] dsn = DeliveryStatusNotification.build("out.example.org", m,
                List.of(new DsnRecipient(gone, DsnAction.FAILED)), MessageContent.of(ORIGINAL), T.plusSeconds(61),
                Optional.empty(), 1 << 20);

        MimeMessage parsed = parse(dsn);
        assertThat(parsed.getContentType()).startsWith("multipart/report").contains("report-type=delivery-status");
        assertThat(parsed.getHeader("Auto-Submitted")[0]).isEqualTo("auto-replied");
        assertThat(parsed.getHeader("To")[0]).isEqualTo("<s@example.org>");
        MimeMultipart parts = (MimeMultipart) parsed.getContent();
        assertThat(parts.getCount()).isEqualTo(3);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("message/delivery-status");
        assertThat(parts.getBodyPart(2).getContentType()).startsWith("text/rfc822-headers");
        String text = new String(dsn, StandardCharsets.UTF_8);
        assertThat(text).contains("Reporting-MTA: dns; out.example.org", "Original-Envelope-Id: QQ314159",
                "Arrival-Date: Sun, 1 Mar 2026 10:00:00 +0000", "Original-Recipient: rfc822;Alias@example.net",
                "Final-Recipient: rfc822;x@example.net", "Action: failed", "Status: 5.1.1",
                "Remote-MTA: dns; mx.example.net", "Diagnostic-Code: smtp; 550 5.1.1 user unknown",
                "Subject: plans", "Its header is attached below.");
        assertThat(text).doesNotContain("secret body");
    }

    @Test
    void successReportsNeverReturnTheContentAndDoNotMixWithFailures() throws Exception {
        RecipientState relayed = new RecipientState(Envelope.Recipient.of(MailAddress.parse("r@example.net")),
                RecipientState.Status.DELIVERED, Optional.of(new RecipientOutcome(T, 250, "2.0.0", "OK", "mx.example.net")));
        RecipientState local = new RecipientState(Envelope.Recipient.of(MailAddress.parse("l@example.org")),
                RecipientState.Status.DELIVERED, Optional.of(new RecipientOutcome(T, 250, "2.0.0", "delivered to a mailbox", "")));
        QueuedMessage m = message(MailOptions.NONE.withRet(DsnReturn.FULL), relayed, local);

        byte[] dsn = DeliveryStatusNotification.build("out.example.org", m, List.of(new DsnRecipient(relayed, DsnAction.RELAYED),
                new DsnRecipient(local, DsnAction.DELIVERED)), MessageContent.of(ORIGINAL), T, Optional.empty(), 1 << 20);

        MimeMessage parsed = parse(dsn);
        assertThat(parsed.getSubject()).isEqualTo("Successful Mail Delivery Report");
        MimeMultipart parts = (MimeMultipart) parsed.getContent();
        assertThat(parts.getBodyPart(2).getContentType()).startsWith("text/rfc822-headers");
        assertThat(new String(dsn, StandardCharsets.UTF_8))
                .contains("Action: relayed", "Remote-MTA: dns; mx.example.net", "Diagnostic-Code: smtp; 250 2.0.0 OK",
                        "Final-Recipient: rfc822;l@example.org\r\nAction: delivered\r\nStatus: 2.0.0\r\nLast-Attempt-Date",
                        "<l@example.org>: delivered to a mailbox", "Subject: plans")
                .doesNotContain("secret body");

        RecipientState gone = failed("x@example.net", RcptOptions.NONE);
        assertThatThrownBy(() -> DeliveryStatusNotification.build("out.example.org", message(MailOptions.NONE, gone, local),
                List.of(new DsnRecipient(gone, DsnAction.FAILED), new DsnRecipient(local, DsnAction.DELIVERED)),
                MessageContent.of(ORIGINAL), T, Optional.empty(), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("separate reports");
    }

    @Test
    void retFullReturnsTheWholeMessageWhenItFits() throws Exception {
        RecipientState gone = failed("x@example.net", RcptOptions.NONE);
        QueuedMessage m = message(MailOptions.NONE.withRet(DsnReturn.FULL), gone);

        byte[] whole = DeliveryStatusNotification.build("out.example.org", m,
                List.of(new DsnRecipient(gone, DsnAction.FAILED)), MessageContent.of(ORIGINAL), T, Optional.empty(), 1000);
        byte[] cut = DeliveryStatusNotification.build("out.example.org", m,
                List.of(new DsnRecipient(gone, DsnAction.FAILED)), MessageContent.of(ORIGINAL), T, Optional.empty(), 10);

        MimeMultipart parts = (MimeMultipart) parse(whole).getContent();
        assertThat(parts.getBodyPart(2).getContentType()).startsWith("message/rfc822");
        assertThat(new String(whole, StandardCharsets.UTF_8)).contains("secret body", "It is attached below.");
        assertThat(new String(cut, StandardCharsets.UTF_8)).doesNotContain("secret body").contains("text/rfc822-headers")
                .contains("Its header is attached below.");
    }

    @Test
    void neverForTheNullSender() {
        RecipientState gone = failed("x@example.net", RcptOptions.NONE);
        QueuedMessage m = new QueuedMessage("ID-2", Optional.empty(), MailOptions.NONE, List.of(gone), T, T, 1,
                ORIGINAL.length, List.of(), false, Optional.empty());
        assertThatThrownBy(() -> DeliveryStatusNotification.build("out.example.org", m,
                List.of(new DsnRecipient(gone, DsnAction.FAILED)), MessageContent.of(ORIGINAL), T, Optional.empty(), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
