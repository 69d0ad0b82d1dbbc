package dev.mailwright.imap.internal.fetch;

/**
 * One data item of a FETCH (RFC 9051 §6.4.5, RFC 3516 BINARY, RFC 7162 MODSEQ).
 *
 * @param kind what is asked for
 * @param section the body section for BODY[...], BINARY[...] and BINARY.SIZE[...]; null otherwise
 * @param partialStart the first octet of a partial fetch, or -1 for the whole
 * @param partialLength how many octets a partial fetch asks for
 * @param peek whether \Seen stays as it is (BODY.PEEK, BINARY.PEEK)
 */
public record FetchAttribute(Kind kind, Section section, long partialStart, long partialLength, boolean peek) {

    /** The kinds of data items. */
    public enum Kind {
        FLAGS, UID, INTERNALDATE, RFC822_SIZE, ENVELOPE, BODY, BODYSTRUCTURE, MODSEQ,
        RFC822, RFC822_HEADER, RFC822_TEXT, BODY_SECTION, BINARY, BINARY_SIZE
    }

    public static FetchAttribute of(Kind kind) {
        return new FetchAttribute(kind, null, -1, 0, true);
    }

    /** Whether fetching this marks the message \Seen. */
    public boolean setsSeen() {
        return !peek && (kind == Kind.BODY_SECTION || kind == Kind.BINARY || kind == Kind.RFC822 || kind == Kind.RFC822_TEXT);
    }

    /** Whether the message's bytes are needed. */
    public boolean needsContent() {
        return switch (kind) {
            case RFC822, RFC822_HEADER, RFC822_TEXT, BODY_SECTION, BINARY, BINARY_SIZE -> true;
            default -> false;
        };
    }

    /** Whether the parsed structure (envelope, body structure, sections) is needed. */
    public boolean needsStructure() {
        return switch (kind) {
            case ENVELOPE, BODY, BODYSTRUCTURE, BODY_SECTION, BINARY, BINARY_SIZE, RFC822_HEADER, RFC822_TEXT -> true;
            default -> false;
        };
    }
}
