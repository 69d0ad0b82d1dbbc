package dev.mailwright.core.store.maildir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailwright.core.store.MailStoreException;
import dev.mailwright.core.store.MailboxName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FolderNamesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Work | .Work",
        "Work/Projects | .Work.Projects",
        "a.b | .a\\2eb",
        "a/b | .a.b",
        "... | .\\2e\\2e\\2e",
        ".hidden | .\\2ehidden",
        "x~y | .x~y",
        "Tom & Jerry | .Tom &- Jerry",
        "&AC4- | .&-AC4-",
        "back\\slash | .back\\5cslash",
        "a:b?c\"d<e>f | .a:b?c\"d<e>f",
        "Entwürfe/日本語 メール | .Entw&APw-rfe.&ZeVnLIqe- &MOEw,DDr-",
        "INBOX/Sub | .INBOX.Sub",
        "．．/∕etc | .&,w7,Dg-.&IhU-etc",
    })
    void encodesEachLevelAndRoundTrips(String mailbox, String directory) {
        MailboxName name = MailboxName.of(mailbox);
        assertThat(FolderNames.directoryName(name)).isEqualTo(directory);
        assertThat(FolderNames.mailboxName(directory)).hasValue(name);
    }

    @Test
    void otherPunctuationStaysAsItIs() {
        assertThat(FolderNames.directoryName(MailboxName.of("a|b c,d"))).isEqualTo(".a|b c,d");
        assertThat(FolderNames.mailboxName(".a|b c,d")).hasValue(MailboxName.of("a|b c,d"));
    }

    @Test
    void directoryNamesAreSingleSafeAsciiComponents() {
        String[] tricky = {"a.b/c.d", "..a", "a..", "~", "x/~y", "%", "*", "\\", "/", "a/../b", "日本/.."};
        for (String raw : tricky) {
            MailboxName name;
            try {
                name = MailboxName.of(raw);
            } catch (MailStoreException refused) {
                continue; // MailboxName already refuses it: nothing reaches the store.
            }
            String directory = FolderNames.directoryName(name);
            assertThat(directory).startsWith(".").doesNotContain("/", "..").matches("[\\x20-\\x7e]+");
            assertThat(directory).isNotIn(".", "..");
            assertThat(FolderNames.mailboxName(directory)).hasValue(name);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        ".",          // no level
        "..",         // the parent directory
        ".a..b",      // an empty level
        ".a.",        // a trailing empty level
        "Work",       // not a Maildir++ folder (no leading dot)
        ".INBOX",     // INBOX is the account directory itself
        ".a\\2Eb",    // upper-case escape: not our spelling
        ".a\\41b",    // an escape of a character that needs none
        ".a\\2",      // a truncated escape
        ".a\\zzb",    // not hex
        ".a%2eb",     // '%' is no escape here, and cannot be in a mailbox name
        ".&AC4-",     // '.' hidden in modified UTF-7
        ".&AC8-etc",  // '/' hidden in modified UTF-7
        ".Entwürfe",  // raw UTF-8 (another program's folder): ignored, not misread
        ".~root",     // MailboxName refuses a leading '~'
    })
    void otherDirectoryNamesAreNotFolders(String directory) {
        assertThat(FolderNames.mailboxName(directory)).isEmpty();
    }

    @Test
    void namesTooLongForOneDirectoryAreRefused() {
        MailboxName deep = MailboxName.of(("x".repeat(60) + "/").repeat(4) + "y".repeat(20));
        assertThatThrownBy(() -> FolderNames.directoryName(deep)).isInstanceOfSatisfying(MailStoreException.class,
                e -> assertThat(e.reason()).isEqualTo(MailStoreException.Reason.INVALID_NAME));
        MailboxName fits = MailboxName.of(("x".repeat(60) + "/").repeat(3) + "y".repeat(60));
        assertThat(FolderNames.directoryName(fits)).hasSizeLessThanOrEqualTo(FolderNames.MAX_DIRECTORY_NAME);
    }
}
