package dev.mailwright.core.store;

import java.util.Optional;

/** The special-use mailbox attributes of RFC 6154 §2. */
public enum SpecialUse {
    ALL("\\All"),
    ARCHIVE("\\Archive"),
    DRAFTS("\\Drafts"),
    FLAGGED("\\Flagged"),
    JUNK("\\Junk"),
    SENT("\\Sent"),
    TRASH("\\Trash");

    private final String attribute;

    SpecialUse(String attribute) {
        this.attribute = attribute;
    }

    /** The IMAP attribute, e.g. {@code \Sent}. */
    public String attribute() {
        return attribute;
    }

    /** The special use with this IMAP attribute, in any case. */
    public static Optional<SpecialUse> fromAttribute(String attribute) {
        for (SpecialUse use : values()) {
            if (use.attribute.equalsIgnoreCase(attribute)) {
                return Optional.of(use);
            }
        }
        return Optional.empty();
    }
}
