package dev.mailwright.core.store.maildir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ModifiedUtf7Test {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // RFC 3501 §5.1.3's example, and the spelling of '&'.
        "~peter/mail/台北/日本語 | ~peter/mail/&U,BTFw-/&ZeVnLIqe-",
        "& | &-",
        "Tom & Jerry | Tom &- Jerry",
        "Hi Mom -☺-! | Hi Mom -&Jjo--!",
        "Entwürfe | Entw&APw-rfe",
        "plain ASCII, 0-9 ~!@#$^()_+ | plain ASCII, 0-9 ~!@#$^()_+",
        "😀 | &2D3eAA-",
        "Ελληνικά | &A5UDuwO7A7cDvQO5A7oDrA-",
    })
    void encodesAndDecodes(String text, String encoded) {
        assertThat(ModifiedUtf7.encode(text)).isEqualTo(encoded);
        assertThat(ModifiedUtf7.decode(encoded)).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "&AC4-",      // '.' hidden in BASE64
        "&AC8-",      // '/' hidden in BASE64
        "&AC4AL gA-", // garbage inside a run
        "&U,BTFw",    // unterminated
        "&U,BTF-",    // bits left over
        "&U,BTFx-",   // non-zero padding bits
        "&2D0-",      // unpaired high surrogate
        "&3gA-",      // unpaired low surrogate
        "&APw-&APw-", // two runs in a row: one would do
        "tab\there",  // not printable ASCII
        "ü",          // raw non-ASCII
    })
    void refusesAnythingButTheCanonicalSpelling(String bad) {
        assertThatThrownBy(() -> ModifiedUtf7.decode(bad)).isInstanceOf(IllegalArgumentException.class);
    }
}
