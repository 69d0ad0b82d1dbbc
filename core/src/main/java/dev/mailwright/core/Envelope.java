package dev.mailwright.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The SMTP envelope of one message: the reverse-path with its MAIL parameters and the
 * accepted recipients with their RCPT parameters, in the order they were given.
 * Immutable.
 *
 * @param sender the reverse-path; empty for the null sender {@code <>} (bounces and other
 *     notifications, RFC 5321 §4.5.5)
 * @param mailOptions the MAIL parameters
 * @param recipients the recipients, copied
 */
public record Envelope(Optional<MailAddress> sender, MailOptions mailOptions, List<Recipient> recipients) {

    public Envelope {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(mailOptions, "mailOptions");
        recipients = List.copyOf(recipients);
    }

    /** The recipient addresses, in order. */
    public List<MailAddress> recipientAddresses() {
        return recipients.stream().map(Recipient::address).toList();
    }

    /** This envelope with other recipients (for example one domain's share of them). */
    public Envelope withRecipients(List<Recipient> recipients) {
        return new Envelope(sender, mailOptions, recipients);
    }

    /**
     * One recipient and its RCPT parameters.
     *
     * @param address the forward-path
     * @param options the RCPT parameters
     */
    public record Recipient(MailAddress address, RcptOptions options) {

        public Recipient {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(options, "options");
        }

        /** A recipient without parameters. */
        public static Recipient of(MailAddress address) {
            return new Recipient(address, RcptOptions.NONE);
        }
    }
}
