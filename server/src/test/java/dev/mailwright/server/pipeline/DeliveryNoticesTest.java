package dev.mailwright.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.DsnNotify;
import dev.mailwright.core.Envelope;
import dev.mailwright.core.MailAddress;
import dev.mailwright.core.MailOptions;
import dev.mailwright.core.MessageContent;
import dev.mailwright.core.RcptOptions;
import dev.mailwright.core.delivery.DeliveryResult;
import dev.mailwright.core.delivery.RecipientResult;
import dev.mailwright.smtp.outbound.dsn.DsnAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeliveryNoticesTest {

    private final List<Envelope> sent = new ArrayList<>();
    private final List<String> bodies = new ArrayList<>();
    private final DeliveryNotices notices = new DeliveryNotices("mx.example.org", (envelope, content) -> {
        sent.add(envelope);
        bodies.add(new String(content.toByteArray(), StandardCharsets.UTF_8));
        return new DeliveryResult(envelope.recipientAddresses().stream().map(RecipientResult::accepted).toList());
    }, Clock.systemUTC());

    private static Envelope envelope(String sender, String... recipients) {
        return new Envelope(Optional.ofNullable(sender).map(MailAddress::parse), MailOptions.NONE,
                java.util.Arrays.stream(recipients).map(r -> Envelope.Recipient.of(MailAddress.parse(r))).toList());
    }

    private static final MessageContent MESSAGE = MessageContent.of(
            "From: carol@example.net\r\nSubject: original\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII));

    @Test
    void reportsTheFailedRecipientsToTheSender() {
        Envelope envelope = envelope("carol@example.net", "alice@example.org", "bob@example.org");
        DeliveryResult result = new DeliveryResult(List.of(RecipientResult.accepted(MailAddress.parse("alice@example.org")),
                RecipientResult.temporaryFailure(MailAddress.parse("bob@example.org"), 451, "4.3.0", "storage failure")));
        notices.failed("m1", envelope, result, MESSAGE);

        assertThat(sent).singleElement().satisfies(e -> {
            assertThat(e.sender()).isEmpty();
            assertThat(e.recipientAddresses()).containsExactly(MailAddress.parse("carol@example.net"));
        });
        assertThat(bodies.get(0)).contains("report-type=delivery-status").contains("Final-Recipient: rfc822;bob@example.org")
                .contains("Action: failed").contains("Status: 5.3.0").contains("550").doesNotContain("alice@example.org;")
                .contains("Subject: original");
    }

    @Test
    void noReportToTheNullSenderOrWhenNotifyNeverAsks() {
        DeliveryResult result = new DeliveryResult(List.of(
                RecipientResult.permanentFailure(MailAddress.parse("bob@example.org"), 550, "5.1.1", "gone")));
        notices.failed("m2", envelope(null, "bob@example.org"), result, MESSAGE);
        Envelope never = new Envelope(Optional.of(MailAddress.parse("carol@example.net")), MailOptions.NONE,
                List.of(new Envelope.Recipient(MailAddress.parse("bob@example.org"),
                        dev.mailwright.core.RcptOptions.NONE.withNotifyOn(java.util.Set.of(dev.mailwright.core.DsnNotify.NEVER)))));
        notices.failed("m3", never, result, MESSAGE);
        assertThat(sent).isEmpty();
    }

    @Test
    void reportsSuccessOnlyToRecipientsThatAskedForIt() {
        Envelope.Recipient asked = new Envelope.Recipient(MailAddress.parse("alice@example.org"),
                RcptOptions.NONE.withNotifyOn(Set.of(DsnNotify.SUCCESS)));
        Envelope.Recipient team = new Envelope.Recipient(MailAddress.parse("team@example.org"),
                RcptOptions.NONE.withNotifyOn(Set.of(DsnNotify.SUCCESS, DsnNotify.FAILURE)));
        Envelope.Recipient quiet = Envelope.Recipient.of(MailAddress.parse("bob@example.org"));
        Envelope envelope = new Envelope(Optional.of(MailAddress.parse("carol@example.net")), MailOptions.NONE,
                List.of(asked, team, quiet));
        Map<Envelope.Recipient, DsnAction> handled = new LinkedHashMap<>();
        handled.put(asked, DsnAction.DELIVERED);
        handled.put(team, DsnAction.EXPANDED);
        handled.put(quiet, DsnAction.DELIVERED);

        notices.succeeded("m4", envelope, handled, MESSAGE);

        assertThat(sent).singleElement().satisfies(e -> assertThat(e.recipientAddresses())
                .containsExactly(MailAddress.parse("carol@example.net")));
        assertThat(bodies.get(0)).contains("Subject: Successful Mail Delivery Report",
                "Final-Recipient: rfc822;alice@example.org\r\nAction: delivered\r\nStatus: 2.0.0",
                "Final-Recipient: rfc822;team@example.org\r\nAction: expanded\r\nStatus: 2.0.0")
                .doesNotContain("bob@example.org").doesNotContain("Remote-MTA");

        notices.succeeded("m5", new Envelope(Optional.empty(), MailOptions.NONE, List.of(asked)),
                Map.of(asked, DsnAction.DELIVERED), MESSAGE);
        assertThat(sent).as("never to the null sender").hasSize(1);
    }
}
