package dev.mailwright.core.mime;

import java.io.IOException;
import java.util.Objects;

/**
 * A body uses a Content-Transfer-Encoding that {@link MimeContent} cannot remove; IMAP
 * {@code BINARY} answers it with {@code [UNKNOWN-CTE]} (RFC 3516 §4.3).
 */
public final class UnknownEncodingException extends IOException {

    private final String encoding;

    public UnknownEncodingException(String encoding) {
        super("unknown Content-Transfer-Encoding: " + sanitize(Objects.requireNonNull(encoding, "encoding")));
        this.encoding = encoding;
    }

    /** The encoding as the part declares it, lower-cased. */
    public String encoding() {
        return encoding;
    }

    /** Keeps the message one printable line, whatever the header held. */
    private static String sanitize(String encoding) {
        StringBuilder out = new StringBuilder(Math.min(encoding.length(), 64));
        for (int i = 0; i < encoding.length() && out.length() < 64; i++) {
            char c = encoding.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return out.toString();
    }
}
