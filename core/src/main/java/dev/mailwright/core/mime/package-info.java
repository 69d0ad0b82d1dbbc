/**
 * Message header vocabulary: header sections parsed byte-exactly with limits, unfolded and
 * decoded field values, folded field production, encoded words and address lists. DKIM,
 * DMARC and the IMAP and SMTP engines read and write header fields through these types.
 *
 * <p>Implements RFC 5322 (Internet Message Format, including its obsolete syntax for
 * reading), RFC 2047 (encoded words), RFC 6532 (UTF-8 header fields) and, for encoded-word
 * charsets only, the RFC 2231 {@code charset*language} form; RFC 2231 parameter
 * continuations belong to MIME parameters, not to header field values.
 */
package dev.mailwright.core.mime;
