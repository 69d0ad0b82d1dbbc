package dev.mailwright.auth.spf;

/** Which SMTP identity an SPF check authorized (RFC 7208 §2.3, §2.4). */
public enum SpfIdentity {
    /** The HELO/EHLO domain; Authentication-Results property {@code smtp.helo}. */
    HELO("smtp.helo"),
    /** The MAIL FROM address, or postmaster@HELO for the null sender; property {@code smtp.mailfrom}. */
    MAILFROM("smtp.mailfrom");

    private final String property;

    SpfIdentity(String property) {
        this.property = property;
    }

    /** The RFC 8601 property that names this identity in Authentication-Results. */
    public String property() {
        return property;
    }
}
