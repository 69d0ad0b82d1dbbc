package dev.mailwright.smtp.internal;

import dev.mailwright.core.AddressException;
import dev.mailwright.core.EsmtpParameters;
import dev.mailwright.core.MailAddress;
import dev.mailwright.core.MailOptions;
import dev.mailwright.core.ParameterException;
import dev.mailwright.smtp.SmtpReply;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** MAIL FROM (RFC 5321 §4.1.1.2) with the parameters of SIZE, 8BITMIME, SMTPUTF8, DSN, REQUIRETLS and AUTH. */
final class MailCommand implements Command {

    private static final SmtpReply SYNTAX = SmtpReply.of(501, "5.5.4", "syntax: MAIL FROM:<address> [parameters]");

    @Override
    public String verb() {
        return "MAIL";
    }

    @Override
    public Set<Precondition> preconditions() {
        return EnumSet.of(Precondition.INTRODUCED, Precondition.NO_TRANSACTION, Precondition.AUTHENTICATED_FOR_SUBMISSION);
    }

    @Override
    public void execute(Conversation c, String argument) {
        if (c.shuttingDown()) {
            c.closeWith(SmtpReply.of(421, "4.3.2", c.context().hostname() + " service shutting down, closing connection"));
            return;
        }
        Optional<PathArgument> parsed = PathArgument.parse(argument, "FROM");
        if (parsed.isEmpty()) {
            c.reply(SYNTAX);
            return;
        }
        PathArgument arg = parsed.get();
        Optional<MailAddress> sender;
        try {
            sender = MailAddress.parseReversePath(arg.path());
        } catch (AddressException e) {
            c.reply(SmtpReply.of(501, "5.1.7", "bad sender address: " + e.getMessage()));
            return;
        }
        MailOptions options;
        try {
            options = MailOptions.fromParameters(EsmtpParameters.parse(arg.parameters()), c.enabledExtensions());
        } catch (ParameterException e) {
            c.reply(SmtpReply.of(e.isUnsupported() ? 555 : 501, "5.5.4", e.getMessage()));
            return;
        }
        if (arg.isNonAscii() && !options.smtpUtf8()) {
            c.reply(SmtpReply.of(553, "5.6.7", "non-ASCII address requires SMTPUTF8"));
            return;
        }
        if (options.size().isPresent() && options.size().getAsLong() > c.context().limits().maxMessageSize()) {
            c.reply(SmtpReply.of(552, "5.3.4", "message size exceeds fixed maximum message size"));
            return;
        }
        if (options.authIdentity().isPresent() && !c.info().isAuthenticated()) {
            // RFC 4954 §5: an unauthenticated client's AUTH= is not trusted.
            options = options.withAuthIdentity("");
        }
        MailOptions accepted = options;
        if (c.callSession("mail", () -> c.session().mail(sender, accepted))) {
            c.beginTransaction(sender, accepted);
            c.reply(SmtpReply.of(250, "2.1.0", "sender OK"));
        }
    }
}
