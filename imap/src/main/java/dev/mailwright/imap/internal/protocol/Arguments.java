package dev.mailwright.imap.internal.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a command's arguments by the IMAP grammar (RFC 3501 §9, RFC 9051 §9): atoms,
 * quoted strings, literals, numbers, lists, sequence sets and dates. Every method either
 * consumes what it read or throws a {@code BAD} naming what was expected.
 */
public final class Arguments {

    private static final String[] MONTHS = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};

    private final RawCommand command;
    private byte[] line;
    private int lineIndex;
    private int pos;

    /** Arguments starting right after the tag and command name. */
    public Arguments(RawCommand command) {
        this.command = command;
        this.line = command.lines().get(0);
        int space = indexOf(line, ' ', 0);
        if (space < 0) {
            pos = line.length;
        } else {
            int next = space + 1;
            while (next < line.length && line[next] != ' ' && !(line[next] == '{' || line[next] == '~' && next + 1 < line.length && line[next + 1] == '{')) {
                next++;
            }
            pos = next;
        }
    }

    private static int indexOf(byte[] bytes, char c, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == c) {
                return i;
            }
        }
        return -1;
    }

    public RawCommand command() {
        return command;
    }

    /** The next byte, or -1 at the end of the command. */
    public int peek() {
        return pos < line.length ? line[pos] & 0xFF : -1;
    }

    public boolean atEnd() {
        return pos >= line.length && lineIndex == command.lines().size() - 1;
    }

    /** Expects the end of the command. */
    public void end() throws ImapException {
        if (!atEnd()) {
            throw ImapException.bad("Unexpected extra arguments");
        }
    }

    /** Expects one space. */
    public void sp() throws ImapException {
        expect(' ');
    }

    /** Consumes {@code c} if it is next. */
    public boolean tryChar(char c) {
        if (peek() == c) {
            pos++;
            return true;
        }
        return false;
    }

    public void expect(char c) throws ImapException {
        if (!tryChar(c)) {
            throw ImapException.bad(peek() < 0 ? "Missing argument" : "Expected '" + c + "'");
        }
    }

    /** An atom: one or more ATOM-CHARs. */
    public String atom() throws ImapException {
        int start = pos;
        while (pos < line.length && Syntax.isAtomChar(line[pos] & 0xFF)) {
            pos++;
        }
        if (pos == start) {
            throw ImapException.bad(peek() < 0 ? "Missing argument" : "Expected an atom");
        }
        return new String(line, start, pos - start, StandardCharsets.US_ASCII);
    }

    /** Reads while {@code predicate} holds; possibly nothing. */
    public String charsWhile(java.util.function.IntPredicate predicate) {
        int start = pos;
        while (pos < line.length && predicate.test(line[pos] & 0xFF)) {
            pos++;
        }
        return new String(line, start, pos - start, StandardCharsets.ISO_8859_1);
    }

    /** An atom in upper case, for keywords of the grammar. */
    public String keyword() throws ImapException {
        return atom().toUpperCase(Locale.ROOT);
    }

    /** An astring's bytes: an atom (with {@code ]}), a quoted string or a literal. */
    public byte[] astringBytes() throws ImapException {
        int c = peek();
        if (c == '"' || c == '{' || c == '~') {
            return stringBytes();
        }
        int start = pos;
        while (pos < line.length && (Syntax.isAstringChar(line[pos] & 0xFF) || (line[pos] & 0x80) != 0)) {
            pos++;
        }
        if (pos == start) {
            throw ImapException.bad(c < 0 ? "Missing argument" : "Expected a string");
        }
        return java.util.Arrays.copyOfRange(line, start, pos);
    }

    public String astring() throws ImapException {
        return text(astringBytes());
    }

    /** A quoted string or a literal. */
    public byte[] stringBytes() throws ImapException {
        int c = peek();
        if (c == '"') {
            return quoted();
        }
        if (c == '{' || c == '~') {
            return literal().bytes();
        }
        throw ImapException.bad(c < 0 ? "Missing argument" : "Expected a quoted string or a literal");
    }

    public String string() throws ImapException {
        return text(stringBytes());
    }

    /** NIL or a string; null for NIL. */
    public String nstring() throws ImapException {
        if (peekKeyword("NIL")) {
            pos += 3;
            return null;
        }
        return string();
    }

    /** Whether the next characters are this keyword (case-insensitive) followed by a delimiter. */
    public boolean peekKeyword(String keyword) {
        int n = keyword.length();
        if (pos + n > line.length) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (Character.toUpperCase((char) (line[pos + i] & 0xFF)) != keyword.charAt(i)) {
                return false;
            }
        }
        return pos + n == line.length || !Syntax.isAtomChar(line[pos + n] & 0xFF);
    }

    private byte[] quoted() throws ImapException {
        pos++;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        while (true) {
            if (pos >= line.length) {
                throw ImapException.bad("Unterminated quoted string");
            }
            int c = line[pos++] & 0xFF;
            if (c == '"') {
                return out.toByteArray();
            }
            if (c == '\\') {
                if (pos >= line.length || (line[pos] != '"' && line[pos] != '\\')) {
                    throw ImapException.bad("Invalid escape in quoted string");
                }
                c = line[pos++] & 0xFF;
            } else if (c == '\r' || c == '\n' || c == 0) {
                throw ImapException.bad("Invalid character in quoted string");
            }
            out.write(c);
        }
    }

    /** A literal, which must be next: its announcement ends the current line. */
    public Literal literal() throws ImapException {
        int c = peek();
        if (c != '{' && c != '~') {
            throw ImapException.bad("Expected a literal");
        }
        int close = indexOf(line, '}', pos);
        if (close != line.length - 1 || lineIndex >= command.literals().size()) {
            throw ImapException.bad("Malformed literal");
        }
        Literal literal = command.literals().get(lineIndex);
        lineIndex++;
        line = command.lines().get(lineIndex);
        pos = 0;
        return literal;
    }

    /** number: up to 2^32-1. */
    public long number() throws ImapException {
        int start = pos;
        while (pos < line.length && line[pos] >= '0' && line[pos] <= '9') {
            pos++;
        }
        int digits = pos - start;
        if (digits == 0) {
            throw ImapException.bad(peek() < 0 ? "Missing number" : "Expected a number");
        }
        if (digits > 10) {
            throw ImapException.bad("Number out of range");
        }
        long n = Long.parseLong(new String(line, start, digits, StandardCharsets.US_ASCII));
        if (n > 0xFFFF_FFFFL) {
            throw ImapException.bad("Number out of range");
        }
        return n;
    }

    /** number64 (RFC 9051): up to 2^63-1. */
    public long number64() throws ImapException {
        int start = pos;
        while (pos < line.length && line[pos] >= '0' && line[pos] <= '9') {
            pos++;
        }
        int digits = pos - start;
        if (digits == 0 || digits > 19) {
            throw ImapException.bad(digits == 0 ? "Expected a number" : "Number out of range");
        }
        try {
            return Long.parseLong(new String(line, start, digits, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            throw ImapException.bad("Number out of range");
        }
    }

    public long nzNumber() throws ImapException {
        long n = number();
        if (n == 0) {
            throw ImapException.bad("Zero is not allowed here");
        }
        return n;
    }

    /** A sequence set: {@code 1:3,7,9:*}. */
    public SequenceSet sequenceSet() throws ImapException {
        if (tryChar('$')) {
            return SequenceSet.SAVED;
        }
        List<Long> ranges = new ArrayList<>();
        do {
            long from = seqNumber();
            long to = from;
            if (tryChar(':')) {
                to = seqNumber();
            }
            ranges.add(from);
            ranges.add(to);
            if (ranges.size() > 200_000) {
                throw ImapException.bad("Sequence set too long");
            }
        } while (tryChar(','));
        return new SequenceSet(ranges.stream().mapToLong(Long::longValue).toArray());
    }

    private long seqNumber() throws ImapException {
        if (tryChar('*')) {
            return SequenceSet.STAR;
        }
        int c = peek();
        if (c < '0' || c > '9') {
            throw ImapException.bad("Invalid sequence set");
        }
        long n = number();
        if (n == 0) {
            throw ImapException.bad("Invalid sequence set: 0 is not a message number");
        }
        return n;
    }

    /** Whether a sequence set starts here. */
    public boolean peekSequenceSet() {
        int c = peek();
        return c == '*' || c == '$' || c >= '0' && c <= '9';
    }

    /** date-time: {@code "dd-Mon-yyyy hh:mm:ss +zzzz"} (RFC 3501 §9). */
    public OffsetDateTime dateTime() throws ImapException {
        byte[] bytes = stringBytes();
        String s = new String(bytes, StandardCharsets.US_ASCII);
        if (s.length() != 26 || s.charAt(2) != '-' || s.charAt(6) != '-' || s.charAt(11) != ' '
                || s.charAt(14) != ':' || s.charAt(17) != ':' || s.charAt(20) != ' ') {
            throw ImapException.bad("Invalid date-time");
        }
        try {
            int day = Integer.parseInt(s.substring(0, 2).trim());
            int month = month(s.substring(3, 6));
            int year = Integer.parseInt(s.substring(7, 11));
            int hour = Integer.parseInt(s.substring(12, 14));
            int minute = Integer.parseInt(s.substring(15, 17));
            int second = Integer.parseInt(s.substring(18, 20));
            char sign = s.charAt(21);
            int zh = Integer.parseInt(s.substring(22, 24));
            int zm = Integer.parseInt(s.substring(24, 26));
            if (sign != '+' && sign != '-' || zm > 59) {
                throw ImapException.bad("Invalid date-time zone");
            }
            int offset = (zh * 3600 + zm * 60) * (sign == '-' ? -1 : 1);
            return OffsetDateTime.of(year, month, day, hour, minute, second, 0, ZoneOffset.ofTotalSeconds(offset));
        } catch (RuntimeException e) {
            throw ImapException.bad("Invalid date-time");
        }
    }

    /** date: {@code d-Mon-yyyy}, optionally quoted (RFC 3501 §9 {@code date}). */
    public LocalDate date() throws ImapException {
        String s;
        if (peek() == '"') {
            s = new String(quoted(), StandardCharsets.US_ASCII);
        } else {
            s = charsWhile(c -> Syntax.isAtomChar(c));
        }
        String[] parts = s.split("-", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[0].length() > 2 || parts[2].length() != 4) {
            throw ImapException.bad("Invalid date, expected d-Mon-yyyy");
        }
        try {
            return LocalDate.of(Integer.parseInt(parts[2]), month(parts[1]), Integer.parseInt(parts[0]));
        } catch (RuntimeException e) {
            throw ImapException.bad("Invalid date, expected d-Mon-yyyy");
        }
    }

    private static int month(String name) throws ImapException {
        String upper = name.toUpperCase(Locale.ROOT);
        for (int i = 0; i < MONTHS.length; i++) {
            if (MONTHS[i].equals(upper)) {
                return i + 1;
            }
        }
        throw ImapException.bad("Invalid month");
    }

    /** A flag: {@code \Name} or a keyword atom. */
    public String flag() throws ImapException {
        if (tryChar('\\')) {
            return "\\" + atom();
        }
        return atom();
    }

    /** A parenthesised list of flags, or (when {@code bareAllowed}) flags separated by spaces without parentheses. */
    public List<String> flagList(boolean bareAllowed) throws ImapException {
        List<String> flags = new ArrayList<>();
        boolean parenthesised = tryChar('(');
        if (!parenthesised && !bareAllowed) {
            throw ImapException.bad("Expected a flag list");
        }
        if (parenthesised && tryChar(')')) {
            return flags;
        }
        do {
            flags.add(flag());
            if (flags.size() > 1000) {
                throw ImapException.bad("Too many flags");
            }
        } while (tryChar(' '));
        if (parenthesised) {
            expect(')');
        }
        return flags;
    }

    /** Text as UTF-8 when it is valid UTF-8, else one character per byte. */
    public static String text(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }
}
