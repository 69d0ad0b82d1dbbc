package dev.mailwright.core.mime;

import static dev.mailwright.core.mime.MimeSamples.bodyOf;
import static dev.mailwright.core.mime.MimeSamples.bytes;
import static dev.mailwright.core.mime.MimeSamples.crlf;
import static dev.mailwright.core.mime.MimeSamples.headerOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The section list of RFC 3501 §6.4.5 over a message of that shape: every section's
 * offsets must give exactly the expected bytes, with CRLF and with bare LF line ends.
 */
class ImapSectionsTest {

    /** IMAP section, expected media type, expected BODY[section] (LF line ends). */
    static Stream<Arguments> sections() {
        return Stream.of(
                Arguments.of("1", "text/plain", "Part 1 text."),
                Arguments.of("2", "application/octet-stream", "AAECAwQF"),
                Arguments.of("3", "message/rfc822", """
                        From: a@example.com
                        Subject: Part 3
                        Content-Type: multipart/mixed; boundary="p3"

                        --p3
                        Content-Type: text/plain

                        Part 3.1 text.

                        --p3
                        Content-Type: application/octet-stream
                        Content-Transfer-Encoding: base64

                        BgcICQ==
                        --p3--"""),
                Arguments.of("3.1", "text/plain", "Part 3.1 text.\n"),
                Arguments.of("3.2", "application/octet-stream", "BgcICQ=="),
                Arguments.of("4", "multipart/mixed", """
                        --p4
                        Content-Type: image/gif
                        Content-Transfer-Encoding: base64

                        R0lGODlhAQABAAAAACw=
                        --p4
                        Content-Type: message/rfc822

                        From: b@example.com
                        Subject: Part 4.2
                        Content-Type: multipart/mixed; boundary="p42"

                        --p42
                        Content-Type: text/plain

                        Part 4.2.1 text.
                        --p42
                        Content-Type: multipart/alternative; boundary="p422"

                        --p422
                        Content-Type: text/plain

                        Part 4.2.2.1 text.
                        --p422
                        Content-Type: text/richtext

                        <bold>Part 4.2.2.2</bold> text.
                        --p422--
                        --p42--
                        --p4--"""),
                Arguments.of("4.1", "image/gif", "R0lGODlhAQABAAAAACw="),
                Arguments.of("4.2", "message/rfc822", """
                        From: b@example.com
                        Subject: Part 4.2
                        Content-Type: multipart/mixed; boundary="p42"

                        --p42
                        Content-Type: text/plain

                        Part 4.2.1 text.
                        --p42
                        Content-Type: multipart/alternative; boundary="p422"

                        --p422
                        Content-Type: text/plain

                        Part 4.2.2.1 text.
                        --p422
                        Content-Type: text/richtext

                        <bold>Part 4.2.2.2</bold> text.
                        --p422--
                        --p42--"""),
                Arguments.of("4.2.1", "text/plain", "Part 4.2.1 text."),
                Arguments.of("4.2.2", "multipart/alternative", """
                        --p422
                        Content-Type: text/plain

                        Part 4.2.2.1 text.
                        --p422
                        Content-Type: text/richtext

                        <bold>Part 4.2.2.2</bold> text.
                        --p422--"""),
                Arguments.of("4.2.2.1", "text/plain", "Part 4.2.2.1 text."),
                Arguments.of("4.2.2.2", "text/richtext", "<bold>Part 4.2.2.2</bold> text."));
    }

    private static String message(boolean crlf) {
        return crlf ? crlf(MimeSamples.IMAP_SECTIONS) : MimeSamples.IMAP_SECTIONS;
    }

    private static String ends(String lf, boolean crlf) {
        return crlf ? crlf(lf) : lf;
    }

    private static int[] numbers(String section) {
        return Arrays.stream(section.split("\\.")).mapToInt(Integer::parseInt).toArray();
    }

    @ParameterizedTest(name = "BODY[{0}] is {1}")
    @MethodSource("sections")
    void sectionBodyIsExact(String section, String type, String expected) {
        for (boolean crlf : new boolean[] {true, false}) {
            byte[] message = bytes(message(crlf));
            MimePart part = MimeSamples.parse(message).find(numbers(section)).orElseThrow();
            assertThat(part.type() + "/" + part.subtype()).isEqualTo(type);
            assertThat(bodyOf(part, message)).isEqualTo(ends(expected, crlf));
            long lineFeeds = ends(expected, crlf).chars().filter(c -> c == '\n').count();
            assertThat(part.bodyLines()).isEqualTo(lineFeeds);
        }
    }

    @ParameterizedTest(name = "CRLF {0}")
    @ValueSource(booleans = {true, false})
    void headerAndTextOfTheMessage(boolean crlf) {
        byte[] message = bytes(message(crlf));
        MimeStructure structure = MimeSamples.parse(message);
        MimePart root = structure.root();
        assertThat(structure.size()).isEqualTo(message.length);
        assertThat(headerOf(root, message)).isEqualTo(ends("""
                From: Nathaniel Borenstein <nsb@example.com>
                To: Ned Freed <ned@example.com>
                Subject: Section numbers
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="outer"

                """, crlf));
        String text = bodyOf(root, message);
        assertThat(text).startsWith(ends("preamble\n--outer\n", crlf)).endsWith(ends("--outer--\nepilogue\n", crlf));
        assertThat(root.bodyOffset() + root.bodyLength()).isEqualTo(message.length);
        assertThat(root.children()).hasSize(4);
        assertThat(structure.find()).contains(root);
    }

    @ParameterizedTest(name = "CRLF {0}")
    @ValueSource(booleans = {true, false})
    void headerAndTextOfEncapsulatedMessages(boolean crlf) {
        byte[] message = bytes(message(crlf));
        MimeStructure structure = MimeSamples.parse(message);

        MimePart three = structure.find(3).orElseThrow();
        MimePart inner3 = three.message().orElseThrow();
        assertThat(headerOf(inner3, message)).isEqualTo(ends("""
                From: a@example.com
                Subject: Part 3
                Content-Type: multipart/mixed; boundary="p3"

                """, crlf));
        assertThat(bodyOf(inner3, message)).startsWith(ends("--p3\n", crlf)).endsWith("--p3--");
        assertThat(inner3.headerOffset()).isEqualTo(three.bodyOffset());
        assertThat(inner3.partEnd()).isEqualTo(three.partEnd());
        assertThat(inner3.headers().firstValue("Subject")).contains("Part 3");

        MimePart fourTwo = structure.find(4, 2).orElseThrow();
        assertThat(headerOf(fourTwo, message)).isEqualTo(ends("Content-Type: message/rfc822\n\n", crlf));
        MimePart inner42 = fourTwo.message().orElseThrow();
        assertThat(headerOf(inner42, message)).isEqualTo(ends("""
                From: b@example.com
                Subject: Part 4.2
                Content-Type: multipart/mixed; boundary="p42"

                """, crlf));
        assertThat(bodyOf(inner42, message)).startsWith(ends("--p42\n", crlf)).endsWith("--p42--");
    }

    @ParameterizedTest(name = "CRLF {0}")
    @ValueSource(booleans = {true, false})
    void mimeHeadersOfParts(boolean crlf) {
        byte[] message = bytes(message(crlf));
        MimeStructure structure = MimeSamples.parse(message);
        assertThat(headerOf(structure.find(4, 1).orElseThrow(), message))
                .isEqualTo(ends("Content-Type: image/gif\nContent-Transfer-Encoding: base64\n\n", crlf));
        assertThat(headerOf(structure.find(1).orElseThrow(), message))
                .isEqualTo(ends("Content-Type: text/plain; charset=us-ascii\n\n", crlf));
        assertThat(headerOf(structure.find(4, 2, 2, 2).orElseThrow(), message))
                .isEqualTo(ends("Content-Type: text/richtext\n\n", crlf));
    }

    @ParameterizedTest(name = "CRLF {0}")
    @ValueSource(booleans = {true, false})
    void sectionNumbersOutsideTheStructure(boolean crlf) {
        MimeStructure structure = MimeSamples.parse(bytes(message(crlf)));
        assertThat(structure.find(5)).isEmpty();
        assertThat(structure.find(0)).isEmpty();
        assertThat(structure.find(3, 3)).isEmpty();
        assertThat(structure.find(4, 2, 3)).isEmpty();
        assertThat(structure.find(-1)).isEmpty();
        // A leaf has only sub-part 1, itself (Dovecot answers the same).
        assertThat(structure.find(1, 1)).isEqualTo(structure.find(1));
        assertThat(structure.find(1, 2)).isEmpty();
        // Sub-sections of a message/rfc822 part address the encapsulated message's parts.
        MimePart three = structure.find(3).orElseThrow();
        assertThat(three.find(2)).isEqualTo(structure.find(3, 2));
        assertThat(three.find()).contains(three);
    }
}
