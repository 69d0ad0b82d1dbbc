package dev.mailwright.core.store.maildir;

import dev.mailwright.core.store.MailStoreException;
import dev.mailwright.core.store.MailStoreException.Reason;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * Maps account names to directory names under the store root. Names are compared in NFC
 * with ASCII letters folded to lower case, as mail systems compare addresses in practice
 * and so that a case-insensitive filesystem behaves like any other. The directory name
 * keeps {@code a-z 0-9 @ _ + - .} and writes every other UTF-8 byte as {@code %XX}; a
 * leading dot is escaped too, so no account directory is hidden, {@code .} or {@code ..}.
 * Non-ASCII letters are not folded, because Unicode case mappings change between Java
 * versions and a directory name must not.
 *
 * <p>The folding loses the spelling, so each account directory keeps the name as created
 * in a file of its own.
 */
final class AccountNames {

    /** Longest account name, in characters (an address is at most 254 octets, RFC 5321 §4.5.3.1.3). */
    static final int MAX_NAME_LENGTH = 320;
    /** Longest directory name, leaving room under the usual 255-byte limit. */
    static final int MAX_DIRECTORY_NAME = 200;

    private AccountNames() {}

    /** The form two names are compared in. */
    static String key(String account) {
        check(account);
        String normalized = Normalizer.normalize(account, Normalizer.Form.NFC);
        StringBuilder folded = new StringBuilder(normalized.length());
        for (int i = 0; i < normalized.length(); i++) {
            char c = normalized.charAt(i);
            folded.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return folded.toString();
    }

    /**
     * The directory name of an account.
     *
     * @throws MailStoreException {@code INVALID_NAME} for a name the store cannot hold
     */
    static String directoryName(String account) {
        byte[] bytes = key(account).getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean safe = b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '@' || b == '_' || b == '+'
                    || b == '-' || b == '.' && i > 0;
            if (safe) {
                out.append((char) b);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        if (out.length() > MAX_DIRECTORY_NAME) {
            throw invalid("too long");
        }
        return out.toString();
    }

    private static void check(String account) {
        if (account == null || account.isBlank()) {
            throw invalid("empty");
        }
        if (account.length() > MAX_NAME_LENGTH) {
            throw invalid("longer than " + MAX_NAME_LENGTH + " characters");
        }
        for (int i = 0; i < account.length(); i++) {
            char c = account.charAt(i);
            if (Character.isISOControl(c)) {
                throw invalid(String.format("control character U+%04X", (int) c));
            }
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c) && i + 1 < account.length()
                        && Character.isLowSurrogate(account.charAt(i + 1));
                if (!paired) {
                    throw invalid("unpaired surrogate");
                }
                i++;
            }
        }
    }

    private static MailStoreException invalid(String why) {
        return new MailStoreException(Reason.INVALID_NAME, "invalid account name: " + why);
    }
}
