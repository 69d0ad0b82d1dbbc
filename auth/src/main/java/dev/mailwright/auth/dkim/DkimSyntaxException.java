package dev.mailwright.auth.dkim;

/** A malformed signature or key record; it makes the signature's result {@code permerror}. */
final class DkimSyntaxException extends Exception {

    DkimSyntaxException(String message) {
        super(message, null, false, false);
    }
}
