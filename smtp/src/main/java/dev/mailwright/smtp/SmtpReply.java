package dev.mailwright.smtp;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * One SMTP reply: a three-digit code, an RFC 3463 enhanced status code (empty where none
 * applies, as in the greeting and the EHLO reply), and one or more lines of text.
 * Immutable.
 *
 * @param code the reply code, 200 to 599 (RFC 5321 §4.2)
 * @param enhancedStatus the enhanced status code such as {@code 2.1.0}, or empty
 * @param lines the text, one element per line; no CR or LF inside
 */
public record SmtpReply(int code, String enhancedStatus, List<String> lines) {

    /** The longest text line written; RFC 5321 §4.5.3.1.5 allows 512 octets per reply line. */
    public static final int MAX_LINE_TEXT = 480;

    public SmtpReply {
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("reply code out of range: " + code);
        }
        Objects.requireNonNull(enhancedStatus, "enhancedStatus");
        if (!enhancedStatus.isEmpty() && !isEnhancedStatus(enhancedStatus, code / 100)) {
            throw new IllegalArgumentException("enhanced status " + enhancedStatus + " does not fit reply code " + code);
        }
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a reply needs at least one line");
        }
        for (String line : lines) {
            if (line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("reply text must not contain CR or LF");
            }
        }
    }

    /** RFC 3463 {@code class.subject.detail}, with the class of the reply code; checked without a regex, as every reply passes here. */
    private static boolean isEnhancedStatus(String s, int replyClass) {
        if (s.length() < 5 || s.charAt(0) != (char) ('0' + replyClass) || s.charAt(1) != '.') {
            return false;
        }
        int dot = s.indexOf('.', 2);
        return dot > 2 && dot - 2 <= 3 && digits(s, 2, dot) && s.length() - dot - 1 >= 1 && s.length() - dot - 1 <= 3
                && digits(s, dot + 1, s.length());
    }

    private static boolean digits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** A one-line reply. */
    public static SmtpReply of(int code, String enhancedStatus, String text) {
        return new SmtpReply(code, enhancedStatus, List.of(text));
    }

    /** The lines joined by a space: the reply's text for logs and results. */
    public String text() {
        return String.join(" ", lines);
    }

    public boolean isPositive() {
        return code < 400;
    }

    public boolean isTransientFailure() {
        return code >= 400 && code < 500;
    }

    public boolean isPermanentFailure() {
        return code >= 500;
    }

    /**
     * The wire form: {@code code-status text} lines, the last with a space after the code,
     * each ending in CRLF. Over-long text is cut to {@link #MAX_LINE_TEXT} characters.
     */
    public byte[] toBytes() {
        StringBuilder out = new StringBuilder(64);
        appendTo(out);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Appends the wire form to {@code out}. */
    public void appendTo(StringBuilder out) {
        for (int i = 0; i < lines.size(); i++) {
            out.append(code).append(i == lines.size() - 1 ? ' ' : '-');
            if (!enhancedStatus.isEmpty()) {
                out.append(enhancedStatus).append(' ');
            }
            String line = lines.get(i);
            out.append(line.length() > MAX_LINE_TEXT ? line.substring(0, MAX_LINE_TEXT) : line).append("\r\n");
        }
    }

    @Override
    public String toString() {
        return code + (enhancedStatus.isEmpty() ? "" : " " + enhancedStatus) + " " + text();
    }
}
