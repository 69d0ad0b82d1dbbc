package dev.mailwright.core.mime;

import static dev.mailwright.core.mime.MimeSamples.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What an entity's MIME header fields declare: types, parameters, dispositions and the rest. */
class MimeHeaderFieldsTest {

    private static MimePart part(String header) {
        return MimeSamples.parse(bytes(header.replace("\n", "\r\n") + "\r\n\r\nbody")).root();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Content-Type: TEXT/HTML                          | text   | html",
            "Content-Type: text/plain (comment) ; x=y          | text   | plain",
            "Content-Type: (lead) image / png                  | image  | png",
            "Content-Type: application/vnd.ms-excel            | application | vnd.ms-excel",
            "Content-Type: Multipart/Mixed; boundary=x         | multipart | mixed",
    })
    void typesAreLowerCasedAndCommentsIgnored(String header, String type, String subtype) {
        MimePart part = part(header);
        assertThat(part.type()).isEqualTo(type);
        assertThat(part.subtype()).isEqualTo(subtype);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "Content-Type: text",
            "Content-Type: /plain",
            "Content-Type: text/",
            "Content-Type: text/plain/extra",
            "Content-Type: te xt/pla in",
            "Content-Type: t@xt/plain",
            "Content-Type:",
            "Content-Type: ;charset=utf-8",
    })
    void malformedContentTypeMeansUsAsciiText(String header) {
        // RFC 2045 §5.2: assume text/plain; charset=us-ascii for a syntactically invalid Content-Type.
        MimePart part = part(header);
        assertThat(part.type()).isEqualTo("text");
        assertThat(part.subtype()).isEqualTo("plain");
        assertThat(part.parameters()).containsExactly(Map.entry("charset", "us-ascii"));
    }

    @Test
    void explicitTextWithoutCharsetHasNoDefaultedParameter() {
        MimePart part = part("Content-Type: text/plain");
        assertThat(part.parameters()).isEmpty();
        assertThat(part.charset()).isEmpty();
    }

    @Test
    void parametersKeepOrderAndLowerCaseNames() {
        MimePart part = part("Content-Type: text/plain; Format=Flowed; CHARSET=\"UTF-8\"; DelSp=yes; format=fixed");
        assertThat(part.parameters()).containsExactly(
                Map.entry("format", "Flowed"), Map.entry("charset", "UTF-8"), Map.entry("delsp", "yes"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // Quoted strings with escapes.
            "name=\"a \\\"quoted\\\" \\\\ name\"               | a \"quoted\" \\ name",
            // Common generator bugs: unquoted values with spaces or tspecials.
            "name=my file.pdf                                  | my file.pdf",
            "name=my file.pdf ; size=3                         | my file.pdf",
            "name==?utf-8?q?caf=C3=A9?=.txt                    | café.txt",
            // A comment after a value (RFC 2045's own example).
            "name=us-ascii (Plain text)                        | us-ascii",
            "name = spaced                                     | spaced",
            // RFC 2047 words inside a quoted value, as many clients send them.
            "name=\"=?UTF-8?B?w6l0w6kucGRm?=\"                  | été.pdf",
            "name=\"=?UTF-8?Q?a?= =?UTF-8?Q?b?=\"               | ab",
            "name=\"=?iso-8859-1?q?r=E9sum=E9?=.doc\"           | résumé.doc",
            // Not encoded words: kept.
            "name=\"=?not an encoded word\"                     | =?not an encoded word",
            // Unterminated quote runs to the end.
            "name=\"open                                       | open",
    })
    void parameterValues(String parameter, String expected) {
        MimePart part = part("Content-Type: application/octet-stream; " + parameter);
        assertThat(part.parameters()).containsEntry("name", expected);
    }

    @Test
    void rfc2231Examples() {
        // RFC 2231 §3: continuations.
        MimePart continued = part("Content-Type: message/external-body; access-type=URL;\n"
                + " URL*0=\"ftp://\";\n URL*1=\"cs.utk.edu/pub/moore/bulk-mailer/bulk-mailer.tar\"");
        assertThat(continued.parameters()).containsEntry("url",
                "ftp://cs.utk.edu/pub/moore/bulk-mailer/bulk-mailer.tar");
        // RFC 2231 §4: charset and language.
        MimePart charset = part("Content-Type: application/x-stuff;\n"
                + " title*=us-ascii'en-us'This%20is%20%2A%2A%2Afun%2A%2A%2A");
        assertThat(charset.parameters()).containsExactly(Map.entry("title", "This is ***fun***"));
        // RFC 2231 §4.1: both together, mixing encoded and plain sections.
        MimePart both = part("Content-Type: application/x-stuff;\n"
                + " title*0*=us-ascii'en'This%20is%20even%20more%20;\n"
                + " title*1*=%2A%2A%2Afun%2A%2A%2A%20;\n"
                + " title*2=\"isn't it!\"");
        assertThat(both.parameters()).containsExactly(Map.entry("title", "This is even more ***fun*** isn't it!"));
    }

    @Test
    void rfc2231Leniency() {
        // Sections out of order are joined in order; a gap ends the value.
        assertThat(part("Content-Type: a/b; n*1=\"two\"; n*0=\"one\"; n*3=\"four\"").parameters())
                .containsExactly(Map.entry("n", "onetwo"));
        // The RFC 2231 form wins over a plain one, wherever it appears.
        assertThat(part("Content-Type: a/b; name=\"fallback.txt\"; name*=utf-8''%E2%82%AC.txt").parameters())
                .containsExactly(Map.entry("name", "€.txt"));
        // Unknown or missing charset: UTF-8 when valid, ISO-8859-1 otherwise.
        assertThat(part("Content-Type: a/b; n*=x-unknown''%C3%A9").parameters()).containsEntry("n", "é");
        assertThat(part("Content-Type: a/b; n*=''%E9").parameters()).containsEntry("n", "é");
        assertThat(part("Content-Type: a/b; n*=%E9%20x").parameters()).containsEntry("n", "é x");
        assertThat(part("Content-Type: a/b; n*=iso-8859-1''%E9").parameters()).containsEntry("n", "é");
        // Malformed percent escapes stay literal.
        assertThat(part("Content-Type: a/b; n*=utf-8''100%25%zz%4").parameters()).containsEntry("n", "100%%zz%4");
        // Absurd section numbers are not continuations.
        assertThat(part("Content-Type: a/b; n*0=a; n*99999=b").parameters())
                .containsExactly(Map.entry("n", "a"), Map.entry("n*99999", "b"));
    }

    @Test
    void boundaryIsNeverDecoded() {
        MimePart part = part("Content-Type: multipart/mixed; boundary=\"=?utf-8?q?x?=\"");
        assertThat(part.parameters()).containsEntry("boundary", "=?utf-8?q?x?=");
    }

    @Test
    void parametersWithoutValuesAreSkipped() {
        MimePart part = part("Content-Type: text/plain; ; junk; =value; charset=utf-8;");
        assertThat(part.parameters()).containsExactly(Map.entry("charset", "utf-8"));
    }

    @Test
    void disposition() {
        MimePart part = part("Content-Disposition: Attachment; FileName=\"=?UTF-8?Q?na=C3=AFve?=.txt\";\n"
                + " creation-date=\"Wed, 12 Feb 1997 16:29:51 -0500\"");
        Disposition disposition = part.disposition().orElseThrow();
        assertThat(disposition.type()).isEqualTo("attachment");
        assertThat(disposition.parameters()).containsExactly(
                Map.entry("filename", "naïve.txt"), Map.entry("creation-date", "Wed, 12 Feb 1997 16:29:51 -0500"));
        assertThat(part("Content-Disposition: inline").disposition())
                .contains(new Disposition("inline", Map.of()));
        assertThat(part("Content-Disposition: ; filename=x").disposition()).isEmpty();
        assertThat(part("Subject: none").disposition()).isEmpty();
    }

    @Test
    void otherFields() {
        MimePart part = part("""
                Content-Type: text/plain
                Content-Transfer-Encoding: (x) Quoted-Printable (y)
                Content-ID:   <part1@example.com>\s
                Content-Description: A =?utf-8?q?caf=C3=A9?= menu
                Content-MD5: Q2hlY2sgSW50ZWdyaXR5IQ==
                Content-Language: (primary) de-CH , fr
                Content-Location: http://example.com/a/
                 b/c.html""");
        assertThat(part.transferEncoding()).isEqualTo("quoted-printable");
        assertThat(part.id()).contains("<part1@example.com>");
        assertThat(part.description()).contains("A =?utf-8?q?caf=C3=A9?= menu");
        assertThat(part.md5()).contains("Q2hlY2sgSW50ZWdyaXR5IQ==");
        assertThat(part.language()).containsExactly("de-CH", "fr");
        assertThat(part.location()).contains("http://example.com/a/b/c.html");

        MimePart bare = part("Subject: nothing\nContent-Transfer-Encoding:   \nContent-ID:  ");
        assertThat(bare.transferEncoding()).isEqualTo("7bit");
        assertThat(bare.id()).isEmpty();
        assertThat(bare.description()).isEmpty();
        assertThat(bare.md5()).isEmpty();
        assertThat(bare.location()).isEmpty();
        assertThat(bare.language()).isEqualTo(List.of());
        assertThat(bare.disposition()).isEmpty();
    }

    @Test
    void firstContentTypeWins() {
        MimePart part = part("Content-Type: text/html\nContent-Type: image/png");
        assertThat(part.subtype()).isEqualTo("html");
    }

    @Test
    void eightBitParameterValues() {
        MimePart part = part("Content-Type: application/pdf; name=\"Übersicht.pdf\"");
        assertThat(part.parameters()).containsEntry("name", "Übersicht.pdf");
    }
}
