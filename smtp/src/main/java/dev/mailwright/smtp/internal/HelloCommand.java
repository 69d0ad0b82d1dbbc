package dev.mailwright.smtp.internal;

import dev.mailwright.smtp.SmtpReply;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * HELO and EHLO (RFC 5321 §4.1.1.1) and LMTP's LHLO (RFC 2033 §4.1): the client names
 * itself, any transaction is dropped, and EHLO/LHLO list the extensions offered now.
 */
final class HelloCommand implements Command {

    private final String verb;
    private final boolean extended;

    private HelloCommand(String verb, boolean extended) {
        this.verb = verb;
        this.extended = extended;
    }

    static HelloCommand helo() {
        return new HelloCommand("HELO", false);
    }

    static HelloCommand ehlo() {
        return new HelloCommand("EHLO", true);
    }

    static HelloCommand lhlo() {
        return new HelloCommand("LHLO", true);
    }

    @Override
    public String verb() {
        return verb;
    }

    @Override
    public Set<Precondition> preconditions() {
        return Set.of();
    }

    @Override
    public void execute(Conversation c, String argument) {
        String name = argument.strip();
        int space = name.indexOf(' ');
        if (space > 0) {
            name = name.substring(0, space);
        }
        if (name.isEmpty()) {
            c.reply(SmtpReply.of(501, "5.5.4", "syntax: " + verb + " hostname"));
            return;
        }
        c.introduced(name, extended);
        String host = c.context().hostname();
        if (!extended) {
            c.reply(SmtpReply.of(250, "", host));
            return;
        }
        c.reply(new SmtpReply(250, "", capabilities(c, host)));
    }

    static List<String> capabilities(Conversation c, String host) {
        List<String> lines = new ArrayList<>();
        lines.add(host);
        lines.add("PIPELINING");
        lines.add("SIZE " + c.context().limits().maxMessageSize());
        lines.add("8BITMIME");
        lines.add("SMTPUTF8");
        lines.add("ENHANCEDSTATUSCODES");
        lines.add("CHUNKING");
        lines.add("DSN");
        if (c.connection().canStartTls()) {
            lines.add("STARTTLS");
        }
        if (c.context().listener().auth() && !c.tlsRequiredForAuth()) {
            lines.add("AUTH " + SaslExchange.MECHANISMS);
        }
        if (c.connection().isSecure()) {
            lines.add("REQUIRETLS");
        }
        return lines;
    }
}
