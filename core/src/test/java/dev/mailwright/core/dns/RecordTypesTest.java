package dev.mailwright.core.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordTypesTest {

    @Test
    void txtJoinsStringsAndDecodesUtf8OrLatin1() {
        TxtRecord ascii = TxtRecord.ofText("v=DKIM1; k=rsa; ", "p=MIGf");
        assertThat(ascii.text()).isEqualTo("v=DKIM1; k=rsa; p=MIGf");
        assertThat(ascii.bytes()).isEqualTo("v=DKIM1; k=rsa; p=MIGf".getBytes(StandardCharsets.US_ASCII));
        assertThat(ascii.strings()).containsExactly("v=DKIM1; k=rsa; ", "p=MIGf");

        TxtRecord invalidUtf8 = TxtRecord.of(List.of(new byte[] {'a', (byte) 0xFF, 'b'}));
        assertThat(invalidUtf8.text()).isEqualTo("a\u00ffb");
        assertThat(invalidUtf8.toString()).isEqualTo("\"a\\255b\"");

        assertThat(TxtRecord.ofText("say \"hi\"").toString()).isEqualTo("\"say \\\"hi\\\"\"");
        assertThat(TxtRecord.of(List.of()).text()).isEmpty();
    }

    @Test
    void txtIsAValueAndCopiesItsInput() {
        byte[] octets = "abc".getBytes(StandardCharsets.US_ASCII);
        TxtRecord record = TxtRecord.of(List.of(octets));
        octets[0] = 'x';
        assertThat(record.text()).isEqualTo("abc");
        record.bytes()[0] = 'y';
        assertThat(record.text()).isEqualTo("abc");
        assertThat(record).isEqualTo(TxtRecord.ofText("abc")).hasSameHashCodeAs(TxtRecord.ofText("abc"));
        assertThat(record).isNotEqualTo(TxtRecord.ofText("ab", "c"));
        assertThatThrownBy(() -> TxtRecord.of(List.of(new byte[256])))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mxValidatesAndKnowsTheNullMx() {
        assertThat(new MxRecord(0, ".").isNullMx()).isTrue();
        assertThat(new MxRecord(10, "mx.example.org").isNullMx()).isFalse();
        assertThat(new MxRecord(10, "mx.example.org").toString()).isEqualTo("10 mx.example.org");
        assertThatThrownBy(() -> new MxRecord(65536, "mx.example.org")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MxRecord(-1, "mx.example.org")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MxRecord(0, "")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tlsaIsAValueAndCopiesItsData() {
        byte[] data = {1, 2, 3};
        TlsaRecord record = new TlsaRecord(3, 1, 1, data);
        data[0] = 9;
        assertThat(record.data()).containsExactly(1, 2, 3);
        record.data()[0] = 9;
        assertThat(record.data()).containsExactly(1, 2, 3);
        assertThat(record).isEqualTo(new TlsaRecord(3, 1, 1, new byte[] {1, 2, 3}))
                .hasSameHashCodeAs(new TlsaRecord(3, 1, 1, new byte[] {1, 2, 3}))
                .isNotEqualTo(new TlsaRecord(2, 1, 1, new byte[] {1, 2, 3}));
        assertThat(record.toString()).isEqualTo("3 1 1 010203");
        assertThatThrownBy(() -> new TlsaRecord(256, 0, 0, new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
