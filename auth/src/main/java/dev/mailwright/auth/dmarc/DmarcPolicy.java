package dev.mailwright.auth.dmarc;

import java.util.Locale;

/** What a domain asks receivers to do with mail that fails DMARC (RFC 7489 §6.3 {@code p=}). */
public enum DmarcPolicy {
    /** Deliver as usual; the domain only wants reports. */
    NONE,
    /** Treat as suspicious: the spam folder, a closer look. */
    QUARANTINE,
    /** Refuse during the SMTP transaction. */
    REJECT;

    /** The record's spelling, e.g. {@code quarantine}. */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    static DmarcPolicy fromKeyword(String value) {
        for (DmarcPolicy policy : values()) {
            if (policy.keyword().equalsIgnoreCase(value)) {
                return policy;
            }
        }
        return null;
    }

    /** The next less strict policy, applied to messages that {@code pct=} leaves out (§6.6.4). */
    DmarcPolicy relaxedOnce() {
        return this == REJECT ? QUARANTINE : NONE;
    }
}
