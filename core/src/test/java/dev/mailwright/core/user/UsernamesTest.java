package dev.mailwright.core.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailwright.core.user.UserDirectoryException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UsernamesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "alice@example.org          | alice@example.org",
        "Alice@Example.ORG          | alice@example.org",
        "'  bob@example.org\t'      | bob@example.org",
        "CAROL                      | carol",
        "dave@example.org.          | dave@example.org",
        "first.last+tag@sub.example.org | first.last+tag@sub.example.org",
        "ÉLODIE@Bücher.example      | élodie@bücher.example",
        "user@xn--bcher-kva.example | user@bücher.example",
        "user@XN--BCHER-KVA.Example | user@bücher.example",
    })
    void normalizes(String raw, String canonical) {
        assertThat(Usernames.normalize(raw)).isEqualTo(canonical);
        assertThat(Usernames.normalizeOrNull(raw)).isEqualTo(canonical);
    }

    @Test
    void composesDecomposedCharacters() {
        // "e" followed by COMBINING ACUTE ACCENT is NFC "é".
        assertThat(Usernames.normalize("Jose\u0301@example.org")).isEqualTo("jos\u00e9@example.org");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "\"\"                        | empty",
        "\"   \"                     | empty",
        "al ice@example.org          | contains whitespace",
        "alice@exa\u00a0mple.org     | contains whitespace",
        "alice\u0000@example.org     | contains a control or formatting character",
        "alice\u202e@example.org     | contains a control or formatting character",
        "alice\u200b@example.org     | contains a control or formatting character",
        "alice:x@example.org         | contains ':'",
        "../etc/passwd               | contains a path separator",
        "a\\b                        | contains a path separator",
        "#alice                      | starts with '#'",
        "@example.org                | empty local part",
        "alice@                      | empty domain",
        "alice@b@example.org         | more than one '@'",
        "alice@example..org          | empty label in domain",
        "alice@.example.org          | empty label in domain",
        "..                          | local part is '..'",
        ".@example.org               | local part is '.'",
    })
    void rejects(String raw, String problem) {
        assertThatThrownBy(() -> Usernames.normalize(raw))
                .isInstanceOfSatisfying(UserDirectoryException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_USERNAME))
                .hasMessageStartingWith("invalid username \"")
                .hasMessageEndingWith(": " + problem);
        assertThat(Usernames.normalizeOrNull(raw)).isNull();
    }

    @Test
    void enforcesLengthLimits() {
        String local64 = "a".repeat(64);
        assertThat(Usernames.normalize(local64 + "@example.org")).startsWith(local64);
        assertThatThrownBy(() -> Usernames.normalize("a".repeat(65) + "@example.org"))
                .hasMessageEndingWith("local part longer than 64 bytes");
        // Two bytes per character in UTF-8: 33 of them exceed 64 bytes.
        assertThatThrownBy(() -> Usernames.normalize("é".repeat(33)))
                .hasMessageEndingWith("local part longer than 64 bytes");
        String domain = ("b".repeat(60) + ".").repeat(4) + "org";
        assertThat(Usernames.normalize("alice@" + domain)).hasSize(6 + domain.length());
        assertThatThrownBy(() -> Usernames.normalize("alice@" + "c".repeat(320) + ".org"))
                .hasMessageEndingWith("longer than 320 bytes");
    }

    @Test
    void escapesControlCharactersInMessages() {
        assertThatThrownBy(() -> Usernames.normalize("evil\r\nINJECTED"))
                .hasMessage("invalid username \"evil\\u000d\\u000aINJECTED\": contains whitespace");
    }

    @Test
    void addressFormRejectsAtSignsInParts() {
        assertThat(Usernames.normalizeOrNull("Alice", "Example.org")).isEqualTo("alice@example.org");
        assertThat(Usernames.normalizeOrNull("alice@x", "example.org")).isNull();
        assertThat(Usernames.normalizeOrNull("alice", "x@example.org")).isNull();
    }
}
