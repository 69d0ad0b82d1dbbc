package dev.mailwright.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailwright.imap.internal.mailbox.ModifiedUtf7;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Modified UTF-7 (RFC 3501 §5.1.3), with the RFC's own example, and its refusals. */
class ModifiedUtf7Test {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // RFC 3501 §5.1.3: "~peter/mail/台北/日本語"
        "~peter/mail/&U,BTFw-/&ZeVnLIqe-|~peter/mail/\u53f0\u5317/\u65e5\u672c\u8a9e",
        "INBOX|INBOX",
        "Tom &- Jerry|Tom & Jerry",
        "Entw&APw-rfe|Entwürfe",
        "&2D3eAA-|\ud83d\ude00",
    })
    void roundTrips(String wire, String name) throws Exception {
        assertThat(ModifiedUtf7.decode(wire)).isEqualTo(name);
        assertThat(ModifiedUtf7.encode(name)).isEqualTo(wire);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "&AC4-&AC4-",      // ".." hidden as encoded ASCII, in two adjacent runs
        "&AC4ALg-",        // ".." hidden in one run
        "&AC8-etc",        // a leading "/" hidden
        "&AH4-root",       // "~" hidden
        "&APw-&APw-",      // adjacent runs: not the canonical spelling
        "&APw",            // unterminated
        "&APx-",           // non-zero padding bits
        "&2D0-",           // unpaired surrogate
        "&A-",             // too short for a character
        "a\u00e9b",        // raw 8-bit character
        "tab\there",       // control character
    })
    void refusesNonCanonicalAndHiddenCharacters(String wire) {
        assertThatThrownBy(() -> ModifiedUtf7.decode(wire)).isInstanceOf(ModifiedUtf7.MalformedException.class);
    }
}
