package dev.mailwright.core;

import java.util.Optional;

/**
 * One value of the NOTIFY parameter of RCPT (RFC 3461 §4.1): when to send a DSN for that
 * recipient. {@link #NEVER} excludes every other value.
 */
public enum DsnNotify {

    SUCCESS,
    FAILURE,
    DELAY,
    NEVER;

    /** The value for one NOTIFY list element, ignoring case; empty for an unknown value. */
    public static Optional<DsnNotify> ofWireName(String value) {
        for (DsnNotify notify : values()) {
            if (notify.name().equalsIgnoreCase(value)) {
                return Optional.of(notify);
            }
        }
        return Optional.empty();
    }
}
