package dev.mailwright.smtp.outbound.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * What the last attempt for one recipient ended with, as a DSN reports it (RFC 3464 §2.3).
 *
 * @param time when the reply came
 * @param code the SMTP reply code, or a code chosen locally (e.g. 550 for a null MX)
 * @param enhancedStatus the RFC 3463 status, e.g. {@code 4.4.1}
 * @param text the reply text, one line
 * @param remoteMta the host that gave the reply; empty when the failure was local (DNS, policy)
 */
public record RecipientOutcome(Instant time, int code, String enhancedStatus, String text, String remoteMta) {

    /** The longest reply text kept; remote servers may send kilobytes. */
    public static final int MAX_TEXT = 512;

    public RecipientOutcome {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(enhancedStatus, "enhancedStatus");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(remoteMta, "remoteMta");
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("reply code out of range: " + code);
        }
        if (!enhancedStatus.matches("[245]\\.\\d{1,3}\\.\\d{1,3}")) {
            throw new IllegalArgumentException("not an enhanced status code: " + enhancedStatus);
        }
        text = oneLine(text);
    }

    /** Whether the reply was a permanent failure (5xx). */
    public boolean isPermanent() {
        return code >= 500;
    }

    /** Whether the reply accepted the recipient (2xx). */
    public boolean isSuccess() {
        return code < 300;
    }

    private static String oneLine(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_TEXT));
        for (int i = 0; i < text.length() && out.length() < MAX_TEXT; i++) {
            char c = text.charAt(i);
            out.append(c < 0x20 || c == 0x7F ? ' ' : c);
        }
        return out.toString().strip();
    }
}
