package dev.mailwright.smtp.outbound.spi;

import java.util.Objects;

/**
 * A reply as the delivery logic judges it: from the remote server, or made up locally for a
 * failure that had no reply (a refused connection, a failed TLS check).
 *
 * @param code the reply code, 200 to 599
 * @param enhancedStatus the RFC 3463 status; derived from the code's class when the server gave none
 * @param text the reply text, lines joined with spaces
 */
public record SmtpReply(int code, String enhancedStatus, String text) {

    public SmtpReply {
        Objects.requireNonNull(enhancedStatus, "enhancedStatus");
        Objects.requireNonNull(text, "text");
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("reply code out of range: " + code);
        }
        if (!enhancedStatus.matches("[245]\\.\\d{1,3}\\.\\d{1,3}") || enhancedStatus.charAt(0) - '0' != code / 100) {
            throw new IllegalArgumentException("enhanced status " + enhancedStatus + " does not fit code " + code);
        }
    }

    /** A reply whose enhanced status is the code's class with {@code .0.0} (RFC 3463 §3.1 fallback). */
    public static SmtpReply of(int code, String text) {
        return new SmtpReply(code, (code / 100) + ".0.0", text);
    }

    public boolean isPositive() {
        return code < 400;
    }

    public boolean isTransient() {
        return code >= 400 && code < 500;
    }

    public boolean isPermanent() {
        return code >= 500;
    }

    @Override
    public String toString() {
        return code + " " + enhancedStatus + " " + text;
    }
}
