package dev.mailwright.core.mime;

import static dev.mailwright.core.mime.MimeSamples.bytes;
import static dev.mailwright.core.mime.MimeSamples.crlf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The BODYSTRUCTURE numbers (section, type, body size, line count) that Dovecot 2.3.19
 * reported for these messages, stored with CRLF line ends in a Maildir. Two deliberate
 * differences are marked where they occur: Dovecot counts the line break that ends an
 * inner close delimiter into the inner entity even when an enclosing delimiter follows,
 * where RFC 2046 §5.1.1 gives it to that delimiter; and Dovecot 2.3 does not open
 * message/global, which RFC 9051 §7.5.2 describes like message/rfc822.
 */
class DovecotParityTest {

    static Stream<Arguments> messages() {
        return Stream.of(
                Arguments.of("rfc2046", MimeSamples.RFC2046_MULTIPART, List.of(
                        "1 text/plain 80 1", "2 text/plain 78 2")),
                Arguments.of("rfc2049", MimeSamples.RFC2049_APPENDIX_A, List.of(
                        "1 text/plain 275 7", "2 text/plain 114 3", "3 multipart/parallel", "3.1 audio/basic 14",
                        "3.2 image/jpeg 18", "4 text/enriched 145 5", "5 message/rfc822 230 7",
                        "5.1 text/plain 49 1")),
                // Dovecot: 3 is 239 bytes, 15 lines and 4.2 is 352 bytes, 21 lines (the close
                // delimiter's line break, which here precedes "--outer" and "--p4").
                Arguments.of("imap-sections", MimeSamples.IMAP_SECTIONS, List.of(
                        "1 text/plain 12 0", "2 application/octet-stream 8", "3 message/rfc822 237 14",
                        "3.1 text/plain 16 1", "3.2 application/octet-stream 8", "4 multipart/mixed",
                        "4.1 image/gif 20", "4.2 message/rfc822 350 20", "4.2.1 text/plain 16 0",
                        "4.2.2 multipart/alternative", "4.2.2.1 text/plain 18 0", "4.2.2.2 text/richtext 31 0")),
                Arguments.of("alternative", MimeSamples.ALTERNATIVE, List.of(
                        "1 text/plain 56 2", "2 text/html 62 2")),
                Arguments.of("attachment", MimeSamples.ATTACHMENT, List.of(
                        "1 text/plain 21 1", "2 application/pdf 22")),
                Arguments.of("nested-message", MimeSamples.NESTED_MESSAGE, List.of(
                        "1 text/plain 26 1", "2 message/rfc822 238 16", "2.1 text/plain 13 1", "2.2 text/html 20 1")),
                Arguments.of("digest", MimeSamples.DIGEST, List.of(
                        "1 message/rfc822 55 4", "1.1 text/plain 16 1", "2 message/rfc822 56 4",
                        "2.1 text/plain 17 1", "3 text/plain 16 1")),
                Arguments.of("plain", MimeSamples.PLAIN, List.of("1 text/plain 22 2")),
                Arguments.of("missing close delimiters", """
                        Content-Type: multipart/mixed; boundary=outer

                        --outer
                        Content-Type: multipart/alternative; boundary=inner

                        --inner

                        inner one
                        --outer

                        outer two
                        """, List.of("1 multipart/alternative", "1.1 text/plain 9 0", "2 text/plain 11 1")),
                Arguments.of("nested reuse of a boundary", """
                        Content-Type: multipart/mixed; boundary=same

                        --same
                        Content-Type: multipart/alternative; boundary=same

                        --same
                        Content-Type: text/plain

                        text
                        --same--
                        """, List.of("1 multipart/alternative", "1.1 text/plain 4 0")),
                Arguments.of("header cut by a delimiter", """
                        Content-Type: multipart/mixed; boundary=b

                        --b
                        Content-Type: text/plain
                        --b
                        Content-Type: text/html

                        <p>x</p>
                        --b--
                        """, List.of("1 text/plain 0 0", "2 text/html 8 0")),
                Arguments.of("no final line break", """
                        Content-Type: multipart/mixed; boundary=b

                        --b

                        line1
                        line2

                        --b

                        last
                        --b--""", List.of("1 text/plain 14 2", "2 text/plain 4 0")),
                Arguments.of("empty parts", """
                        Content-Type: multipart/mixed; boundary=x

                        --x
                        --x

                        --x


                        --x--
                        """, List.of("1 text/plain 0 0", "2 text/plain 0 0", "3 text/plain 0 0")),
                Arguments.of("message last in a multipart", """
                        Content-Type: multipart/mixed; boundary=m

                        --m
                        Content-Type: message/rfc822

                        Subject: in

                        body

                        --m--
                        """, List.of("1 message/rfc822 21 3", "1.1 text/plain 6 1")),
                Arguments.of("transport padding", "Content-Type: multipart/mixed; boundary=p\n\n--p \t\n\none\n--p--  \n",
                        List.of("1 text/plain 3 0")),
                Arguments.of("text after the boundary", """
                        Content-Type: multipart/mixed; boundary=g

                        --g garbage

                        one
                        --g

                        two
                        --g--
                        """, List.of("1 text/plain 3 0", "2 text/plain 3 0")),
                Arguments.of("encapsulated message with an empty body", """
                        Content-Type: multipart/mixed; boundary=x

                        --x
                        Content-Type: message/rfc822

                        Subject: empty body

                        --x--
                        """, List.of("1 message/rfc822 23 2", "1.1 text/plain 0 0")),
                Arguments.of("part with an empty body", """
                        Content-Type: multipart/mixed; boundary=x

                        --x
                        Content-Type: text/plain

                        --x

                        second
                        --x--
                        """, List.of("1 text/plain 0 0", "2 text/plain 6 0")),
                Arguments.of("epilogue of a nested multipart", """
                        Content-Type: multipart/mixed; boundary=o

                        --o
                        Content-Type: multipart/alternative; boundary=i

                        --i

                        a
                        --i--
                        inner epilogue
                        --o--
                        """, List.of("1 multipart/alternative", "1.1 text/plain 1 0")),
                Arguments.of("digest with default types", """
                        Content-Type: multipart/digest; boundary=d

                        --d

                        Subject: a

                        A
                        --d

                        Subject: b

                        B

                        --d--
                        """, List.of("1 message/rfc822 15 2", "1.1 text/plain 1 0", "2 message/rfc822 17 3",
                        "2.1 text/plain 3 1")),
                // Dovecot 2.3: "1 message/global 27" without opening it.
                Arguments.of("message/global", "Content-Type: message/global\n\nSubject: g\n\nglobal body\n",
                        List.of("1 message/global 27 3", "1.1 text/plain 13 1")),
                Arguments.of("boundary that prefixes another", """
                        Content-Type: multipart/mixed; boundary=b

                        --b
                        Content-Type: multipart/alternative; boundary=b-2

                        --b-2

                        alt one
                        --b-2

                        alt two
                        --b-2--
                        --b

                        last
                        --b--
                        """, List.of("1 multipart/alternative", "1.1 text/plain 7 0", "1.2 text/plain 7 0",
                        "2 text/plain 4 0")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void sameNumbersAsDovecot(String name, String message, List<String> expected) {
        MimeStructure structure = MimeSamples.parse(bytes(crlf(message)));
        List<String> lines = new ArrayList<>();
        body(structure.root(), "", lines);
        assertThat(lines).containsExactlyElementsOf(expected);
    }

    /** The parts of an entity's body, numbered as IMAP does under {@code prefix}. */
    private static void body(MimePart entity, String prefix, List<String> out) {
        if (entity.isMultipart()) {
            for (int i = 0; i < entity.children().size(); i++) {
                part(entity.children().get(i), prefix + (i + 1), out);
            }
        } else {
            part(entity, prefix + "1", out);
        }
    }

    private static void part(MimePart part, String section, List<String> out) {
        String line = section + " " + part.type() + "/" + part.subtype();
        if (part.isMultipart()) {
            out.add(line);
            for (int i = 0; i < part.children().size(); i++) {
                part(part.children().get(i), section + "." + (i + 1), out);
            }
            return;
        }
        line += " " + part.bodyLength();
        if (part.type().equals("text") || part.isMessage()) {
            line += " " + part.bodyLines();
        }
        out.add(line);
        part.message().ifPresent(inner -> body(inner, section + ".", out));
    }
}
