package dev.mailwright.core.mime;

import java.util.List;
import java.util.Map;

/**
 * The media type an entity's header declares, with the defaults of RFC 2045 §5.2 (no or an
 * invalid Content-Type means {@code text/plain; charset=us-ascii}) and RFC 2046 §5.1.5 (in a
 * multipart/digest, no Content-Type means {@code message/rfc822}).
 *
 * @param type       lower-cased top-level type
 * @param subtype    lower-cased subtype
 * @param parameters parameters as {@link ParameterizedValue} reads them
 */
record ContentType(String type, String subtype, Map<String, String> parameters) {

    static final ContentType DEFAULT = new ContentType("text", "plain", Map.of("charset", "us-ascii"));
    static final ContentType DIGEST_DEFAULT = new ContentType("message", "rfc822", Map.of());
    static final ContentType OPAQUE = new ContentType("application", "octet-stream", Map.of());

    /** The type declared by the first Content-Type field of {@code headers}. */
    static ContentType of(Headers headers, boolean inDigest) {
        HeaderField field = headers.first("Content-Type").orElse(null);
        if (field == null) {
            return inDigest ? DIGEST_DEFAULT : DEFAULT;
        }
        ParameterizedValue value = ParameterizedValue.parse(field.value());
        String head = value.head();
        int slash = head.indexOf('/');
        if (slash <= 0 || slash == head.length() - 1 || !isToken(head, 0, slash)
                || !isToken(head, slash + 1, head.length())) {
            return DEFAULT;
        }
        return new ContentType(
                common(ParameterizedValue.asciiLower(head.substring(0, slash))),
                common(ParameterizedValue.asciiLower(head.substring(slash + 1))),
                value.parameters());
    }

    boolean isMultipart() {
        return type.equals("multipart");
    }

    /** message/rfc822 and message/global (RFC 6532 §3.5): both encapsulate a whole message. */
    boolean isMessage() {
        return type.equals("message") && (subtype.equals("rfc822") || subtype.equals("global"));
    }

    /** Whether s[from, to) is a non-empty RFC 2045 token. */
    static boolean isToken(String s, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!ParameterizedValue.isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static final List<String> COMMON = List.of(
            "text", "plain", "html", "enriched", "richtext", "calendar", "multipart", "mixed", "alternative",
            "related", "digest", "signed", "encrypted", "report", "parallel", "application", "octet-stream",
            "pdf", "pgp-signature", "pkcs7-signature", "ms-tnef", "image", "png", "jpeg", "gif", "audio",
            "video", "message", "rfc822", "global", "delivery-status", "disposition-notification",
            "7bit", "8bit", "binary", "base64", "quoted-printable", "inline", "attachment");

    /** A shared instance for the handful of values nearly every part carries, to keep cached structures small. */
    static String common(String value) {
        int i = COMMON.indexOf(value);
        return i < 0 ? value : COMMON.get(i);
    }
}
