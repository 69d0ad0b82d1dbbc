package dev.mailwright.server.cli;

/**
 * Input a command cannot use (an unreadable file, a malformed zone, a bad address): the command
 * prints its message as one line and exits with status 2, like a usage error.
 */
final class InputError extends RuntimeException {

    InputError(String message) {
        super(message, null, false, false);
    }
}
