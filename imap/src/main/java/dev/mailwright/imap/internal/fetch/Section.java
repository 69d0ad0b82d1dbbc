package dev.mailwright.imap.internal.fetch;

import java.util.List;

/**
 * A body section (RFC 9051 §6.4.5): a part number path such as {@code 1.2} (empty for the
 * whole message) and an optional text specifier.
 *
 * @param part the part path, empty for the top level
 * @param specifier "" (the part itself), HEADER, HEADER.FIELDS, HEADER.FIELDS.NOT, TEXT or MIME
 * @param fields the header field names for HEADER.FIELDS and HEADER.FIELDS.NOT, as written
 */
public record Section(int[] part, String specifier, List<String> fields) {

    public Section {
        part = part.clone();
        fields = List.copyOf(fields);
    }

    public static final Section WHOLE = new Section(new int[0], "", List.of());

    public boolean isTopLevel() {
        return part.length == 0;
    }

    /** The section as written back in the FETCH response, e.g. {@code 1.2.HEADER.FIELDS (From To)}. */
    public String echo() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < part.length; i++) {
            if (i > 0) {
                b.append('.');
            }
            b.append(part[i]);
        }
        if (!specifier.isEmpty()) {
            if (part.length > 0) {
                b.append('.');
            }
            b.append(specifier);
        }
        if (specifier.startsWith("HEADER.FIELDS")) {
            b.append(" (");
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) {
                    b.append(' ');
                }
                b.append(fields.get(i));
            }
            b.append(')');
        }
        return b.toString();
    }
}
