package dev.mailwright.imap.internal.protocol;

import java.util.List;

/**
 * One complete command as received: its lines, each but the last ending in a literal
 * announcement whose bytes follow in {@link #literals()}. The reader has already checked
 * the sizes; the {@link Arguments} parser gives the syntax its meaning.
 *
 * @param tag the command's tag
 * @param name the command name in upper case
 * @param lines the lines without CRLF; line {@code i} is followed by literal {@code i}
 */
public record RawCommand(String tag, String name, List<byte[]> lines, List<Literal> literals) {

    public RawCommand {
        lines = List.copyOf(lines);
        literals = List.copyOf(literals);
    }

    /** Frees spooled literals; a command that keeps a literal's content takes it over first. */
    public void release() {
        for (Literal literal : literals) {
            literal.content().release();
        }
    }
}
