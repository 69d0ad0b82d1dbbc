package dev.mailwright.core.store.maildir;

import dev.mailwright.core.store.MailStoreException;
import dev.mailwright.core.store.MailboxName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;

/**
 * An account's subscriptions in Dovecot's {@code subscriptions} file, version 2: the
 * header {@code V<TAB>2}, an empty line, then one name per line with its hierarchy levels
 * separated by tabs, in UTF-8. Names need not exist (RFC 3501 §6.3.6). Lines that are not
 * valid mailbox names are dropped.
 */
final class Subscriptions {

    static final String FILE = "subscriptions";
    private static final String HEADER = "V\t2\n\n";

    private Subscriptions() {}

    static TreeSet<MailboxName> read(Path account) throws IOException {
        TreeSet<MailboxName> names = new TreeSet<>();
        String text;
        try {
            text = Files.readString(account.resolve(FILE), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return names;
        }
        boolean version2 = text.startsWith(HEADER);
        for (String line : (version2 ? text.substring(HEADER.length()) : text).split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            try {
                names.add(MailboxName.of(version2 ? line.replace('\t', MailboxName.DELIMITER) : line));
            } catch (MailStoreException e) {
                // Not a name this store could hold: leave it out.
            }
        }
        return names;
    }

    static void write(Path account, TreeSet<MailboxName> names, DurableFiles files) throws IOException {
        StringBuilder text = new StringBuilder(HEADER);
        for (MailboxName name : names) {
            text.append(String.join("\t", name.segments())).append('\n');
        }
        files.replace(account.resolve(FILE), text.toString().getBytes(StandardCharsets.UTF_8));
    }

    static List<MailboxName> list(Path account) throws IOException {
        return List.copyOf(read(account));
    }
}
