package dev.mailwright.auth.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 6376 §3.2 tag lists, and the whitespace-tolerant base64 of §3.5 ({@code b=}, {@code bh=}, {@code p=}). */
class TagListTest {

    @Test
    void tagsInOrderWithWhitespaceAroundValuesRemoved() throws Exception {
        Map<String, String> tags = TagList.parse(" v=1;\r\n\ta = rsa-sha256 ; b=ab\r\n cd ;x=;");
        assertThat(tags).containsExactly(Map.entry("v", "1"), Map.entry("a", "rsa-sha256"), Map.entry("b", "ab\r\n cd"),
                Map.entry("x", ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"v=1; v=2", "v=1;; a=b", "v", "1v=2", "v-x=1", "=1"})
    void malformedListsAreRejected(String text) {
        assertThatThrownBy(() -> TagList.parse(text)).isInstanceOf(DkimSyntaxException.class);
    }

    @Test
    void whitespaceRemovedAnywhere() {
        assertThat(TagList.removeWhitespace("abc")).isEqualTo("abc");
        assertThat(TagList.removeWhitespace(" a\tb\r\n c ")).isEqualTo("abc");
        assertThat(TagList.removeWhitespace("")).isEmpty();
        assertThat(TagList.removeWhitespace(" \t")).isEmpty();
    }

    @Test
    void base64IgnoresFoldingWhitespace() {
        assertThat(TagList.base64("aGVs\r\n bG8g\td29y bGQ=")).isEqualTo("hello world".getBytes(StandardCharsets.US_ASCII));
        assertThat(TagList.base64("")).isEmpty();
        assertThat(TagList.base64(" \r\n ")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"aGVsbG8==", "aGVs=bG8=", "aGVs*bG8=", "aGVsbG\u00e98=", "aGVsbG\u01008=", "aGVs\u000bbG8=", "a"})
    void base64IsStrictOtherwise(String value) {
        assertThatThrownBy(() -> TagList.base64(value)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void base64AgreesWithTheJdkDecoderOnRandomInput() {
        Random random = new Random(3);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/= \t\r\n-_\u00e9";
        for (int round = 0; round < 5000; round++) {
            StringBuilder value = new StringBuilder();
            int length = random.nextInt(20);
            for (int i = 0; i < length; i++) {
                value.append(alphabet.charAt(random.nextInt(random.nextInt(4) == 0 ? alphabet.length() : 64)));
            }
            String text = value.toString();
            byte[] expected;
            try {
                expected = Base64.getDecoder().decode(TagList.removeWhitespace(text));
            } catch (IllegalArgumentException e) {
                expected = null;
            }
            if (expected == null) {
                assertThatThrownBy(() -> TagList.base64(text)).as(text).isInstanceOf(IllegalArgumentException.class);
            } else {
                assertThat(TagList.base64(text)).as(text).isEqualTo(expected);
            }
        }
    }
}
