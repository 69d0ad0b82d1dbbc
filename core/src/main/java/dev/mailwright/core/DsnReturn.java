package dev.mailwright.core;

import java.util.Optional;

/** The RET parameter of MAIL (RFC 3461 §4.3): how much of the message a DSN returns. */
public enum DsnReturn {

    /** The whole message. */
    FULL,
    /** The header section only. */
    HDRS;

    /** The value for a RET value, ignoring case; empty for an unknown value. */
    public static Optional<DsnReturn> ofWireName(String value) {
        for (DsnReturn ret : values()) {
            if (ret.name().equalsIgnoreCase(value)) {
                return Optional.of(ret);
            }
        }
        return Optional.empty();
    }
}
