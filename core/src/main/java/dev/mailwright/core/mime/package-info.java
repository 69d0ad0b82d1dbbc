/**
 * Message format vocabulary: header sections parsed byte-exactly with limits, unfolded and
 * decoded field values, folded field production, encoded words and address lists, and the
 * MIME structure of whole messages with the byte offsets of every part, cacheable in a
 * compact binary form, plus transfer-decoded and charset-decoded views of part bodies. DKIM,
 * DMARC and the IMAP and SMTP engines read messages through these types.
 *
 * <p>Implements RFC 5322 (Internet Message Format, including its obsolete syntax for
 * reading), RFC 2045 and RFC 2046 (MIME entities, media types, multipart and message
 * bodies, base64 and quoted-printable), RFC 2047 (encoded words), RFC 2183
 * (Content-Disposition), RFC 2231 (parameter continuations, charsets and languages),
 * RFC 6532 (UTF-8 header fields, message/global), and the part numbering of RFC 3501
 * §6.4.5 / RFC 9051 §6.4.5.
 */
package dev.mailwright.core.mime;
