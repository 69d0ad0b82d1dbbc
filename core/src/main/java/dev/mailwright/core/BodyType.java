package dev.mailwright.core;

import java.util.Optional;

/** The BODY parameter of MAIL: what the message content may contain. */
public enum BodyType {

    /** Lines of 7-bit ASCII (RFC 5321); also what a missing BODY parameter means. */
    SEVEN_BIT("7BIT"),
    /** 8-bit MIME content in lines (RFC 6152). */
    EIGHT_BIT_MIME("8BITMIME"),
    /** Binary MIME content, sent with BDAT only (RFC 3030). */
    BINARY_MIME("BINARYMIME");

    private final String wireName;

    BodyType(String wireName) {
        this.wireName = wireName;
    }

    /** The value as written after {@code BODY=}. */
    public String wireName() {
        return wireName;
    }

    /** The type for a BODY value, ignoring case; empty for an unknown value. */
    public static Optional<BodyType> ofWireName(String value) {
        for (BodyType type : values()) {
            if (type.wireName.equalsIgnoreCase(value)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
