package dev.mailwright.core.store.maildir;

import dev.mailwright.core.store.Flags;
import dev.mailwright.core.store.MessageInfo;
import java.time.Instant;

/**
 * One indexed message: where its file is (the base name never changes; the info part
 * does with every flag change) and what IMAP needs about it. Mutable, guarded by the
 * account lock; {@link #message()} is an immutable view handed out to callers.
 */
final class Entry {

    final long uid;
    final String base;
    /** Set when expunged, until the table drops it in one pass. */
    boolean expunged;
    private String info;
    private MessageInfo message;

    Entry(long uid, String base, String info, Flags flags, long modSeq, Instant internalDate, long size) {
        this.uid = uid;
        this.base = base;
        this.info = info;
        this.message = new MessageInfo(uid, flags, modSeq, internalDate, size);
    }

    String info() {
        return info;
    }

    String fileName() {
        return base + MessageFileName.INFO_SEPARATOR + info;
    }

    MessageInfo message() {
        return message;
    }

    Flags flags() {
        return message.flags();
    }

    long modSeq() {
        return message.modSeq();
    }

    long size() {
        return message.size();
    }

    void change(String newInfo, Flags newFlags, long newModSeq) {
        this.info = newInfo;
        this.message = message.withFlags(newFlags, newModSeq);
    }
}
