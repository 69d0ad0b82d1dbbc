package dev.mailwright.testing;

/**
 * Entry point of the mail assertions, beside AssertJ's own:
 *
 * <pre>{@code
 * import static dev.mailwright.testing.MailAssertions.assertThat;
 *
 * assertThat(mail.awaitMessages(1).get(0))
 *         .isFrom("shop@example.com")
 *         .isTo("alice@example.com")
 *         .hasSubject("Your order")
 *         .bodyContains("Thank you")
 *         .hasAttachmentNamed("invoice.pdf");
 * }</pre>
 */
public final class MailAssertions {

    private MailAssertions() {
    }

    public static ReceivedMessageAssert assertThat(ReceivedMessage actual) {
        return new ReceivedMessageAssert(actual);
    }
}
