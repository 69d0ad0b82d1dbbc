package dev.mailwright.smtp.internal;

import dev.mailwright.smtp.SmtpReply;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * BDAT (RFC 3030): a chunk of exactly the given number of octets follows the command, with
 * no dot-stuffing; {@code LAST} ends the message. A refused BDAT's octets are read and
 * dropped, never taken for commands. A size that cannot be read leaves no way to find the
 * next command, so the connection ends.
 */
final class BdatCommand implements Command {

    /** Eighteen digits always fit in a long. */
    private static final int MAX_DIGITS = 18;

    @Override
    public String verb() {
        return "BDAT";
    }

    /** Checked here rather than by the registry: a refused BDAT must still skip its chunk. */
    @Override
    public Set<Precondition> preconditions() {
        return Set.of();
    }

    @Override
    public void execute(Conversation c, String argument) {
        String[] words = argument.split(" +");
        long size = parseSize(words[0]);
        boolean last = words.length == 2 && words[1].toUpperCase(Locale.ROOT).equals("LAST");
        if (size < 0 || words.length > 2 || words.length == 2 && !last) {
            c.reply(SmtpReply.of(501, "5.5.4", "syntax: BDAT size [LAST]"));
            c.closeWith(SmtpReply.of(421, "4.5.0", c.context().hostname() + " cannot find the end of the chunk, closing connection"));
            return;
        }
        Optional<SmtpReply> refusal = refusal(c);
        if (refusal.isPresent()) {
            c.reply(refusal.get());
            c.skipChunk(size);
            return;
        }
        c.beginChunk(size, last);
    }

    private static Optional<SmtpReply> refusal(Conversation c) {
        for (Precondition p : EnumSet.of(Precondition.INTRODUCED, Precondition.TRANSACTION)) {
            Optional<SmtpReply> r = p.check(c);
            if (r.isPresent()) {
                return r;
            }
        }
        Transaction t = c.transaction();
        if (t.recipients.isEmpty()) {
            return Optional.of(DataCommand.noRecipients(t));
        }
        return Optional.empty();
    }

    private static long parseSize(String text) {
        if (text.isEmpty() || text.length() > MAX_DIGITS) {
            return -1;
        }
        long size = 0;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch < '0' || ch > '9') {
                return -1;
            }
            size = size * 10 + (ch - '0');
        }
        return size;
    }
}
