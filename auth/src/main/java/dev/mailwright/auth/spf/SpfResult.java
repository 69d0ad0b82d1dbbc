package dev.mailwright.auth.spf;

import java.util.Locale;

/** The seven results of an SPF check (RFC 7208 §2.6), named as Authentication-Results writes them. */
public enum SpfResult {
    /** No SPF record, or no valid domain to check. */
    NONE,
    /** The domain states nothing about the host. */
    NEUTRAL,
    /** The host is authorized. */
    PASS,
    /** The host is not authorized. */
    FAIL,
    /** The host is probably not authorized. */
    SOFTFAIL,
    /** A transient DNS error; checking again later may give a definite result. */
    TEMPERROR,
    /** The domain's records cannot be interpreted, or broke a processing limit. */
    PERMERROR;

    /** The RFC 8601 keyword, e.g. {@code softfail}. */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The result for an RFC 8601 keyword, ignoring case. */
    public static SpfResult fromKeyword(String keyword) {
        for (SpfResult result : values()) {
            if (result.keyword().equalsIgnoreCase(keyword)) {
                return result;
            }
        }
        throw new IllegalArgumentException("not an SPF result: " + keyword);
    }
}
