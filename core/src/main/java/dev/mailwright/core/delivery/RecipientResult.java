package dev.mailwright.core.delivery;

import dev.mailwright.core.MailAddress;
import java.util.Objects;

/**
 * What became of one recipient, as an SMTP reply would say it.
 *
 * @param recipient the recipient
 * @param status accepted, or failed for now, or failed for good
 * @param code the SMTP reply code (250, 4xx or 5xx)
 * @param enhancedStatus the RFC 3463 status code, such as {@code 5.1.1}
 * @param text one line of human-readable text, no CR or LF
 */
public record RecipientResult(MailAddress recipient, Status status, int code, String enhancedStatus, String text) {

    /** The three outcomes. */
    public enum Status { ACCEPTED, TEMPORARY_FAILURE, PERMANENT_FAILURE }

    public RecipientResult {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(enhancedStatus, "enhancedStatus");
        Objects.requireNonNull(text, "text");
        int expectedClass = switch (status) {
            case ACCEPTED -> 2;
            case TEMPORARY_FAILURE -> 4;
            case PERMANENT_FAILURE -> 5;
        };
        if (code / 100 != expectedClass || code < 200 || code > 599) {
            throw new IllegalArgumentException("reply code " + code + " does not fit " + status);
        }
        if (!enhancedStatus.matches("[245]\\.\\d{1,3}\\.\\d{1,3}") || enhancedStatus.charAt(0) - '0' != expectedClass) {
            throw new IllegalArgumentException("enhanced status " + enhancedStatus + " does not fit " + status);
        }
        if (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("reply text must be one line");
        }
    }

    public static RecipientResult accepted(MailAddress recipient) {
        return new RecipientResult(recipient, Status.ACCEPTED, 250, "2.0.0", "OK");
    }

    public static RecipientResult temporaryFailure(MailAddress recipient, int code, String enhancedStatus, String text) {
        return new RecipientResult(recipient, Status.TEMPORARY_FAILURE, code, enhancedStatus, text);
    }

    public static RecipientResult permanentFailure(MailAddress recipient, int code, String enhancedStatus, String text) {
        return new RecipientResult(recipient, Status.PERMANENT_FAILURE, code, enhancedStatus, text);
    }

    public boolean isAccepted() {
        return status == Status.ACCEPTED;
    }
}
