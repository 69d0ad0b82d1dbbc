package dev.mailwright.imap.internal.protocol;

import dev.mailwright.core.MessageContent;
import dev.mailwright.core.SpoolingOutputStream;
import dev.mailwright.core.net.Input;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Assembles commands from a connection's input: lines and the literals they announce
 * (RFC 3501 §4.3, RFC 7888 non-synchronizing literals, RFC 3516 {@code literal8}). Sizes
 * are checked when a literal is announced, before a byte of it is read or allocated;
 * literals above the spool threshold go to a temporary file as they arrive.
 *
 * <p>Not thread-safe: one reader per connection, used on the connection's worker.
 */
public final class CommandReader {

    /** Largest non-synchronizing literal under LITERAL- (RFC 7888 §4). */
    public static final int LITERAL_MINUS_MAX = 4096;

    /** What the reader produced: a command, or a refusal to send. */
    public sealed interface Result permits Complete, Refused {}

    /** A whole command, ready to parse. */
    public record Complete(RawCommand command) implements Result {}

    /**
     * A command refused while it was being read.
     *
     * @param tag the command's tag, or {@code *} when none could be read
     * @param response the tagged response without the tag, e.g. {@code BAD [TOOBIG] ...}
     * @param close whether to end the connection: the rest of the input cannot be trusted
     */
    public record Refused(String tag, String response, boolean close) implements Result {}

    /** What the reader needs to know about the session and the limits. */
    public interface Policy {
        /** The largest literal this command may carry in the current session state. */
        long maxLiteral(String commandName);

        /** Whether the session is authenticated; non-synchronizing overflows are skipped, not fatal, then. */
        boolean authenticated();

        /** Whether LITERAL- rather than LITERAL+ is in force. */
        boolean literalMinus();

        /** Sends the continuation request for a synchronizing literal. */
        void continueLiteral();
    }

    private final int maxLineLength;
    private final int maxCommandBytes;
    private final int spoolThreshold;
    private final Path spoolDirectory;
    private final Policy policy;

    private final List<byte[]> lines = new ArrayList<>();
    private final List<Literal> literals = new ArrayList<>();
    private String tag;
    private String name;
    private long commandBytes;
    private PendingLiteral literal;
    private long skipping;
    /** The rest of a refused command is being read and dropped, up to its last line. */
    private boolean discarding;

    public CommandReader(int maxLineLength, int maxCommandBytes, int spoolThreshold, Path spoolDirectory, Policy policy) {
        this.maxLineLength = maxLineLength;
        this.maxCommandBytes = maxCommandBytes;
        this.spoolThreshold = spoolThreshold;
        this.spoolDirectory = spoolDirectory;
        this.policy = policy;
    }

    /** Literal bytes on their way in. */
    private static final class PendingLiteral {
        final long size;
        final boolean binary;
        long remaining;
        byte[] memory;
        SpoolingOutputStream spool;

        PendingLiteral(long size, boolean binary) {
            this.size = size;
            this.binary = binary;
            this.remaining = size;
        }
    }

    /**
     * Reads what it can; returns the next result, or null when more input is needed.
     */
    public Result read(Input input) {
        while (true) {
            if (skipping > 0) {
                int n = input.consume((bytes, offset, length) -> (int) Math.min(length, skipping));
                skipping -= n;
                if (skipping > 0) {
                    return null;
                }
                continue;
            }
            if (literal != null) {
                if (!fillLiteral(input)) {
                    return null;
                }
                continue;
            }
            Input.Line line = input.readLine(maxLineLength);
            if (line == null) {
                return null;
            }
            if (line.tooLong()) {
                String t = tag == null ? "*" : tag;
                reset();
                return new Refused(t, "BAD [TOOBIG] Line longer than " + maxLineLength + " bytes", true);
            }
            Result result = line(line.bytes());
            if (result != null) {
                return result;
            }
        }
    }

    private Result line(byte[] bytes) {
        if (discarding) {
            Announcement a = Announcement.at(bytes);
            if (a != null && !a.sync && a.size >= 0 && a.size <= maxCommandBytes) {
                skipping = a.size;
            } else {
                discarding = false;
            }
            return null;
        }
        if (tag == null) {
            if (bytes.length == 0) {
                // Counted as a bad command, so that blank lines cannot keep a connection alive for ever.
                return new Refused("*", "BAD Empty command line", false);
            }
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            int space = text.indexOf(' ');
            String t = space < 0 ? text : text.substring(0, space);
            if (!Syntax.isTag(t)) {
                return refuseLine(bytes, "*", "BAD Missing or invalid command tag");
            }
            tag = t;
            int end = text.indexOf(' ', space + 1);
            String n = space < 0 ? "" : (end < 0 ? text.substring(space + 1) : text.substring(space + 1, end));
            int brace = n.indexOf('{');
            if (brace >= 0) {
                n = n.substring(0, brace);
            }
            name = n.toUpperCase(Locale.ROOT);
        }
        commandBytes += bytes.length + 2;
        lines.add(bytes);
        if (commandBytes > maxCommandBytes) {
            return refuseLine(bytes, tag, "BAD [TOOBIG] Command longer than " + maxCommandBytes + " bytes");
        }
        Announcement a = Announcement.at(bytes);
        if (a == null) {
            RawCommand command = new RawCommand(tag, name, lines, literals);
            lines.clear();
            literals.clear();
            tag = null;
            name = null;
            commandBytes = 0;
            return new Complete(command);
        }
        if (a.size < 0) {
            return refuseLine(bytes, tag, "BAD Literal size out of range");
        }
        long max = policy.maxLiteral(name);
        if (!a.sync && policy.literalMinus()) {
            max = Math.min(max, LITERAL_MINUS_MAX);
        }
        boolean countsTowardCommand = a.size > 0 && !"APPEND".equals(name);
        if (a.size > max || countsTowardCommand && commandBytes + a.size > maxCommandBytes) {
            String response = "APPEND".equals(name) && a.sync
                    ? "NO [TOOBIG] Message larger than the limit of " + max + " bytes"
                    : "BAD [TOOBIG] Literal larger than the limit of " + Math.min(max, maxCommandBytes) + " bytes";
            String t = tag;
            reset();
            if (a.sync) {
                return new Refused(t, response, false);
            }
            if (policy.authenticated()) {
                skipping = a.size;
                discarding = true;
                return new Refused(t, response, false);
            }
            return new Refused(t, response, true);
        }
        if (countsTowardCommand) {
            commandBytes += a.size;
        }
        literal = new PendingLiteral(a.size, a.binary);
        if (a.size > spoolThreshold) {
            literal.spool = new SpoolingOutputStream(spoolThreshold, spoolDirectory);
        } else {
            literal.memory = new byte[(int) a.size];
        }
        if (a.sync) {
            policy.continueLiteral();
        }
        return null;
    }

    /** Refuses the command a line belongs to; a non-synchronizing literal it announces cannot be told from commands. */
    private Result refuseLine(byte[] bytes, String t, String response) {
        Announcement a = Announcement.at(bytes);
        reset();
        if (a != null && !a.sync) {
            if (policy.authenticated() && a.size >= 0 && a.size <= LITERAL_MINUS_MAX) {
                skipping = a.size;
                discarding = true;
                return new Refused(t, response, false);
            }
            return new Refused(t, response, true);
        }
        return new Refused(t, response, false);
    }

    private boolean fillLiteral(Input input) {
        PendingLiteral l = literal;
        input.consume((bytes, offset, length) -> {
            int n = (int) Math.min(length, l.remaining);
            int at = (int) (l.size - l.remaining);
            if (l.memory != null) {
                System.arraycopy(bytes, offset, l.memory, at, n);
            } else {
                try {
                    l.spool.write(bytes, offset, n);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            l.remaining -= n;
            return n;
        });
        if (l.remaining > 0) {
            return false;
        }
        MessageContent content;
        try {
            content = l.memory != null ? MessageContent.of(l.memory) : l.spool.toContent();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        literals.add(new Literal(content, l.binary));
        literal = null;
        return true;
    }

    /** Drops a half-read command and any literal spooled for it. */
    public void reset() {
        for (Literal l : literals) {
            l.content().release();
        }
        if (literal != null && literal.spool != null) {
            literal.spool.discard();
        }
        literal = null;
        lines.clear();
        literals.clear();
        tag = null;
        name = null;
        commandBytes = 0;
    }

    /** Whether a command is partly read. */
    public boolean inCommand() {
        return tag != null || skipping > 0 || discarding;
    }

    /** A literal announcement at the end of a line: {@code {n}}, {@code {n+}} or {@code ~{n}}. */
    private record Announcement(long size, boolean sync, boolean binary) {

        static Announcement at(byte[] line) {
            int end = line.length;
            if (end < 3 || line[end - 1] != '}') {
                return null;
            }
            int i = end - 2;
            boolean sync = true;
            if (line[i] == '+') {
                sync = false;
                i--;
            }
            int digitsEnd = i + 1;
            while (i >= 0 && line[i] >= '0' && line[i] <= '9') {
                i--;
            }
            if (i < 0 || line[i] != '{' || i + 1 == digitsEnd) {
                return null;
            }
            boolean binary = i > 0 && line[i - 1] == '~';
            int digits = digitsEnd - i - 1;
            if (digits > 10) {
                return new Announcement(-1, sync, binary);
            }
            long size = Long.parseLong(new String(line, i + 1, digits, StandardCharsets.US_ASCII));
            return new Announcement(size > 0xFFFF_FFFFL ? -1 : size, sync, binary);
        }
    }
}
