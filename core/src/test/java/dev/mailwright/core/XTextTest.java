package dev.mailwright.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class XTextTest {

    /** text, xtext. */
    static Stream<Arguments> pairs() {
        return Stream.of(
                arguments("", ""),
                arguments("QQ314159", "QQ314159"),
                // RFC 4954 §5 example
                arguments("e=mc2@example.com", "e+3Dmc2@example.com"),
                arguments("a+b@example.com", "a+2Bb@example.com"),
                arguments("<>", "<>"),
                arguments("a b", "a+20b"),
                arguments("\r\n", "+0D+0A"),
                arguments("\u0000", "+00"),
                arguments("\u007F", "+7F"),
                arguments("!~\"#$%&'()*,-./:;<>?@[\\]^_`{|}", "!~\"#$%&'()*,-./:;<>?@[\\]^_`{|}"),
                arguments("é", "+C3+A9"),
                arguments("用户", "+E7+94+A8+E6+88+B7"),
                arguments("😀", "+F0+9F+98+80"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("pairs")
    void encodesAndDecodes(String text, String xtext) {
        assertThat(XText.encode(text)).isEqualTo(xtext);
        assertThat(XText.decode(xtext)).isEqualTo(text);
        assertThat(XText.isValid(xtext)).isTrue();
    }

    @Test
    void roundTripsEveryAsciiCharacter() {
        String all = IntStream.range(0, 128).collect(StringBuilder::new, StringBuilder::appendCodePoint,
                StringBuilder::append).toString();
        String encoded = XText.encode(all);

        assertThat(encoded).matches("[!-~]+").doesNotContain("=");
        assertThat(XText.decode(encoded)).isEqualTo(all);
    }

    @Test
    void decodesRedundantHexchars() {
        assertThat(XText.decode("+41+42C")).isEqualTo("ABC");
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                arguments("+", "invalid xtext: '+' must be followed by two upper-case hex digits"),
                arguments("a+4", "invalid xtext: '+' must be followed by two upper-case hex digits"),
                arguments("+4G", "invalid xtext: '+' must be followed by two upper-case hex digits"),
                arguments("+4a", "invalid xtext: '+' must be followed by two upper-case hex digits"),
                arguments("+ 41", "invalid xtext: '+' must be followed by two upper-case hex digits"),
                arguments("a=b", "invalid xtext: character '=' must be encoded"),
                arguments("a b", "invalid xtext: character U+0020 must be encoded"),
                arguments("a\r\nb", "invalid xtext: character U+000D must be encoded"),
                arguments("é", "invalid xtext: character U+00E9 must be encoded"),
                arguments("+C3", "invalid xtext: decodes to invalid UTF-8"),
                arguments("+FF", "invalid xtext: decodes to invalid UTF-8"),
                arguments("+ED+A0+80", "invalid xtext: decodes to invalid UTF-8"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("invalid")
    void refusesInvalidXText(String xtext, String message) {
        assertThatThrownBy(() -> XText.decode(xtext))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
        assertThat(XText.isValid(xtext)).isFalse();
    }
}
