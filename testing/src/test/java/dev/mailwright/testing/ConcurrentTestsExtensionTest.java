package dev.mailwright.testing;

import static dev.mailwright.testing.MailAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Test methods running concurrently (as this build runs them: see junit-platform.properties),
 * each with its own server from a static per-method extension, each sending mail and
 * asserting only its own.
 */
@Execution(ExecutionMode.CONCURRENT)
class ConcurrentTestsExtensionTest {

    @RegisterExtension
    static MailServerExtension mail = MailServerExtension.perMethod();

    @RepeatedTest(8)
    void eachTestSeesOnlyItsOwnMessages(RepetitionInfo repetition) throws Exception {
        int n = repetition.getCurrentRepetition();
        for (int i = 1; i <= n % 3 + 1; i++) {
            Mails.send(mail.session(Protocol.SMTP), "sender" + n + "@example.com", "rcpt" + n + "@example.com",
                    "test " + n + " message " + i, "text");
        }
        List<ReceivedMessage> received = mail.awaitMessages(n % 3 + 1, Duration.ofSeconds(10));
        assertThat(received).hasSize(n % 3 + 1);
        for (ReceivedMessage m : received) {
            assertThat(m).hasEnvelopeSender("sender" + n + "@example.com").hasRecipient("rcpt" + n + "@example.com")
                    .hasSubjectContaining("test " + n + " ");
        }
    }
}
