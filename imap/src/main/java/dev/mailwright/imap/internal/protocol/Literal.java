package dev.mailwright.imap.internal.protocol;

import dev.mailwright.core.MessageContent;

/**
 * A literal received with a command: its bytes (in memory, or spooled to a file when
 * large), and whether it was a {@code literal8} ({@code ~{n}}, RFC 3516).
 */
public record Literal(MessageContent content, boolean binary) {

    /** The bytes in memory; for literals the reader kept small. */
    public byte[] bytes() {
        return content.toByteArray();
    }

    public long size() {
        return content.size();
    }
}
