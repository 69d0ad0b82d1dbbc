package dev.mailwright.core.store;

import java.util.Objects;
import java.util.Set;

/** One mailbox of an account, as listed: its name and special-use attributes. */
public record MailboxInfo(MailboxName name, Set<SpecialUse> specialUse) {
    public MailboxInfo {
        Objects.requireNonNull(name, "name");
        specialUse = Set.copyOf(specialUse);
    }
}
