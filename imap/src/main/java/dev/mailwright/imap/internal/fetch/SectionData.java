package dev.mailwright.imap.internal.fetch;

import dev.mailwright.core.MessageContent;
import dev.mailwright.core.mime.HeaderField;
import dev.mailwright.core.mime.MimeContent;
import dev.mailwright.core.mime.MimePart;
import dev.mailwright.core.mime.MimeStructure;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The bytes of a body section (RFC 9051 §6.4.5): whole message, header, text, selected
 * header fields, a part's body or MIME header, read from the stored message through its
 * parsed structure without holding more than the requested range.
 */
public final class SectionData {

    /** A section's bytes: a stream of a known size. */
    public record Data(long size, InputStream in) {}

    private SectionData() {}

    /** The section's bytes, or empty when the section does not exist in this message. */
    public static Optional<Data> of(Section section, MimeStructure structure, MessageContent content) throws IOException {
        MimePart part;
        if (section.isTopLevel()) {
            part = structure.root();
        } else {
            Optional<MimePart> found = structure.find(section.part());
            if (found.isEmpty()) {
                return Optional.empty();
            }
            part = found.get();
        }
        String spec = section.specifier();
        if (spec.isEmpty()) {
            if (section.isTopLevel()) {
                return Optional.of(new Data(content.size(), content.open()));
            }
            return Optional.of(new Data(part.bodyLength(), MimeContent.body(part, content)));
        }
        if (spec.equals("MIME")) {
            return Optional.of(new Data(part.headerLength(), MimeContent.header(part, content)));
        }
        // HEADER, TEXT and HEADER.FIELDS address a message: the root or an encapsulated one.
        MimePart message = section.isTopLevel() ? part : part.message().orElse(null);
        if (message == null) {
            return Optional.empty();
        }
        return switch (spec) {
            case "HEADER" -> Optional.of(new Data(message.headerLength(), MimeContent.header(message, content)));
            case "TEXT" -> Optional.of(new Data(message.bodyLength(), MimeContent.body(message, content)));
            default -> {
                byte[] fields = fields(message, section, spec.endsWith(".NOT"));
                yield Optional.of(new Data(fields.length, new ByteArrayInputStream(fields)));
            }
        };
    }

    private static byte[] fields(MimePart message, Section section, boolean not) {
        Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (String f : section.fields()) {
            names.add(f.toLowerCase(Locale.ROOT));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (HeaderField field : message.headers()) {
            if (names.contains(field.name()) != not) {
                byte[] raw = field.raw();
                out.write(raw, 0, raw.length);
                if (!field.isTerminated()) {
                    out.write('\r');
                    out.write('\n');
                }
            }
        }
        out.write('\r');
        out.write('\n');
        return out.toByteArray();
    }
}
