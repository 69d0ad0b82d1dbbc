package dev.mailwright.smtp.outbound.mtasts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailwright.core.dns.TxtRecord;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class MtaStsPolicyTest {

    /** The example of RFC 8461 §3.2. */
    private static final String RFC_EXAMPLE = """
            version: STSv1\r
            mode: enforce\r
            mx: mail.example.com\r
            mx: *.example.net\r
            mx: backupmx.example.com\r
            max_age: 604800\r
            """;

    @Test
    void parsesTheRfcExample() {
        MtaStsPolicy policy = MtaStsPolicy.parse(RFC_EXAMPLE);
        assertThat(policy.mode()).isEqualTo(MtaStsPolicy.Mode.ENFORCE);
        assertThat(policy.mx()).containsExactly("mail.example.com", "*.example.net", "backupmx.example.com");
        assertThat(policy.maxAge()).isEqualTo(Duration.ofDays(7));
        assertThat(MtaStsPolicy.parse(policy.toText())).isEqualTo(policy);
    }

    @Test
    void mxPatternsMatchAsRfc8461Says() {
        MtaStsPolicy policy = MtaStsPolicy.parse(RFC_EXAMPLE);
        assertThat(policy.allowsMx("mail.example.com")).isTrue();
        assertThat(policy.allowsMx("MAIL.example.com.")).isTrue();
        assertThat(policy.allowsMx("mx1.example.net")).isTrue();
        assertThat(policy.allowsMx("example.net")).as("the wildcard needs a label").isFalse();
        assertThat(policy.allowsMx("a.b.example.net")).as("only one label").isFalse();
        assertThat(policy.allowsMx("evil.example.org")).isFalse();
    }

    @Test
    void unknownFieldsAreIgnoredAndLfLinesAccepted() {
        MtaStsPolicy policy = MtaStsPolicy.parse("version: STSv1\nmode: testing\nmx: mx.example\nmax_age: 86400\nfuture: x\n");
        assertThat(policy.mode()).isEqualTo(MtaStsPolicy.Mode.TESTING);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "mode: enforce\nmx: a.example\nmax_age: 1\n",
            "version: STSv2\nmode: enforce\nmx: a.example\nmax_age: 1\n",
            "version: STSv1\nmode: strict\nmx: a.example\nmax_age: 1\n",
            "version: STSv1\nmode: enforce\nmax_age: 1\n",
            "version: STSv1\nmode: enforce\nmx: a.example\n",
            "version: STSv1\nmode: enforce\nmx: a.example\nmax_age: -5\n",
            "version: STSv1\nmode: enforce\nmx: a..example!\nmax_age: 5\n",
            "version: STSv1\nmode enforce\n"})
    void invalidPoliciesAreRefused(String body) {
        assertThatThrownBy(() -> MtaStsPolicy.parse(body)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void maxAgeIsCappedAtAboutAYear() {
        assertThat(MtaStsPolicy.parse("version: STSv1\nmode: none\nmax_age: 99999999999\n").maxAge())
                .isEqualTo(MtaStsPolicy.MAX_AGE_LIMIT);
    }

    @Test
    void txtRecordNeedsExactlyOneValidStsRecord() {
        assertThat(MtaStsRecord.select(List.of(TxtRecord.ofText("v=STSv1; id=20160831085700Z;"))))
                .contains(new MtaStsRecord("20160831085700Z"));
        assertThat(MtaStsRecord.select(List.of(TxtRecord.ofText("v=spf1 -all"), TxtRecord.ofText("v=STSv1; id=abc"))))
                .contains(new MtaStsRecord("abc"));
        assertThat(MtaStsRecord.select(List.of(TxtRecord.ofText("v=STSv1; id=a;"), TxtRecord.ofText("v=STSv1; id=b;"))))
                .isEmpty();
        assertThat(MtaStsRecord.select(List.of(TxtRecord.ofText("v=STSv1; id=not_alnum;")))).isEmpty();
        assertThat(MtaStsRecord.select(List.of(TxtRecord.ofText("v=STSv1;")))).isEmpty();
    }
}
