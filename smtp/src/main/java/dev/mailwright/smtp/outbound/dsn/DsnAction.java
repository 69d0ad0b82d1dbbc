package dev.mailwright.smtp.outbound.dsn;

/** The Action field of a per-recipient DSN block (RFC 3464 §2.3.3) that this MTA reports. */
public enum DsnAction {
    /** Delivery failed for good (or the queue lifetime ran out). */
    FAILED,
    /** Delivery is still being tried. */
    DELAYED,
    /** Handed to a next hop that does not report DSNs itself. */
    RELAYED,
    /** Put in a mailbox here. */
    DELIVERED,
    /** Handed on to the several addresses of an alias, which report nothing further. */
    EXPANDED;

    /** Whether this reports a success (RFC 3461 NOTIFY=SUCCESS) rather than a failure or delay. */
    public boolean isSuccess() {
        return this == RELAYED || this == DELIVERED || this == EXPANDED;
    }

    String fieldValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
