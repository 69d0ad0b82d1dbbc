package dev.mailwright.core;

/**
 * A mailbox or path that does not follow RFC 5321 / RFC 6531. The message is one line
 * that starts with the part at fault ({@code "local part: unbalanced quote"},
 * {@code "domain: label longer than 63 octets"}, {@code "path: missing closing '>'"}) and
 * never contains control characters, so an SMTP engine may send it to the client as is.
 */
public final class AddressException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public AddressException(String message) {
        super(message);
    }
}
