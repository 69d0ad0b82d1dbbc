package dev.mailwright.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a message for the commands, within a size limit. */
final class MessageInput {

    /** The largest message the commands read: maddy's default message size limit. */
    static final int MAX_MESSAGE_BYTES = 32 * 1024 * 1024;

    private MessageInput() {
    }

    static byte[] read(InputStream in, String source) {
        try {
            byte[] bytes = in.readNBytes(MAX_MESSAGE_BYTES + 1);
            if (bytes.length > MAX_MESSAGE_BYTES) {
                throw new InputError(source + ": message larger than " + MAX_MESSAGE_BYTES + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw new InputError("cannot read " + source + ": " + e.getMessage());
        }
    }

    static byte[] read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new InputError(file + ": no such file");
        } catch (IOException e) {
            throw new InputError("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Whether the message uses bare LF line ends (a file written on Unix), judged by its first line. */
    static boolean usesBareLf(byte[] message) {
        for (int i = 0; i < message.length; i++) {
            if (message[i] == '\n') {
                return i == 0 || message[i - 1] != '\r';
            }
        }
        return false;
    }
}
