package dev.mailwright.smtp.internal;

import dev.mailwright.smtp.SmtpReply;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * AUTH (RFC 4954) with PLAIN (RFC 4616) and LOGIN, initial responses included. Refused with
 * 538 5.7.11 where TLS is required and not yet in place.
 */
final class AuthCommand implements Command {

    @Override
    public String verb() {
        return "AUTH";
    }

    @Override
    public Set<Precondition> preconditions() {
        return EnumSet.of(Precondition.INTRODUCED, Precondition.NO_TRANSACTION);
    }

    @Override
    public void execute(Conversation c, String argument) {
        if (!c.context().listener().auth()) {
            c.reply(SmtpReply.of(503, "5.5.1", "authentication not enabled"));
            return;
        }
        if (c.info().isAuthenticated()) {
            c.reply(SmtpReply.of(503, "5.5.1", "already authenticated"));
            return;
        }
        if (c.tlsRequiredForAuth()) {
            c.reply(SmtpReply.of(538, "5.7.11", "encryption required for requested authentication mechanism"));
            return;
        }
        String[] words = argument.split(" ", -1);
        if (argument.isEmpty() || words.length > 2 || words.length == 2 && words[1].isEmpty()) {
            c.reply(SmtpReply.of(501, "5.5.4", "syntax: AUTH mechanism [initial-response]"));
            return;
        }
        Optional<SaslExchange> exchange = SaslExchange.forMechanism(words[0]);
        if (exchange.isEmpty()) {
            c.reply(SmtpReply.of(504, "5.5.4", "unrecognized authentication type"));
            return;
        }
        c.beginAuth(exchange.get(), words.length == 2 ? Optional.of(words[1]) : Optional.empty());
    }
}
