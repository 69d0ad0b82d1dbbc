package dev.mailwright.auth.spf;

/** A record, term or macro that breaks RFC 7208 syntax; it makes the check a {@code permerror}. */
final class SpfSyntaxException extends Exception {

    SpfSyntaxException(String message) {
        super(message, null, false, false);
    }
}
