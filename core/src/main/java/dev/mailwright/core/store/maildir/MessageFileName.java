package dev.mailwright.core.store.maildir;

import java.util.OptionalLong;

/**
 * The name of a message file in {@code cur/}: a unique base, then {@code :2,} and the info
 * part holding the flag letters (the Maildir specification). The base may carry Dovecot's
 * size fields, {@code ,S=<bytes>} and {@code ,W=<bytes with CRLF line ends>}.
 *
 * @param base the unique part, never changing while the message lives
 * @param info the flag letters and anything after them; empty for no flags
 */
record MessageFileName(String base, String info) {

    static final String INFO_SEPARATOR = ":2,";

    /**
     * Splits a file name. A name without {@code :2,} (fresh from {@code new/}, or with
     * experimental {@code :1,} info) has an empty info part and {@link #isCanonical} false
     * for the original name.
     */
    static MessageFileName parse(String fileName) {
        int colon = fileName.lastIndexOf(':');
        if (colon < 0) {
            return new MessageFileName(fileName, "");
        }
        String base = fileName.substring(0, colon);
        if (fileName.startsWith("2,", colon + 1)) {
            return new MessageFileName(base, fileName.substring(colon + 3));
        }
        return new MessageFileName(base, "");
    }

    /** Whether {@code fileName} is already in the form {@link #fileName()} gives. */
    static boolean isCanonical(String fileName) {
        int colon = fileName.lastIndexOf(':');
        return colon >= 0 && fileName.startsWith("2,", colon + 1);
    }

    String fileName() {
        return base + INFO_SEPARATOR + info;
    }

    MessageFileName withInfo(String newInfo) {
        return new MessageFileName(base, newInfo);
    }

    /** The {@code S=} size in the base, if present and well formed. */
    static OptionalLong size(String base) {
        return field(base, ",S=");
    }

    /** The {@code W=} size in the base, if present and well formed. */
    static OptionalLong virtualSize(String base) {
        return field(base, ",W=");
    }

    private static OptionalLong field(String base, String key) {
        int at = base.indexOf(key);
        if (at < 0) {
            return OptionalLong.empty();
        }
        int start = at + key.length();
        int end = start;
        while (end < base.length() && Character.isDigit(base.charAt(end)) && end - start < 18) {
            end++;
        }
        if (end == start || end < base.length() && base.charAt(end) != ',') {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(base.substring(start, end)));
    }
}
