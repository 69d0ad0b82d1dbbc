package dev.mailwright.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.EnumSet;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MailOptionsTest {

    private static final Set<EsmtpExtension> ALL = EsmtpExtension.all();

    private static MailOptions read(String parameters) {
        return MailOptions.fromParameters(EsmtpParameters.parse(parameters), ALL);
    }

    /** parameters, expected options. */
    static Stream<Arguments> valid() {
        MailOptions none = MailOptions.NONE;
        return Stream.of(
                arguments("", none),
                arguments("SIZE=0", none.withSize(0)),
                arguments("SIZE=1000", none.withSize(1000)),
                arguments("SIZE=000123", none.withSize(123)),
                arguments("SIZE=9223372036854775807", none.withSize(Long.MAX_VALUE)),
                arguments("SIZE=9223372036854775808", none.withSize(Long.MAX_VALUE)),
                arguments("SIZE=99999999999999999999", none.withSize(Long.MAX_VALUE)),
                arguments("BODY=7BIT", none),
                arguments("BODY=8BITMIME", none.withBody(BodyType.EIGHT_BIT_MIME)),
                arguments("body=8bitmime", none.withBody(BodyType.EIGHT_BIT_MIME)),
                arguments("BODY=BINARYMIME", none.withBody(BodyType.BINARY_MIME)),
                arguments("SMTPUTF8", none.withSmtpUtf8(true)),
                arguments("RET=FULL", none.withRet(DsnReturn.FULL)),
                arguments("RET=hdrs", none.withRet(DsnReturn.HDRS)),
                arguments("ENVID=QQ314159", none.withEnvelopeId("QQ314159")),
                arguments("ENVID=a+2Bb+20c", none.withEnvelopeId("a+b c")),
                arguments("REQUIRETLS", none.withRequireTls(true)),
                // RFC 4954 §5 examples
                arguments("AUTH=e+3Dmc2@example.com", none.withAuthIdentity("e=mc2@example.com")),
                arguments("AUTH=<>", none.withAuthIdentity("")),
                arguments("AUTH=+C3+A9@example.com", none.withAuthIdentity("é@example.com")),
                arguments("SIZE=5 BODY=8BITMIME SMTPUTF8 RET=HDRS ENVID=id1 REQUIRETLS AUTH=a@b.example",
                        new MailOptions(OptionalLong.of(5), BodyType.EIGHT_BIT_MIME, true, Optional.of(DsnReturn.HDRS),
                                Optional.of("id1"), true, Optional.of("a@b.example"))));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("valid")
    void readsParameters(String parameters, MailOptions expected) {
        MailOptions options = read(parameters);

        assertThat(options).isEqualTo(expected);
        assertThat(MailOptions.fromParameters(options.toParameters(), ALL)).isEqualTo(options);
    }

    @Test
    void writesParametersForTheClient() {
        MailOptions options = MailOptions.NONE.withSize(12345).withBody(BodyType.EIGHT_BIT_MIME).withSmtpUtf8(true)
                .withRet(DsnReturn.FULL).withEnvelopeId("a+b=c d").withRequireTls(true)
                .withAuthIdentity("e=mc2@example.com");

        assertThat(options.toParameters()).hasToString(
                "SIZE=12345 BODY=8BITMIME SMTPUTF8 RET=FULL ENVID=a+2Bb+3Dc+20d REQUIRETLS AUTH=e+3Dmc2@example.com");
        assertThat(MailOptions.NONE.toParameters().isEmpty()).isTrue();
        assertThat(MailOptions.NONE.withAuthIdentity("").toParameters()).hasToString("AUTH=<>");
        assertThat(MailOptions.NONE.withBody(BodyType.SEVEN_BIT).toParameters().isEmpty()).isTrue();
    }

    @Test
    void withersLeaveTheOriginalAlone() {
        MailOptions sized = MailOptions.NONE.withSize(10);

        assertThat(MailOptions.NONE.size()).isEmpty();
        assertThat(sized.size()).hasValue(10);
        assertThat(sized.withSmtpUtf8(true).size()).hasValue(10);
    }

    /** parameters, enabled extensions, message, unsupported (555) or malformed (501). */
    static Stream<Arguments> refused() {
        Set<EsmtpExtension> all = EsmtpExtension.all();
        Set<EsmtpExtension> none = EnumSet.noneOf(EsmtpExtension.class);
        return Stream.of(
                arguments("SIZE=abc", all, "SIZE: not a number", false),
                arguments("SIZE=-1", all, "SIZE: not a number", false),
                arguments("SIZE=1e6", all, "SIZE: not a number", false),
                arguments("SIZE", all, "SIZE: value required", false),
                arguments("SIZE=123456789012345678901", all, "SIZE: more than 20 digits", false),
                arguments("SIZE=1", none, "unsupported parameter SIZE", true),
                arguments("BODY=X", all, "BODY: unknown value 'X'", true),
                arguments("BODY=8BIT", all, "BODY: unknown value '8BIT'", true),
                arguments("BODY", all, "BODY: value required", false),
                arguments("BODY=7BIT", none, "unsupported parameter BODY", true),
                arguments("BODY=8BITMIME", EnumSet.of(EsmtpExtension.BINARY_MIME), "BODY: 8BITMIME not supported", true),
                arguments("BODY=BINARYMIME", EnumSet.of(EsmtpExtension.EIGHT_BIT_MIME), "BODY: BINARYMIME not supported", true),
                arguments("SMTPUTF8=yes", all, "SMTPUTF8: takes no value", false),
                arguments("SMTPUTF8", EnumSet.complementOf(EnumSet.of(EsmtpExtension.SMTPUTF8)),
                        "unsupported parameter SMTPUTF8", true),
                arguments("RET=ALL", all, "RET: unknown value 'ALL'", false),
                arguments("RET", all, "RET: value required", false),
                arguments("RET=FULL", none, "unsupported parameter RET", true),
                arguments("ENVID", all, "ENVID: value required", false),
                arguments("ENVID=a+2", all, "ENVID: invalid xtext: '+' must be followed by two upper-case hex digits", false),
                arguments("ENVID=a+0D+0Ab", all, "ENVID: character U+000D is not printable ASCII", false),
                arguments("ENVID=+C3+A9", all, "ENVID: character U+00E9 is not printable ASCII", false),
                arguments("ENVID=" + "a".repeat(101), all, "ENVID: longer than 100 characters", false),
                arguments("ENVID=x", none, "unsupported parameter ENVID", true),
                arguments("REQUIRETLS=1", all, "REQUIRETLS: takes no value", false),
                arguments("REQUIRETLS", none, "unsupported parameter REQUIRETLS", true),
                arguments("AUTH", all, "AUTH: value required", false),
                arguments("AUTH=a+0Db@example.com", all, "AUTH: invalid character U+000D", false),
                arguments("AUTH=+FF", all, "AUTH: invalid xtext: decodes to invalid UTF-8", false),
                arguments("AUTH=" + "a".repeat(257), all, "AUTH: longer than 256 octets", false),
                arguments("AUTH=<>", none, "unsupported parameter AUTH", true),
                arguments("FOO=1", all, "unsupported parameter FOO", true),
                arguments("SIZE=1 X-FOO", all, "unsupported parameter X-FOO", true),
                arguments("NOTIFY=NEVER", all, "unsupported parameter NOTIFY", true),
                arguments("ORCPT=rfc822;a@b", all, "unsupported parameter ORCPT", true));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {2}")
    @MethodSource("refused")
    void refusesParameters(String parameters, Set<EsmtpExtension> enabled, String message, boolean unsupported) {
        EsmtpParameters parsed = EsmtpParameters.parse(parameters);

        assertThatThrownBy(() -> MailOptions.fromParameters(parsed, enabled))
                .isInstanceOfSatisfying(ParameterException.class, e -> {
                    assertThat(e.isUnsupported()).isEqualTo(unsupported);
                    assertThat(e.parameter()).contains(parsed.keywords().stream()
                            .filter(message::contains).findFirst().orElseThrow());
                })
                .hasMessage(message)
                .message().matches("[\\x20-\\x7E]+");
    }

    @Test
    void everyParameterIsAcceptedWithItsOwnExtensionOnly() {
        assertThat(MailOptions.fromParameters(EsmtpParameters.parse("SIZE=1"), EnumSet.of(EsmtpExtension.SIZE)).size())
                .hasValue(1);
        assertThat(MailOptions.fromParameters(EsmtpParameters.parse("BODY=7BIT"), EnumSet.of(EsmtpExtension.BINARY_MIME))
                .body()).isEqualTo(BodyType.SEVEN_BIT);
        assertThat(MailOptions.fromParameters(EsmtpParameters.parse("SMTPUTF8"), EnumSet.of(EsmtpExtension.SMTPUTF8))
                .smtpUtf8()).isTrue();
        assertThat(MailOptions.fromParameters(EsmtpParameters.parse("RET=FULL ENVID=x"), EnumSet.of(EsmtpExtension.DSN))
                .envelopeId()).contains("x");
        assertThat(MailOptions.fromParameters(EsmtpParameters.parse("REQUIRETLS"), EnumSet.of(EsmtpExtension.REQUIRETLS))
                .requireTls()).isTrue();
        assertThat(MailOptions.fromParameters(EsmtpParameters.parse("AUTH=<>"), EnumSet.of(EsmtpExtension.AUTH))
                .authIdentity()).contains("");
    }

    @Test
    void validatesComponents() {
        assertThatThrownBy(() -> MailOptions.NONE.withSize(-1)).hasMessage("SIZE: negative");
        assertThatThrownBy(() -> MailOptions.NONE.withEnvelopeId("")).hasMessage("ENVID: empty");
        assertThatThrownBy(() -> MailOptions.NONE.withEnvelopeId("a\u0000"))
                .hasMessage("ENVID: character U+0000 is not printable ASCII");
        assertThat(MailOptions.NONE.withEnvelopeId("a".repeat(100)).envelopeId()).contains("a".repeat(100));
        assertThatThrownBy(() -> MailOptions.NONE.withEnvelopeId("a".repeat(101)))
                .hasMessage("ENVID: longer than 100 characters as xtext");
        // 34 '+' are 102 characters of xtext
        assertThatThrownBy(() -> MailOptions.NONE.withEnvelopeId("+".repeat(34)))
                .isInstanceOf(ParameterException.class)
                .hasMessage("ENVID: longer than 100 characters as xtext");
        assertThat(MailOptions.NONE.withAuthIdentity("a".repeat(256)).authIdentity()).isPresent();
        assertThatThrownBy(() -> MailOptions.NONE.withAuthIdentity("a".repeat(257)))
                .hasMessage("AUTH: longer than 256 octets");
        assertThatThrownBy(() -> MailOptions.NONE.withAuthIdentity("a\nb")).hasMessage("AUTH: invalid character U+000A");
        assertThatThrownBy(() -> MailOptions.NONE.withBody(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void wireNamesOfTheEnums() {
        assertThat(BodyType.SEVEN_BIT.wireName()).isEqualTo("7BIT");
        assertThat(BodyType.EIGHT_BIT_MIME.wireName()).isEqualTo("8BITMIME");
        assertThat(BodyType.BINARY_MIME.wireName()).isEqualTo("BINARYMIME");
        assertThat(BodyType.ofWireName("binarymime")).contains(BodyType.BINARY_MIME);
        assertThat(BodyType.ofWireName("EIGHT_BIT_MIME")).isEmpty();
        assertThat(DsnReturn.ofWireName("Full")).contains(DsnReturn.FULL);
        assertThat(DsnReturn.ofWireName("NONE")).isEmpty();
        assertThat(DsnNotify.ofWireName("delay")).contains(DsnNotify.DELAY);
        assertThat(EsmtpExtension.EIGHT_BIT_MIME.ehloKeyword()).isEqualTo("8BITMIME");
        assertThat(EsmtpExtension.all()).hasSize(EsmtpExtension.values().length);
    }
}
