package dev.mailwright.smtp.internal;

import dev.mailwright.core.AddressException;
import dev.mailwright.core.Envelope;
import dev.mailwright.core.EsmtpParameters;
import dev.mailwright.core.MailAddress;
import dev.mailwright.core.ParameterException;
import dev.mailwright.core.RcptOptions;
import dev.mailwright.smtp.SmtpReply;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * RCPT TO (RFC 5321 §4.1.1.3) with the DSN parameters NOTIFY and ORCPT. Every recipient is
 * put to the session, which alone decides: the engine relays for no one by itself. The
 * domainless {@code <Postmaster>} is taken as postmaster at the server's own name.
 */
final class RcptCommand implements Command {

    private static final SmtpReply SYNTAX = SmtpReply.of(501, "5.5.4", "syntax: RCPT TO:<address> [parameters]");

    @Override
    public String verb() {
        return "RCPT";
    }

    @Override
    public Set<Precondition> preconditions() {
        return EnumSet.of(Precondition.TRANSACTION);
    }

    @Override
    public void execute(Conversation c, String argument) {
        Transaction t = c.transaction();
        if (t.chunking) {
            c.reply(SmtpReply.of(503, "5.5.1", "RCPT not allowed after BDAT"));
            return;
        }
        Optional<PathArgument> parsed = PathArgument.parse(argument, "TO");
        if (parsed.isEmpty()) {
            c.reply(SYNTAX);
            return;
        }
        PathArgument arg = parsed.get();
        MailAddress recipient;
        try {
            recipient = arg.path().equalsIgnoreCase("<postmaster>")
                    ? MailAddress.of("postmaster", c.context().hostname())
                    : MailAddress.parseForwardPath(arg.path());
        } catch (AddressException e) {
            c.reply(SmtpReply.of(501, "5.1.3", "bad recipient address: " + e.getMessage()));
            return;
        }
        RcptOptions options;
        try {
            options = RcptOptions.fromParameters(EsmtpParameters.parse(arg.parameters()), c.enabledExtensions());
        } catch (ParameterException e) {
            c.reply(SmtpReply.of(e.isUnsupported() ? 555 : 501, "5.5.4", e.getMessage()));
            return;
        }
        if (arg.isNonAscii() && !t.options.smtpUtf8()) {
            c.reply(SmtpReply.of(553, "5.6.7", "non-ASCII address requires SMTPUTF8"));
            return;
        }
        t.recipientsTried++;
        if (t.recipients.size() >= c.context().limits().maxRecipients()) {
            c.reply(SmtpReply.of(452, "4.5.3", "too many recipients"));
            return;
        }
        if (c.callSession("rcpt", () -> c.session().rcpt(recipient, options))) {
            t.recipients.add(new Envelope.Recipient(recipient, options));
            c.reply(SmtpReply.of(250, "2.1.5", "recipient OK"));
        }
    }
}
