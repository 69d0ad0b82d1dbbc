package dev.mailwright.testing;

import java.util.Locale;

/** The listeners a {@link TestMailServer} can run, each on a free loopback port. */
public enum Protocol {
    /** SMTP as an MX receives it (RFC 5321): plaintext with STARTTLS offered (RFC 3207), AUTH optional. */
    SMTP("smtp"),
    /** SMTP over implicit TLS (RFC 8314), AUTH optional. */
    SMTPS("smtps"),
    /** Message submission (RFC 6409): STARTTLS, then AUTH before MAIL. */
    SUBMISSION("smtp"),
    /** IMAP (RFC 9051, RFC 3501) with STARTTLS offered. */
    IMAP("imap"),
    /** IMAP over implicit TLS (RFC 8314). */
    IMAPS("imaps");

    private final String jakartaName;

    Protocol(String jakartaName) {
        this.jakartaName = jakartaName;
    }

    /** The Jakarta Mail protocol name, the {@code x} in {@code mail.x.host}. */
    public String jakartaName() {
        return jakartaName;
    }

    /** Whether this listener speaks SMTP. */
    public boolean isSmtp() {
        return this == SMTP || this == SMTPS || this == SUBMISSION;
    }

    /** Whether TLS starts with the first byte. */
    public boolean isImplicitTls() {
        return this == SMTPS || this == IMAPS;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
