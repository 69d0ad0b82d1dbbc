package dev.mailwright.auth.dmarc;

import java.util.Locale;

/** The DMARC result of a message, named as in RFC 8601 §2.7.4. */
public enum DmarcResult {
    /** The author domain publishes no DMARC record. */
    NONE,
    /** An aligned SPF or DKIM pass authenticated the author domain. */
    PASS,
    /** Nothing aligned passed; the record's policy applies. */
    FAIL,
    /** The record could not be fetched because of a transient DNS error. */
    TEMPERROR,
    /** The message has no single author domain (no From, several From fields or addresses). */
    PERMERROR;

    /** The RFC 8601 keyword, e.g. {@code pass}. */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}
