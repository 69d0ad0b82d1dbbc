package dev.mailwright.core.store;

import java.util.List;

/**
 * The outcome of COPY or MOVE, for UIDPLUS's COPYUID (RFC 4315 §3).
 *
 * @param targetUidValidity the UIDVALIDITY of the target mailbox
 * @param mapping source UID to new target UID, ascending by source UID
 */
public record CopyResult(long targetUidValidity, List<UidMapping> mapping) {

    /** One copied message. */
    public record UidMapping(long source, long target) {}

    public CopyResult {
        mapping = List.copyOf(mapping);
    }

    public UidSet sourceUids() {
        return UidSet.of(mapping.stream().map(UidMapping::source).toList());
    }

    public UidSet targetUids() {
        return UidSet.of(mapping.stream().map(UidMapping::target).toList());
    }
}
