package dev.mailwright.imap.internal.fetch;

import dev.mailwright.imap.internal.fetch.FetchAttribute.Kind;
import dev.mailwright.imap.internal.protocol.Arguments;
import dev.mailwright.imap.internal.protocol.ImapException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a FETCH asks for: its data items, with macros expanded, and its modifiers
 * (CHANGEDSINCE and VANISHED, RFC 7162 §3.1.4 and §3.2.6).
 */
public record FetchRequest(List<FetchAttribute> attributes, long changedSince, boolean vanished) {

    private static final int MAX_ITEMS = 100;
    private static final int MAX_FIELDS = 200;

    public FetchRequest {
        attributes = List.copyOf(attributes);
    }

    public boolean has(Kind kind) {
        for (FetchAttribute a : attributes) {
            if (a.kind() == kind) {
                return true;
            }
        }
        return false;
    }

    public boolean setsSeen() {
        return attributes.stream().anyMatch(FetchAttribute::setsSeen);
    }

    public boolean needsContent() {
        return attributes.stream().anyMatch(FetchAttribute::needsContent);
    }

    public boolean needsStructure() {
        return attributes.stream().anyMatch(FetchAttribute::needsStructure);
    }

    /** Parses the items and modifiers after the sequence set. */
    public static FetchRequest parse(Arguments args) throws ImapException {
        List<FetchAttribute> items = new ArrayList<>();
        if (args.tryChar('(')) {
            do {
                items.add(item(args));
                if (items.size() > MAX_ITEMS) {
                    throw ImapException.bad("Too many FETCH items");
                }
            } while (args.tryChar(' '));
            args.expect(')');
        } else {
            String macro = peekName(args);
            switch (macro) {
                case "ALL" -> {
                    name(args);
                    items.addAll(List.of(FetchAttribute.of(Kind.FLAGS), FetchAttribute.of(Kind.INTERNALDATE),
                            FetchAttribute.of(Kind.RFC822_SIZE), FetchAttribute.of(Kind.ENVELOPE)));
                }
                case "FAST" -> {
                    name(args);
                    items.addAll(List.of(FetchAttribute.of(Kind.FLAGS), FetchAttribute.of(Kind.INTERNALDATE),
                            FetchAttribute.of(Kind.RFC822_SIZE)));
                }
                case "FULL" -> {
                    name(args);
                    items.addAll(List.of(FetchAttribute.of(Kind.FLAGS), FetchAttribute.of(Kind.INTERNALDATE),
                            FetchAttribute.of(Kind.RFC822_SIZE), FetchAttribute.of(Kind.ENVELOPE), FetchAttribute.of(Kind.BODY)));
                }
                default -> items.add(item(args));
            }
        }
        long changedSince = -1;
        boolean vanished = false;
        if (args.tryChar(' ')) {
            args.expect('(');
            do {
                String modifier = args.keyword();
                switch (modifier) {
                    case "CHANGEDSINCE" -> {
                        args.sp();
                        changedSince = args.number64();
                    }
                    case "VANISHED" -> vanished = true;
                    default -> throw ImapException.bad("Unknown FETCH modifier " + modifier);
                }
            } while (args.tryChar(' '));
            args.expect(')');
            if (vanished && changedSince < 0) {
                throw ImapException.bad("VANISHED needs CHANGEDSINCE");
            }
        }
        return new FetchRequest(items, changedSince, vanished);
    }

    private static String peekName(Arguments args) {
        return args.peekKeyword("ALL") ? "ALL" : args.peekKeyword("FAST") ? "FAST" : args.peekKeyword("FULL") ? "FULL" : "";
    }

    private static String name(Arguments args) {
        return args.charsWhile(c -> c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.')
                .toUpperCase(Locale.ROOT);
    }

    private static FetchAttribute item(Arguments args) throws ImapException {
        String name = name(args);
        switch (name) {
            case "FLAGS": return FetchAttribute.of(Kind.FLAGS);
            case "UID": return FetchAttribute.of(Kind.UID);
            case "INTERNALDATE": return FetchAttribute.of(Kind.INTERNALDATE);
            case "RFC822.SIZE": return FetchAttribute.of(Kind.RFC822_SIZE);
            case "ENVELOPE": return FetchAttribute.of(Kind.ENVELOPE);
            case "BODYSTRUCTURE": return FetchAttribute.of(Kind.BODYSTRUCTURE);
            case "MODSEQ": return FetchAttribute.of(Kind.MODSEQ);
            case "RFC822": return new FetchAttribute(Kind.RFC822, Section.WHOLE, -1, 0, false);
            case "RFC822.HEADER": return new FetchAttribute(Kind.RFC822_HEADER, new Section(new int[0], "HEADER", List.of()), -1, 0, true);
            case "RFC822.TEXT": return new FetchAttribute(Kind.RFC822_TEXT, new Section(new int[0], "TEXT", List.of()), -1, 0, false);
            case "BODY":
                if (args.peek() != '[') {
                    return FetchAttribute.of(Kind.BODY);
                }
                return sectioned(args, Kind.BODY_SECTION, false);
            case "BODY.PEEK": return sectioned(args, Kind.BODY_SECTION, true);
            case "BINARY": return sectioned(args, Kind.BINARY, false);
            case "BINARY.PEEK": return sectioned(args, Kind.BINARY, true);
            case "BINARY.SIZE": return sectioned(args, Kind.BINARY_SIZE, true);
            default: throw ImapException.bad(name.isEmpty() ? "Expected a FETCH item" : "Unknown FETCH item " + name);
        }
    }

    private static FetchAttribute sectioned(Arguments args, Kind kind, boolean peek) throws ImapException {
        args.expect('[');
        Section section = section(args, kind != Kind.BODY_SECTION);
        args.expect(']');
        long start = -1;
        long length = 0;
        if (kind != Kind.BINARY_SIZE && args.tryChar('<')) {
            start = args.number();
            args.expect('.');
            length = args.nzNumber();
            args.expect('>');
        }
        return new FetchAttribute(kind, section, start, length, peek);
    }

    private static Section section(Arguments args, boolean partsOnly) throws ImapException {
        String spec = name(args);
        List<Integer> parts = new ArrayList<>();
        int i = 0;
        String[] pieces = spec.isEmpty() ? new String[0] : spec.split("\\.", -1);
        while (i < pieces.length && !pieces[i].isEmpty() && Character.isDigit(pieces[i].charAt(0))) {
            try {
                int n = Integer.parseInt(pieces[i]);
                if (n < 1 || parts.size() >= 100) {
                    throw ImapException.bad("Invalid section part number");
                }
                parts.add(n);
            } catch (NumberFormatException e) {
                throw ImapException.bad("Invalid section part number");
            }
            i++;
        }
        String specifier = String.join(".", java.util.Arrays.copyOfRange(pieces, i, pieces.length));
        int[] part = parts.stream().mapToInt(Integer::intValue).toArray();
        if (partsOnly && !specifier.isEmpty()) {
            throw ImapException.bad("BINARY takes part numbers only");
        }
        switch (specifier) {
            case "", "HEADER", "TEXT" -> {
                return new Section(part, specifier, List.of());
            }
            case "MIME" -> {
                if (part.length == 0) {
                    throw ImapException.bad("MIME needs a part number");
                }
                return new Section(part, specifier, List.of());
            }
            case "HEADER.FIELDS", "HEADER.FIELDS.NOT" -> {
                args.sp();
                args.expect('(');
                List<String> fields = new ArrayList<>();
                do {
                    String field = args.astring();
                    if (field.isEmpty() || !field.chars().allMatch(c -> c > 32 && c < 127 && c != ':')) {
                        throw ImapException.bad("Invalid header field name");
                    }
                    fields.add(field);
                    if (fields.size() > MAX_FIELDS) {
                        throw ImapException.bad("Too many header fields");
                    }
                } while (args.tryChar(' '));
                args.expect(')');
                return new Section(part, specifier, fields);
            }
            default -> throw ImapException.bad("Invalid section " + specifier);
        }
    }
}
