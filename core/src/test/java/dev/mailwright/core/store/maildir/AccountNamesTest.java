package dev.mailwright.core.store.maildir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailwright.core.store.MailStoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AccountNamesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "alice@example.org | alice@example.org",
        "Alice@Example.ORG | alice@example.org",
        "first.last+tag@example.org | first.last+tag@example.org",
        ". | %2E",
        ".. | %2E.",
        "../etc | %2E.%2Fetc",
        "/etc/passwd | %2Fetc%2Fpasswd",
        "C:\\Windows | c%3A%5Cwindows",
        "~root | %7Eroot",
        "a b | a%20b",
        "jörg@example.org | j%C3%B6rg@example.org",
        "аlice@example.org | %D0%B0lice@example.org",
        "．．@example.org | %EF%BC%8E%EF%BC%8E@example.org",
    })
    void mapsToOneSafeDirectoryName(String account, String directory) {
        assertThat(AccountNames.directoryName(account)).isEqualTo(directory).matches("[a-z0-9@_+.%A-F-]+")
                .doesNotStartWith(".");
    }

    @Test
    void foldsOnlyAsciiCaseAndNormalisesToNfc() {
        assertThat(AccountNames.key("ALICE@Example.Org")).isEqualTo("alice@example.org");
        assertThat(AccountNames.key("JÖRG")).isEqualTo("jÖrg");
        assertThat(AccountNames.key("jo\u0308rg")).isEqualTo(AccountNames.key("j\u00f6rg"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a\u0000b", "a\nb", "a\rb", "a\tb", "a\u007fb", "a\u0085b", "a\ud800b", "\udc00"})
    void refusesEmptyControlAndBrokenNames(String bad) {
        assertThatThrownBy(() -> AccountNames.directoryName(bad)).isInstanceOfSatisfying(MailStoreException.class,
                e -> assertThat(e.reason()).isEqualTo(MailStoreException.Reason.INVALID_NAME));
    }

    @Test
    void refusesNullAndOverlongNames() {
        assertThatThrownBy(() -> AccountNames.directoryName(null)).isInstanceOf(MailStoreException.class);
        assertThatThrownBy(() -> AccountNames.directoryName("x".repeat(AccountNames.MAX_DIRECTORY_NAME + 1)))
                .isInstanceOf(MailStoreException.class);
        assertThatThrownBy(() -> AccountNames.directoryName("é".repeat(80))).isInstanceOf(MailStoreException.class);
        assertThat(AccountNames.directoryName("x".repeat(AccountNames.MAX_DIRECTORY_NAME))).hasSize(200);
    }
}
