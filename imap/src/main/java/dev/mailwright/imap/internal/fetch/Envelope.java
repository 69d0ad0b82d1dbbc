package dev.mailwright.imap.internal.fetch;

import dev.mailwright.core.mime.AddressList;
import dev.mailwright.core.mime.HeaderField;
import dev.mailwright.core.mime.Headers;
import dev.mailwright.imap.internal.protocol.ResponseWriter;
import java.util.List;
import java.util.Optional;

/**
 * The ENVELOPE of a message (RFC 9051 §7.5.2): date, subject, the address lists and the
 * reply references from the top-level header, with encoded words left as they are and
 * Sender and Reply-To defaulting to From.
 */
public final class Envelope {

    private Envelope() {}

    /** The envelope as response bytes, from the message's top-level header. */
    public static byte[] render(Headers headers) {
        ResponseWriter out = ResponseWriter.detached();
        out.append('(');
        nstring(out, value(headers, "Date"));
        out.append(' ');
        nstring(out, value(headers, "Subject"));
        out.append(' ');
        Optional<String> from = value(headers, "From");
        addresses(out, from);
        out.append(' ');
        addresses(out, value(headers, "Sender").or(() -> from));
        out.append(' ');
        addresses(out, value(headers, "Reply-To").or(() -> from));
        out.append(' ');
        addresses(out, value(headers, "To"));
        out.append(' ');
        addresses(out, value(headers, "Cc"));
        out.append(' ');
        addresses(out, value(headers, "Bcc"));
        out.append(' ');
        nstring(out, value(headers, "In-Reply-To"));
        out.append(' ');
        nstring(out, value(headers, "Message-ID"));
        out.append(')');
        return out.take();
    }

    private static Optional<String> value(Headers headers, String name) {
        return headers.first(name).map(HeaderField::value).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static void nstring(ResponseWriter out, Optional<String> value) {
        if (value.isEmpty()) {
            out.append("NIL");
        } else {
            out.string(value.get());
        }
    }

    private static void addresses(ResponseWriter out, Optional<String> value) {
        if (value.isEmpty()) {
            out.append("NIL");
            return;
        }
        List<AddressList.Entry> entries = AddressList.parseUndecoded(value.get()).entries();
        if (entries.isEmpty()) {
            out.append("NIL");
            return;
        }
        out.append('(');
        for (AddressList.Entry entry : entries) {
            if (entry instanceof AddressList.Mailbox m) {
                mailbox(out, m);
            } else if (entry instanceof AddressList.Group g) {
                // RFC 9051 §7.5.2: a group is marked by a start with its name and an end, both with NIL host.
                out.append("(NIL NIL ");
                out.string(g.name());
                out.append(" NIL)");
                for (AddressList.Mailbox m : g.members()) {
                    mailbox(out, m);
                }
                out.append("(NIL NIL NIL NIL)");
            }
        }
        out.append(')');
    }

    private static void mailbox(ResponseWriter out, AddressList.Mailbox m) {
        out.append('(');
        nstring(out, m.displayName());
        out.append(" NIL ");
        out.string(m.localPart());
        out.append(' ');
        if (m.domain().isEmpty()) {
            out.append("NIL");
        } else {
            out.string(m.domain());
        }
        out.append(')');
    }
}
