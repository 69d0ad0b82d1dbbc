package dev.mailwright.imap.internal.fetch;

import dev.mailwright.core.mime.Disposition;
import dev.mailwright.core.mime.MimePart;
import dev.mailwright.imap.internal.protocol.ResponseWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * BODY and BODYSTRUCTURE (RFC 9051 §7.5.2) from a parsed MIME structure: media types,
 * parameters, sizes and line counts, encapsulated messages with their envelopes, and
 * (for BODYSTRUCTURE) the extension data: MD5, disposition, language and location.
 */
public final class BodyStructure {

    private BodyStructure() {}

    /** The structure of a message, as response bytes. */
    public static byte[] render(MimePart root, boolean extensible) {
        ResponseWriter out = ResponseWriter.detached();
        part(out, root, extensible);
        return out.take();
    }

    private static void part(ResponseWriter out, MimePart part, boolean ext) {
        if (part.isMultipart()) {
            multipart(out, part, ext);
            return;
        }
        out.append('(');
        out.string(part.type()).append(' ').string(part.subtype()).append(' ');
        parameters(out, part.parameters());
        out.append(' ');
        nstring(out, part.id());
        out.append(' ');
        nstring(out, part.description());
        out.append(' ');
        out.string(part.transferEncoding());
        out.append(' ').append(part.bodyLength());
        if (part.isMessage()) {
            MimePart inner = part.message().orElseThrow();
            out.append(' ').append(Envelope.render(inner.headers())).append(' ');
            part(out, inner, ext);
            out.append(' ').append(part.bodyLines());
        } else if (part.type().equals("text")) {
            out.append(' ').append(part.bodyLines());
        }
        if (ext) {
            out.append(' ');
            nstring(out, part.md5());
            extension(out, part);
        }
        out.append(')');
    }

    private static void multipart(ResponseWriter out, MimePart part, boolean ext) {
        out.append('(');
        List<MimePart> children = part.children();
        if (children.isEmpty()) {
            // A multipart whose boundary never appears still needs one body part (RFC 9051 body-type-mpart).
            out.append("(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0)");
        }
        for (MimePart child : children) {
            part(out, child, ext);
        }
        out.append(' ').string(part.subtype());
        if (ext) {
            out.append(' ');
            parameters(out, part.parameters());
            extension(out, part);
        }
        out.append(')');
    }

    /** body-fld-dsp, body-fld-lang and body-fld-loc. */
    private static void extension(ResponseWriter out, MimePart part) {
        out.append(' ');
        Optional<Disposition> disposition = part.disposition();
        if (disposition.isEmpty()) {
            out.append("NIL");
        } else {
            out.append('(').string(disposition.get().type()).append(' ');
            parameters(out, disposition.get().parameters());
            out.append(')');
        }
        out.append(' ');
        List<String> language = part.language();
        if (language.isEmpty()) {
            out.append("NIL");
        } else if (language.size() == 1) {
            out.string(language.get(0));
        } else {
            out.append('(');
            for (int i = 0; i < language.size(); i++) {
                if (i > 0) {
                    out.append(' ');
                }
                out.string(language.get(i));
            }
            out.append(')');
        }
        out.append(' ');
        nstring(out, part.location());
    }

    private static void parameters(ResponseWriter out, Map<String, String> parameters) {
        if (parameters.isEmpty()) {
            out.append("NIL");
            return;
        }
        out.append('(');
        boolean first = true;
        for (Map.Entry<String, String> p : parameters.entrySet()) {
            if (!first) {
                out.append(' ');
            }
            first = false;
            out.string(p.getKey()).append(' ').string(p.getValue());
        }
        out.append(')');
    }

    private static void nstring(ResponseWriter out, Optional<String> value) {
        if (value.isEmpty()) {
            out.append("NIL");
        } else {
            out.string(value.get());
        }
    }
}
