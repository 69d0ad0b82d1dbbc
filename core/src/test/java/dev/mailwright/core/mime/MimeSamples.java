package dev.mailwright.core.mime;

import dev.mailwright.core.MessageContent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Sample messages shared by the MIME tests, written with LF and sent with CRLF unless a test says otherwise. */
final class MimeSamples {

    private MimeSamples() {
    }

    static String crlf(String lf) {
        return lf.replace("\n", "\r\n");
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static MimeStructure parse(byte[] message) {
        return parse(message, MimeLimits.DEFAULT);
    }

    static MimeStructure parse(byte[] message, MimeLimits limits) {
        try {
            return MimeStructure.parse(MessageContent.of(message), limits);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String headerOf(MimePart part, byte[] message) {
        return slice(message, part.headerOffset(), part.headerLength());
    }

    static String bodyOf(MimePart part, byte[] message) {
        return slice(message, part.bodyOffset(), part.bodyLength());
    }

    static String slice(byte[] message, long offset, long length) {
        return new String(Arrays.copyOfRange(message, (int) offset, (int) (offset + length)), StandardCharsets.UTF_8);
    }

    /** RFC 2046 §5.1.1's example, verbatim apart from the header. */
    static final String RFC2046_MULTIPART = """
            From: Nathaniel Borenstein <nsb@bellcore.com>
            To: Ned Freed <ned@innosoft.com>
            Date: Sun, 21 Mar 1993 23:56:48 -0800 (PST)
            Subject: Sample message
            MIME-Version: 1.0
            Content-type: multipart/mixed; boundary="simple boundary"

            This is the preamble.  It is to be ignored, though it
            is a handy place for composition agents to include an
            explanatory note to non-MIME conformant readers.

            --simple boundary

            This is implicitly typed plain US-ASCII text.
            It does NOT end with a linebreak.
            --simple boundary
            Content-type: text/plain; charset=us-ascii

            This is explicitly typed plain US-ASCII text.
            It DOES end with a linebreak.

            --simple boundary--

            This is the epilogue.  It is also to be ignored.
            """;

    /** RFC 2049 Appendix A, the complex multipart example (bodies shortened where it elides them). */
    static final String RFC2049_APPENDIX_A = """
            MIME-Version: 1.0
            From: Nathaniel Borenstein <nsb@nsb.fv.com>
            To: Ned Freed <ned@innosoft.com>
            Date: Fri, 07 Oct 1994 16:15:05 -0700 (PDT)
            Subject: A multipart example
            Content-Type: multipart/mixed;
                          boundary=unique-boundary-1

            This is the preamble area of a multipart message.
            Mail readers that understand multipart format
            should ignore this preamble.

            If you are reading this text, you might want to
            consider changing to a mail reader that understands
            how to properly display multipart messages.

            --unique-boundary-1

              ... Some text appears here ...

            [Note that the blank between the boundary and the start
             of the text in this part means no header fields were
             given and this is text in the US-ASCII character set.
             It could have been done with explicit typing as in the
             next part.]

            --unique-boundary-1
            Content-type: text/plain; charset=US-ASCII

            This could have been part of the previous part, but
            illustrates explicit versus implicit typing of body
            parts.

            --unique-boundary-1
            Content-Type: multipart/parallel; boundary=unique-boundary-2

            --unique-boundary-2
            Content-Type: audio/basic
            Content-Transfer-Encoding: base64

            AAECAwQFBgc=

            --unique-boundary-2
            Content-Type: image/jpeg
            Content-Transfer-Encoding: base64

            /9j/4AAQSkZJRg==

            --unique-boundary-2--

            --unique-boundary-1
            Content-type: text/enriched

            This is <bold><italic>enriched.</italic></bold>
            <smaller>as defined in RFC 1896</smaller>

            Isn't it
            <bigger><bigger>cool?</bigger></bigger>

            --unique-boundary-1
            Content-Type: message/rfc822

            From: (mailbox in US-ASCII)
            To: (address in US-ASCII)
            Subject: (subject in US-ASCII)
            Content-Type: Text/plain; charset=ISO-8859-1
            Content-Transfer-Encoding: Quoted-printable

            ... Additional text in ISO-8859-1 goes here ...

            --unique-boundary-1--
            """;

    /** A message with the shape of the RFC 3501 §6.4.5 section list. */
    static final String IMAP_SECTIONS = """
            From: Nathaniel Borenstein <nsb@example.com>
            To: Ned Freed <ned@example.com>
            Subject: Section numbers
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="outer"

            preamble
            --outer
            Content-Type: text/plain; charset=us-ascii

            Part 1 text.
            --outer
            Content-Type: application/octet-stream
            Content-Transfer-Encoding: base64

            AAECAwQF
            --outer
            Content-Type: message/rfc822

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
            --p3--
            --outer
            Content-Type: multipart/mixed; boundary="p4"

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
            --p4--
            --outer--
            epilogue
            """;

    static final String ALTERNATIVE = """
            From: a@example.com
            To: b@example.com
            Subject: Alternative
            MIME-Version: 1.0
            Content-Type: multipart/alternative; boundary="=_alt_42"

            --=_alt_42
            Content-Type: text/plain; charset="utf-8"
            Content-Transfer-Encoding: quoted-printable

            Caf=C3=A9 au lait, s'il vous pla=C3=AEt.
            Second line.

            --=_alt_42
            Content-Type: text/html; charset=utf-8
            Content-Transfer-Encoding: 8bit

            <p>Café au lait, s'il vous plaît.</p>
            <p>Second line.</p>

            --=_alt_42--
            """;

    static final String ATTACHMENT = """
            From: a@example.com
            To: b@example.com
            Subject: Report
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="mixed-1"

            --mixed-1
            Content-Type: text/plain; charset=us-ascii

            See the attachment.

            --mixed-1
            Content-Type: application/pdf;
             name*0*=UTF-8''R%C3%A9sum%C3%A9%20;
             name*1="2024.pdf"
            Content-Disposition: attachment;
             filename*=utf-8'fr'R%C3%A9sum%C3%A9%202024.pdf;
             size=12
            Content-Transfer-Encoding: base64
            Content-ID: <resume@example.com>
            Content-Description: =?UTF-8?Q?R=C3=A9sum=C3=A9?=
            Content-Language: fr, en-GB (fallback)
            Content-Location: http://example.com/
             resume.pdf
            Content-MD5: Q2hlY2sgSW50ZWdyaXR5IQ==

            SGVsbG8sIHdvcmxkIQ==

            --mixed-1--
            """;

    static final String NESTED_MESSAGE = """
            From: list@example.com
            To: b@example.com
            Subject: Fwd: Inner
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="outer"

            --outer
            Content-Type: text/plain

            Forwarded message below.

            --outer
            Content-Type: message/rfc822
            Content-Disposition: inline

            From: inner@example.com
            Subject: Inner
            MIME-Version: 1.0
            Content-Type: multipart/alternative; boundary="inner"

            --inner
            Content-Type: text/plain

            Inner text.

            --inner
            Content-Type: text/html

            <p>Inner text.</p>

            --inner--

            --outer--
            """;

    static final String DIGEST = """
            From: digest@example.com
            Subject: Digest
            MIME-Version: 1.0
            Content-Type: multipart/digest; boundary="d"

            --d

            From: one@example.com
            Subject: One

            First message.

            --d
            Content-Type: message/rfc822

            From: two@example.com
            Subject: Two

            Second message.

            --d
            Content-Type: text/plain

            Not a message.

            --d--
            """;

    static final String PLAIN = """
            From: a@example.com
            Subject: Plain

            Line one.
            Line two.
            """;

    /** Every sample, by name, for tests that run over all of them. */
    static Map<String, String> all() {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("rfc2046", RFC2046_MULTIPART);
        all.put("rfc2049", RFC2049_APPENDIX_A);
        all.put("imap-sections", IMAP_SECTIONS);
        all.put("alternative", ALTERNATIVE);
        all.put("attachment", ATTACHMENT);
        all.put("nested-message", NESTED_MESSAGE);
        all.put("digest", DIGEST);
        all.put("plain", PLAIN);
        return all;
    }
}
