package dev.mailwright.core.store.maildir;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.MessageContent;
import dev.mailwright.core.store.Flags;
import dev.mailwright.core.store.MailboxName;
import dev.mailwright.core.store.UserMail;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mail is readable by its owner only: a new root is 0700 and message files are 0600. */
class MaildirPermissionsTest {

    @TempDir
    Path dir;

    @Test
    void newRootAndMessagesArePrivate() throws Exception {
        Path root = dir.resolve("mail");
        try (MaildirMailStore store = MaildirMailStore.builder().root(root).build()) {
            store.createAccount("alice@example.org");
            try (UserMail mail = store.open("alice@example.org")) {
                mail.append(MailboxName.INBOX, MessageContent.of("Subject: x\r\n\r\ny\r\n".getBytes(StandardCharsets.US_ASCII)),
                        Flags.NONE, Instant.now());
            }
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root))).isEqualTo("rwx------");
        try (Stream<Path> files = Files.walk(root)) {
            Path message = files.filter(p -> p.getParent().getFileName().toString().equals("cur")).findFirst().orElseThrow();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(message))).isEqualTo("rw-------");
        }
    }
}
