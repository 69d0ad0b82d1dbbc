package dev.mailwright.core.mime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Produces the raw bytes of a new header field, folded at whitespace (RFC 5322 §2.2.3).
 * Folding only inserts CRLF before existing whitespace, so unfolding gives back the value
 * exactly; that is why a run without whitespace is never split.
 */
final class FieldFolding {

    /**
     * RFC 5322 §2.1.1 asks for lines within 78 octets; RFC 2047 §2 limits a line holding an
     * encoded word to 76. Folding at 76 satisfies both without knowing what the value holds.
     */
    static final int PREFERRED_LINE_OCTETS = 76;

    private FieldFolding() {
    }

    static byte[] fold(String name, String value) {
        checkName(name);
        checkValue(value);
        byte[] body = (" " + value).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(name.length() + body.length + 8);
        out.writeBytes(name.getBytes(StandardCharsets.US_ASCII));
        out.write(':');
        int line = name.length() + 1;
        boolean lineHasToken = false;
        int i = 0;
        if (value.isEmpty()) {
            i = body.length;
        }
        while (i < body.length) {
            // A token is a run of whitespace and the non-whitespace run after it; folding
            // happens only in front of a token, so every continuation line starts with WSP.
            int end = i;
            while (end < body.length && HeaderText.isWsp(body[end])) {
                end++;
            }
            boolean whitespaceOnly = end == body.length;
            while (end < body.length && !HeaderText.isWsp(body[end])) {
                end++;
            }
            int size = end - i;
            // Trailing whitespace stays on the current line: a line of only WSP is not allowed.
            // The first token moves below the name only if that makes it fit.
            if (!whitespaceOnly && line + size > PREFERRED_LINE_OCTETS
                    && (lineHasToken || size <= PREFERRED_LINE_OCTETS)) {
                out.write('\r');
                out.write('\n');
                line = 0;
            }
            if (line + size > HeaderField.MAX_LINE_OCTETS) {
                throw new IllegalArgumentException("header field " + name
                        + " has a run without whitespace too long for a 998-octet line");
            }
            out.write(body, i, size);
            line += size;
            lineHasToken = true;
            i = end;
        }
        out.write('\r');
        out.write('\n');
        return out.toByteArray();
    }

    private static void checkName(String name) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("header field name is empty");
        }
        for (int i = 0; i < name.length(); i++) {
            if (!HeaderText.isFieldNameByte(name.charAt(i))) {
                throw new IllegalArgumentException("invalid character in header field name at index " + i);
            }
        }
    }

    private static void checkValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new IllegalArgumentException("header field value contains CR, LF or NUL at index " + i);
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("header field value has an unpaired surrogate at index " + i);
            }
        }
    }
}
