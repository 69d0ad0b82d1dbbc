package dev.mailwright.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class MailboxNameTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "INBOX | INBOX",
        "inbox | INBOX",
        "InBoX/Sub | INBOX/Sub",
        "Inboxes | Inboxes",
        "Work/Projects | Work/Projects",
        "a.b | a.b",
        "Entwürfe | Entwürfe",
        "日本語/メール | 日本語/メール",
        "with space | with space",
        "x~y | x~y",
    })
    void acceptsAndNormalises(String input, String expected) {
        assertThat(MailboxName.of(input).toString()).isEqualTo(expected);
    }

    @Test
    void normalisesToNfc() {
        String decomposed = "Entwu\u0308rfe";
        assertThat(MailboxName.of(decomposed)).isEqualTo(MailboxName.of("Entw\u00fcrfe"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "/", "/etc", "a/", "a//b", "..", "../x", "a/../b", ".", "a/./b", "~", "~root", "a/~b",
        "a\u0000b", "a\nb", "a\rb", "a\tb", "a\u007fb", "a\u0085b", "a\u200eb", "a\u2028b", "a\ud800b",
        "a*", "a%b", "a\ue000b"
    })
    void refusesNamesThatCouldEscapeOrConfuse(String bad) {
        assertThatThrownBy(() -> MailboxName.of(bad)).isInstanceOfSatisfying(MailStoreException.class,
                e -> {
                    assertThat(e.reason()).isEqualTo(MailStoreException.Reason.INVALID_NAME);
                    assertThat(e.getMessage()).startsWith("invalid mailbox name: ");
                });
    }

    @Test
    void refusesNullAndOverlongNames() {
        assertThatThrownBy(() -> MailboxName.of(null)).isInstanceOf(MailStoreException.class);
        assertThatThrownBy(() -> MailboxName.of("x".repeat(MailboxName.MAX_SEGMENT_BYTES + 1)))
                .hasMessageContaining("longer than");
        assertThat(MailboxName.of("x".repeat(MailboxName.MAX_SEGMENT_BYTES))).isNotNull();
        assertThatThrownBy(() -> MailboxName.of("é".repeat(MailboxName.MAX_SEGMENT_BYTES / 2 + 1)))
                .hasMessageContaining("longer than");
        assertThatThrownBy(() -> MailboxName.of("a/".repeat(MailboxName.MAX_DEPTH) + "a"))
                .hasMessageContaining("deeper than");
        assertThat(MailboxName.of("a/".repeat(MailboxName.MAX_DEPTH - 1) + "a").depth()).isEqualTo(MailboxName.MAX_DEPTH);
    }

    @Test
    void hierarchyOperations() {
        MailboxName name = MailboxName.of("Work/Projects/Mailwright");
        assertThat(name.segments()).containsExactly("Work", "Projects", "Mailwright");
        assertThat(name.leaf()).isEqualTo("Mailwright");
        assertThat(name.parent()).hasValue(MailboxName.of("Work/Projects"));
        assertThat(MailboxName.of("Work").parent()).isEmpty();
        assertThat(MailboxName.of("Work").isAncestorOf(name)).isTrue();
        assertThat(MailboxName.of("Wor").isAncestorOf(name)).isFalse();
        assertThat(name.isAncestorOf(name)).isFalse();
        assertThat(MailboxName.of("Work").child("Archive")).isEqualTo(MailboxName.of("Work/Archive"));
        assertThat(name.reparent(MailboxName.of("Work"), MailboxName.of("Jobs/Old")))
                .isEqualTo(MailboxName.of("Jobs/Old/Projects/Mailwright"));
        assertThatThrownBy(() -> name.reparent(MailboxName.of("Other"), MailboxName.of("X")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(MailboxName.of("inbox").isInbox()).isTrue();
    }
}
