package dev.mailwright.core.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.xbill.DNS.Name;

class DnsNamesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "example.org,                 example.org.",
        "example.org.,                example.org.",
        "Mail.EXAMPLE.org,            mail.example.org.",
        "_dmarc.example.org,          _dmarc.example.org.",
        "s1._domainkey.example.org,   s1._domainkey.example.org.",
        "b\u00fccher.example,         xn--bcher-kva.example.",
        "B\u00dcCHER.example.,        xn--bcher-kva.example.",
        "\u4f8b\u3002example,         xn--fsq.example.",
        "xn--bcher-kva.example,       xn--bcher-kva.example.",
        "'.',                         .",
    })
    void normalises(String input, String expected) throws Exception {
        Name name = DnsNames.parse(input);
        assertThat(name.toString()).isEqualTo(expected);
        assertThat(name).isEqualTo(Name.fromString(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"john+smith=x.example.org", "a/b.example.org", "a@b.example.org", "a\\b.example.org"})
    void keepsPrintableAsciiLiterally(String input) {
        Name name = DnsNames.parse(input);
        assertThat(name.labels()).isEqualTo(4);
        byte[] label = name.getLabel(0); // length octet, then the label
        assertThat(new String(label, 1, label.length - 1, StandardCharsets.US_ASCII))
                .isEqualTo(input.substring(0, input.indexOf('.')));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a..example", ".example", "..", "exa mple.org", "tab\t.org", "del\u007f.org"})
    void rejectsMalformedNames(String input) {
        assertThatThrownBy(() -> DnsNames.parse(input)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsNullAndOverlongNames() {
        assertThatThrownBy(() -> DnsNames.parse(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("DNS name is null");
        assertThatThrownBy(() -> DnsNames.parse("a".repeat(64) + ".example"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("longer than 63");
        assertThat(DnsNames.parse("a".repeat(63) + ".example").labels()).isEqualTo(3);
        String label = "a".repeat(63);
        // 4 * 64 + 1 octets is over 255; 3 * 64 + 62 + 1 + 1 = 256 as well; 3 * 64 + 61 + 1 + 1 = 255 fits.
        assertThatThrownBy(() -> DnsNames.parse(String.join(".", label, label, label, label)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("longer than 255");
        assertThat(DnsNames.parse(String.join(".", label, label, label, "a".repeat(61))).length()).isEqualTo((short) 255);
    }

    @Test
    void presentsNamesWithoutTrailingDot() throws Exception {
        assertThat(DnsNames.text(Name.fromString("MX.Example.org."))).isEqualTo("mx.example.org");
        assertThat(DnsNames.text(Name.root)).isEqualTo(".");
    }
}
