package dev.mailwright.core.store;

import java.util.List;

/**
 * The outcome of a flag update.
 *
 * @param messages the current state of every message the update addressed and did not skip,
 *     ascending by UID (changed or not: a non-silent IMAP STORE reports them all)
 * @param modified UIDs skipped because their MODSEQ was above the UNCHANGEDSINCE value
 *     (RFC 7162 §3.1.3 MODIFIED response code)
 */
public record StoreResult(List<MessageInfo> messages, UidSet modified) {
    public StoreResult {
        messages = List.copyOf(messages);
    }
}
