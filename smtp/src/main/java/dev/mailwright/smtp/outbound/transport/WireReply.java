package dev.mailwright.smtp.outbound.transport;

import dev.mailwright.smtp.outbound.spi.SmtpReply;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reply as read from the wire (RFC 5321 §4.2): one or more lines {@code ddd-text}, the last
 * {@code ddd text}, with the lines kept for EHLO keywords and the enhanced status code (RFC 2034)
 * taken from the first line when its class fits the reply code.
 *
 * @param code the reply code
 * @param lines the text of each line, without code and separator
 */
record WireReply(int code, List<String> lines) {

    /** More lines than any sane reply has (an EHLO reply lists a few dozen keywords at most). */
    static final int MAX_LINES = 200;
    /** RFC 5321 §4.5.3.1.5: 512 octets per reply line; generous for non-conforming servers. */
    static final int MAX_LINE = 4096;

    private static final Pattern ENHANCED = Pattern.compile("^([245])\\.(\\d{1,3})\\.(\\d{1,3})(?: |$)");

    /** Reads one reply; throws on malformed or over-long input, or end of stream. */
    static WireReply read(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        int code = -1;
        while (true) {
            String line = readLine(in);
            if (line.length() < 3 || !Character.isDigit(line.charAt(0)) || !Character.isDigit(line.charAt(1))
                    || !Character.isDigit(line.charAt(2)) || line.length() > 3 && line.charAt(3) != ' ' && line.charAt(3) != '-') {
                throw new IOException("malformed reply line from server");
            }
            int lineCode = Integer.parseInt(line.substring(0, 3));
            if (code >= 0 && lineCode != code) {
                throw new IOException("reply code changed within a multi-line reply");
            }
            code = lineCode;
            if (code < 200 || code > 599) {
                throw new IOException("reply code out of range: " + code);
            }
            lines.add(line.length() > 4 ? line.substring(4) : "");
            if (lines.size() > MAX_LINES) {
                throw new IOException("reply with more than " + MAX_LINES + " lines");
            }
            if (line.length() == 3 || line.charAt(3) == ' ') {
                return new WireReply(code, List.copyOf(lines));
            }
        }
    }

    private static String readLine(InputStream in) throws IOException {
        byte[] buffer = new byte[256];
        int length = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed by server");
            }
            if (b == '\n') {
                if (length > 0 && buffer[length - 1] == '\r') {
                    length--;
                }
                return new String(buffer, 0, length, StandardCharsets.UTF_8);
            }
            if (length == MAX_LINE) {
                throw new IOException("reply line longer than " + MAX_LINE + " octets");
            }
            if (length == buffer.length) {
                buffer = java.util.Arrays.copyOf(buffer, buffer.length * 2);
            }
            buffer[length++] = (byte) b;
        }
    }

    boolean isPositive() {
        return code < 400;
    }

    /** The reply as the delivery logic sees it: enhanced status from the text, or derived from the code. */
    SmtpReply toSmtpReply() {
        String first = lines.get(0);
        Matcher m = ENHANCED.matcher(first);
        String joined = String.join(" ", lines.stream().map(l -> {
            Matcher lm = ENHANCED.matcher(l);
            return lm.find() ? l.substring(lm.end()).strip() : l.strip();
        }).toList()).strip();
        if (m.find() && m.group(1).charAt(0) - '0' == code / 100) {
            return new SmtpReply(code, m.group(1) + "." + m.group(2) + "." + m.group(3), joined);
        }
        return SmtpReply.of(code, joined);
    }

    @Override
    public String toString() {
        return code + " " + String.join(" ", lines);
    }
}
