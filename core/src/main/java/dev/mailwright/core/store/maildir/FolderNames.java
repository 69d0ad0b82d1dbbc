package dev.mailwright.core.store.maildir;

import dev.mailwright.core.store.MailStoreException;
import dev.mailwright.core.store.MailboxName;
import java.util.Optional;

/**
 * Maps mailbox names to Maildir++ folder directories and back: {@code Work/Projects} is
 * {@code .Work.Projects}. Each hierarchy level is written in modified UTF-7 (RFC 3501
 * §5.1.3), as Dovecot and Courier do by default, so directory names are plain ASCII: no
 * Unicode normalisation differences between filesystems and no look-alike characters on
 * disk. Then the two characters that would split a level or be misread are escaped the way
 * Dovecot's listescape plugin does, as {@code \} and two lower-case hex digits: {@code .}
 * becomes {@code \2e} and {@code \} becomes {@code \5c}. Dovecot with
 * {@code mail_plugins = listescape} shows the same names. ({@code /} cannot occur inside a
 * level, nor can a level start with {@code ~}: {@link MailboxName} refuses both.)
 *
 * <p>The mapping is a bijection: a directory name maps back to a mailbox name only if
 * encoding that name gives the same directory name again; anything else on disk is not
 * a folder of ours and is ignored.
 */
final class FolderNames {

    /** Longest directory name most filesystems allow. */
    static final int MAX_DIRECTORY_NAME = 255;

    private static final char ESCAPE = '\\';
    private static final String ESCAPED = ".\\/";

    private FolderNames() {}

    /**
     * The directory name of a mailbox other than INBOX, such as {@code .Work.Projects}.
     *
     * @throws MailStoreException {@code INVALID_NAME} if the encoded name is too long
     */
    static String directoryName(MailboxName name) {
        StringBuilder out = new StringBuilder();
        for (String segment : name.segments()) {
            out.append('.');
            escape(ModifiedUtf7.encode(segment), out);
        }
        if (out.length() > MAX_DIRECTORY_NAME) {
            throw MailStoreException.invalidName("too long to be stored as a Maildir++ folder (" + out.length()
                    + " of at most " + MAX_DIRECTORY_NAME + " bytes on disk)");
        }
        return out.toString();
    }

    /** The mailbox a directory name stands for, if it is one this class would write. */
    static Optional<MailboxName> mailboxName(String directoryName) {
        if (directoryName.length() < 2 || directoryName.charAt(0) != '.'
                || directoryName.length() > MAX_DIRECTORY_NAME) {
            return Optional.empty();
        }
        String[] encoded = directoryName.substring(1).split("\\.", -1);
        StringBuilder name = new StringBuilder();
        try {
            for (String segment : encoded) {
                if (name.length() > 0) {
                    name.append(MailboxName.DELIMITER);
                }
                name.append(ModifiedUtf7.decode(unescape(segment)));
            }
            MailboxName mailbox = MailboxName.of(name.toString());
            if (mailbox.isInbox() || !directoryName(mailbox).equals(directoryName)) {
                return Optional.empty();
            }
            return Optional.of(mailbox);
        } catch (IllegalArgumentException | MailStoreException e) {
            return Optional.empty();
        }
    }

    private static void escape(String text, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (ESCAPED.indexOf(c) >= 0) {
                out.append(ESCAPE).append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
            } else {
                out.append(c);
            }
        }
    }

    private static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ESCAPE) {
                out.append(c);
                continue;
            }
            if (i + 2 >= text.length()) {
                throw new IllegalArgumentException("truncated escape");
            }
            int value = Integer.parseInt(text.substring(i + 1, i + 3), 16);
            out.append((char) value);
            i += 2;
        }
        return out.toString();
    }
}
