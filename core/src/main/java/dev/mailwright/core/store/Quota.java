package dev.mailwright.core.store;

import java.util.OptionalLong;

/**
 * An account's storage use and limits (RFC 9208 STORAGE in bytes and MESSAGE counts).
 * The IMAP engine reports STORAGE in KiB, rounding up.
 */
public record Quota(long usedBytes, long usedMessages, OptionalLong limitBytes, OptionalLong limitMessages) {

    public static Quota unlimited(long usedBytes, long usedMessages) {
        return new Quota(usedBytes, usedMessages, OptionalLong.empty(), OptionalLong.empty());
    }

    /** Whether adding {@code bytes} in {@code messages} messages stays within the limits. */
    public boolean allows(long bytes, long messages) {
        return (limitBytes.isEmpty() || usedBytes + bytes <= limitBytes.getAsLong())
                && (limitMessages.isEmpty() || usedMessages + messages <= limitMessages.getAsLong());
    }
}
