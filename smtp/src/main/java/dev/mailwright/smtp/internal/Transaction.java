package dev.mailwright.smtp.internal;

import dev.mailwright.core.Envelope;
import dev.mailwright.core.MailAddress;
import dev.mailwright.core.MailOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One mail transaction, from MAIL to the end of the message, RSET or an error. */
final class Transaction {

    final Optional<MailAddress> sender;
    final MailOptions options;
    final List<Envelope.Recipient> recipients = new ArrayList<>();
    /** RCPT commands tried, accepted or not, to tell "no RCPT" (503) from "none accepted" (554). */
    int recipientsTried;
    /** The message being received, from DATA or the first BDAT on. */
    MessageSink sink;
    /** BDAT has been used, so DATA may not be. */
    boolean chunking;

    Transaction(Optional<MailAddress> sender, MailOptions options) {
        this.sender = sender;
        this.options = options;
    }

    Envelope envelope() {
        return new Envelope(sender, options, recipients);
    }

    /** Drops any message bytes held. */
    void discard() {
        if (sink != null) {
            sink.discard();
            sink = null;
        }
    }
}
