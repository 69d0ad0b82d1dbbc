package dev.mailwright.smtp.client;

import dev.mailwright.smtp.SmtpReply;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads server replies (RFC 5321 §4.2) from a socket through its own buffer, so that the
 * client knows exactly which bytes it has read: after STARTTLS's 220 anything still
 * buffered was sent before TLS and is an injection attempt. Lines and replies are bounded.
 */
final class ReplyReader {

    private static final int MAX_LINE = 8192;
    private static final int MAX_LINES = 200;

    private final InputStream in;
    private final byte[] buffer = new byte[8192];
    private int position;
    private int limit;

    ReplyReader(InputStream in) {
        this.in = in;
    }

    /** Bytes read from the socket and not yet consumed. */
    int buffered() {
        return limit - position;
    }

    SmtpReply read() throws IOException {
        List<String> lines = new ArrayList<>();
        int code = -1;
        while (true) {
            String line = readLine();
            if (line.length() < 3 || !Character.isDigit(line.charAt(0)) || !Character.isDigit(line.charAt(1))
                    || !Character.isDigit(line.charAt(2)) || line.length() > 3 && line.charAt(3) != ' ' && line.charAt(3) != '-') {
                throw new SmtpClientException("malformed reply line from server: " + printable(line));
            }
            int lineCode = Integer.parseInt(line.substring(0, 3));
            if (code >= 0 && lineCode != code) {
                throw new SmtpClientException("reply lines with different codes: " + code + " and " + lineCode);
            }
            code = lineCode;
            lines.add(line.length() > 4 ? decode(line.substring(4)) : "");
            if (lines.size() > MAX_LINES) {
                throw new SmtpClientException("reply longer than " + MAX_LINES + " lines");
            }
            if (line.length() == 3 || line.charAt(3) == ' ') {
                break;
            }
        }
        if (code < 200 || code > 599) {
            throw new SmtpClientException("unexpected reply code " + code);
        }
        return withEnhancedStatus(code, lines);
    }

    /** Takes an RFC 3463 code off the lines when the first one starts with a code of the reply's class. */
    private static SmtpReply withEnhancedStatus(int code, List<String> lines) {
        String first = lines.get(0);
        int space = first.indexOf(' ');
        String candidate = space < 0 ? first : first.substring(0, space);
        if (!candidate.matches("[245]\\.\\d{1,3}\\.\\d{1,3}") || candidate.charAt(0) != (char) ('0' + code / 100)) {
            return new SmtpReply(code, "", lines);
        }
        List<String> text = new ArrayList<>(lines.size());
        for (String line : lines) {
            text.add(line.startsWith(candidate + " ") ? line.substring(candidate.length() + 1)
                    : line.equals(candidate) ? "" : line);
        }
        return new SmtpReply(code, candidate, text);
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder(80);
        while (true) {
            if (position == limit) {
                int n = in.read(buffer);
                if (n < 0) {
                    throw new SmtpClientException("server closed the connection");
                }
                position = 0;
                limit = n;
            }
            byte b = buffer[position++];
            if (b == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
            if (line.length() >= MAX_LINE) {
                throw new SmtpClientException("reply line longer than " + MAX_LINE + " octets");
            }
            line.append((char) (b & 0xFF));
        }
    }

    /** Reply lines are text: decode UTF-8 and drop controls so that a hostile server cannot forge log lines. */
    private static String printable(String latin1) {
        String text = new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        return text.replaceAll("\\p{Cntrl}", "?");
    }

    /** A reply line decoded as UTF-8 (RFC 6531 servers may send it). */
    static String decode(String latin1) {
        return printable(latin1);
    }
}
