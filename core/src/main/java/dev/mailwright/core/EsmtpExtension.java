package dev.mailwright.core;

import java.util.EnumSet;
import java.util.Set;

/**
 * The SMTP service extensions that define MAIL or RCPT parameters. An SMTP server passes
 * the ones it advertised to {@link MailOptions#fromParameters} and
 * {@link RcptOptions#fromParameters}, so that a parameter of an extension it did not
 * advertise is refused as unsupported.
 */
public enum EsmtpExtension {

    /** RFC 1870: SIZE=. */
    SIZE("SIZE"),
    /** RFC 6152: BODY=7BIT and BODY=8BITMIME. */
    EIGHT_BIT_MIME("8BITMIME"),
    /** RFC 3030: BODY=BINARYMIME (a server offering it also offers CHUNKING). */
    BINARY_MIME("BINARYMIME"),
    /** RFC 6531: SMTPUTF8. */
    SMTPUTF8("SMTPUTF8"),
    /** RFC 3461: RET=, ENVID= on MAIL; NOTIFY=, ORCPT= on RCPT. */
    DSN("DSN"),
    /** RFC 8689: REQUIRETLS. */
    REQUIRETLS("REQUIRETLS"),
    /** RFC 4954 §5: AUTH= on MAIL. */
    AUTH("AUTH");

    private final String ehloKeyword;

    EsmtpExtension(String ehloKeyword) {
        this.ehloKeyword = ehloKeyword;
    }

    /** The keyword that advertises the extension in an EHLO reply. */
    public String ehloKeyword() {
        return ehloKeyword;
    }

    /** Every extension, as a new mutable set. */
    public static Set<EsmtpExtension> all() {
        return EnumSet.allOf(EsmtpExtension.class);
    }
}
