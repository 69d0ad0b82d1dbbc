package dev.mailwright.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EsmtpParametersTest {

    @Test
    void parsesKeywordsAndValuesInOrder() {
        EsmtpParameters parameters = EsmtpParameters.parse("SIZE=1000 BODY=8BITMIME SMTPUTF8");

        assertThat(parameters.keywords()).containsExactly("SIZE", "BODY", "SMTPUTF8");
        assertThat(parameters.value("SIZE")).contains("1000");
        assertThat(parameters.value("BODY")).contains("8BITMIME");
        assertThat(parameters.contains("SMTPUTF8")).isTrue();
        assertThat(parameters.value("SMTPUTF8")).isEmpty();
        assertThat(parameters.contains("RET")).isFalse();
        assertThat(parameters.value("RET")).isEmpty();
        assertThat(parameters.size()).isEqualTo(3);
        assertThat(parameters.isEmpty()).isFalse();
        assertThat(parameters).hasToString("SIZE=1000 BODY=8BITMIME SMTPUTF8");
    }

    @Test
    void keywordsAreCaseInsensitiveAndValuesKeepTheirCase() {
        EsmtpParameters parameters = EsmtpParameters.parse("size=1000 Body=8bitmime envid=QQ314159");

        assertThat(parameters.keywords()).containsExactly("SIZE", "BODY", "ENVID");
        assertThat(parameters.value("Size")).contains("1000");
        assertThat(parameters.value("bOdY")).contains("8bitmime");
        assertThat(parameters.contains("envid")).isTrue();
        assertThat(parameters).hasToString("SIZE=1000 BODY=8bitmime ENVID=QQ314159");
    }

    @Test
    void emptyTextHasNoParameters() {
        assertThat(EsmtpParameters.parse("")).isSameAs(EsmtpParameters.NONE);
        assertThat(EsmtpParameters.parse("   ")).isSameAs(EsmtpParameters.NONE);
        assertThat(EsmtpParameters.NONE.isEmpty()).isTrue();
        assertThat(EsmtpParameters.NONE).hasToString("");
    }

    @Test
    void toleratesRunsOfSpaces() {
        assertThat(EsmtpParameters.parse(" SIZE=1   BODY=7BIT  ")).hasToString("SIZE=1 BODY=7BIT");
    }

    @Test
    void acceptsUtf8InValues() {
        EsmtpParameters parameters = EsmtpParameters.parse("ORCPT=utf-8;用户@例子.广告");

        assertThat(parameters.value("ORCPT")).contains("utf-8;用户@例子.广告");
    }

    @Test
    void roundTripsThroughTheWireForm() {
        EsmtpParameters built = EsmtpParameters.builder()
                .add("X-Custom", "v")
                .add("SMTPUTF8")
                .add("size", "42")
                .build();

        assertThat(built).hasToString("X-CUSTOM=v SMTPUTF8 SIZE=42");
        assertThat(EsmtpParameters.parse(built.toString())).isEqualTo(built).hasSameHashCodeAs(built);
        assertThat(built.asMap()).containsEntry("X-CUSTOM", Optional.of("v")).containsEntry("SMTPUTF8", Optional.empty());
        assertThatThrownBy(() -> built.asMap().put("A", Optional.empty()))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void acceptsTheMaximumNumberOfParameters() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < EsmtpParameters.MAX_PARAMETERS; i++) {
            text.append("X").append(i).append("=1 ");
        }
        assertThat(EsmtpParameters.parse(text.toString()).size()).isEqualTo(EsmtpParameters.MAX_PARAMETERS);
        assertThatThrownBy(() -> EsmtpParameters.parse(text + "ONE-MORE"))
                .isInstanceOf(ParameterException.class)
                .hasMessage("parameters: more than 32");
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                arguments("SIZE=1000 SIZE=2000", "SIZE: given more than once", "SIZE"),
                arguments("size=1 SIZE=2", "SIZE: given more than once", "SIZE"),
                arguments("SMTPUTF8 smtputf8", "SMTPUTF8: given more than once", "SMTPUTF8"),
                arguments("-SIZE=1", "parameters: invalid keyword '-SIZE'", null),
                arguments("SI_ZE=1", "parameters: invalid keyword 'SI_ZE'", null),
                arguments("SIZE\t=1", "parameters: invalid keyword 'SIZEU+0009'", null),
                arguments("ÄB=1", "parameters: invalid keyword 'U+00C4B'", null),
                arguments("=1", "parameters: empty keyword", null),
                arguments("SIZE=", "SIZE: empty value after '='", "SIZE"),
                arguments("SIZE=1=2", "SIZE: invalid character '=' in value", "SIZE"),
                arguments("SIZE=1\u0000", "SIZE: invalid character U+0000 in value", "SIZE"),
                arguments("X=a\rb", "X: invalid character U+000D in value", "X"),
                arguments("X=a\u0085", "X: invalid character U+0085 in value", "X"),
                arguments("X=a\u007F", "X: invalid character U+007F in value", "X"),
                arguments("X=a\uD800", "X: invalid character U+D800 in value", "X"),
                arguments("X=" + "a".repeat(3000), "parameters: longer than 2048 characters", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void refusesMalformedParameters(String text, String message, String parameter) {
        assertThatThrownBy(() -> EsmtpParameters.parse(text))
                .isInstanceOfSatisfying(ParameterException.class, e -> {
                    assertThat(e.parameter()).isEqualTo(Optional.ofNullable(parameter));
                    assertThat(e.isUnsupported()).isFalse();
                })
                .hasMessage(message)
                .message().matches("[\\x20-\\x7E]+");
    }

    @Test
    void builderValidatesToo() {
        assertThatThrownBy(() -> EsmtpParameters.builder().add("BAD KEY"))
                .hasMessage("parameters: invalid keyword 'BAD KEY'");
        assertThatThrownBy(() -> EsmtpParameters.builder().add("SIZE", "1 2"))
                .hasMessage("SIZE: invalid character U+0020 in value");
        assertThatThrownBy(() -> EsmtpParameters.builder().add("SIZE", "1").add("Size"))
                .hasMessage("SIZE: given more than once");
    }
}
