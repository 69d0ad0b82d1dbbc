package dev.mailwright.core.store;

import java.time.Instant;
import java.util.Objects;

/**
 * What a store keeps about one message besides its bytes.
 *
 * @param uid the message's UID, unique and never reused in its mailbox
 * @param flags system flags and keywords
 * @param modSeq the MODSEQ of the message's last change (RFC 7162)
 * @param internalDate the internal date (RFC 3501 §2.3.3), to the second at least
 * @param size the size of the message in bytes (RFC822.SIZE)
 */
public record MessageInfo(long uid, Flags flags, long modSeq, Instant internalDate, long size) {
    public MessageInfo {
        Objects.requireNonNull(flags, "flags");
        Objects.requireNonNull(internalDate, "internalDate");
    }

    public MessageInfo withFlags(Flags newFlags, long newModSeq) {
        return new MessageInfo(uid, newFlags, newModSeq, internalDate, size);
    }
}
