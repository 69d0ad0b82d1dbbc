package dev.mailwright.imap.internal.protocol;

/**
 * A command failed: answered with a tagged {@code NO} or {@code BAD}, an optional response
 * code (RFC 5530) and one line of text safe to show to the client.
 */
public final class ImapException extends Exception {

    /** The tagged status a failure is answered with. */
    public enum Status { NO, BAD }

    private final Status status;
    private final String code;

    private ImapException(Status status, String code, String text) {
        super(text, null, false, false);
        this.status = status;
        this.code = code;
    }

    /** A {@code NO}: the command was understood and refused. */
    public static ImapException no(String code, String text) {
        return new ImapException(Status.NO, code, text);
    }

    public static ImapException no(String text) {
        return new ImapException(Status.NO, null, text);
    }

    /** A {@code BAD}: the command was malformed or is not allowed here. */
    public static ImapException bad(String text) {
        return new ImapException(Status.BAD, null, text);
    }

    public static ImapException bad(String code, String text) {
        return new ImapException(Status.BAD, code, text);
    }

    public Status status() {
        return status;
    }

    /** The response code without brackets, e.g. {@code NONEXISTENT}; null when none. */
    public String code() {
        return code;
    }

    public String text() {
        return getMessage();
    }
}
