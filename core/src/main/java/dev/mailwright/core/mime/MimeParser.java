package dev.mailwright.core.mime;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The one-pass MIME structure parser behind {@link MimeStructure#parse}.
 *
 * <p>It reads line by line and keeps a path of open entities from the message down to the
 * one being read, plus the multiparts on that path whose boundaries are live. Each line
 * costs at most one comparison per live boundary over a bounded prefix, so the work is
 * linear in the input times the nesting limit, and memory is bounded by the limits, never
 * by the input.
 *
 * <p>A line is a delimiter when it is "--", a live boundary, optionally "--" (the close
 * delimiter), and then only SP or HTAB (RFC 2046 §5.1.1); the innermost multipart whose
 * boundary matches wins, and it implicitly closes any entity nested inside it that is still
 * open (a missing close delimiter). The line break before a delimiter belongs to the
 * delimiter, so an entity ends just before it.
 */
final class MimeParser {

    private final MimeLimits limits;
    private final int headerKeep;
    private final int bodyKeep;

    private LineReader reader;
    private Entity current;
    private boolean inHeader;
    private int parts;
    private final List<Entity> live = new ArrayList<>();

    MimeParser(MimeLimits limits) {
        this.limits = limits;
        this.headerKeep = Math.max(HeaderCollector.keep(limits.headerLimits()), limits.maxBoundaryLength() + 6);
        this.bodyKeep = limits.maxBoundaryLength() + 6;
    }

    /** An entity being parsed; becomes a {@link MimePart} at the end. */
    private static final class Entity {
        final Entity parent;
        final int depth;
        int flags;
        final long headerOffset;
        HeaderCollector collector;
        Headers headers;
        long headerLength;
        long lineFeedsAtBody;
        long bodyLength;
        long bodyLines;
        ContentType contentType;
        byte[] boundary;
        List<Entity> children;
        Entity message;

        Entity(Entity parent, int depth, int flags, long headerOffset, HeaderLimits headerLimits) {
            this.parent = parent;
            this.depth = depth;
            this.flags = flags;
            this.headerOffset = headerOffset;
            this.collector = new HeaderCollector(headerLimits);
        }

        long bodyOffset() {
            return headerOffset + headerLength;
        }

        MimePart toPart() {
            List<MimePart> built = new ArrayList<>(children == null ? 0 : children.size());
            if (children != null) {
                for (Entity child : children) {
                    built.add(child.toPart());
                }
            }
            return new MimePart(headers, flags, headerOffset, headerLength, bodyLength, bodyLines, built,
                    message == null ? null : message.toPart());
        }
    }

    MimeStructure parse(InputStream in) throws IOException {
        reader = new LineReader(in);
        current = new Entity(null, 0, MimePart.MESSAGE_ROOT, 0, limits.headerLimits());
        Entity root = current;
        parts = 1;
        inHeader = true;
        int previousEol = 0;
        while (reader.next(inHeader ? headerKeep : bodyKeep)) {
            boolean handled = !live.isEmpty() && delimiter(previousEol);
            if (!handled && inHeader) {
                headerLine();
            }
            previousEol = reader.eol();
        }
        long end = reader.offset();
        closeBelow(null, end, reader.lineFeeds());
        return new MimeStructure(root.toPart(), end);
    }

    private void headerLine() {
        if (reader.contentLength() == 0) {
            endHeader(current, reader.start() + reader.length(), reader.eol());
        } else {
            current.collector.add(reader.bytes(), reader.kept(), reader.length(), reader.contentLength());
        }
    }

    /** Handles the current line if it is a delimiter of a live boundary. */
    private boolean delimiter(int previousEol) {
        byte[] line = reader.bytes();
        if (reader.kept() < 2 || line[0] != '-' || line[1] != '-') {
            return false;
        }
        for (int i = live.size() - 1; i >= 0; i--) {
            Entity multipart = live.get(i);
            int match = match(multipart.boundary);
            if (match != 0) {
                onDelimiter(i, match < 0, previousEol);
                return true;
            }
        }
        return false;
    }

    /** 1 for a delimiter of {@code boundary}, -1 for its close delimiter, 0 for neither. */
    private int match(byte[] boundary) {
        byte[] line = reader.bytes();
        int end = 2 + boundary.length;
        if (reader.contentLength() < end || reader.kept() < end) {
            return 0;
        }
        for (int j = 0; j < boundary.length; j++) {
            if (line[2 + j] != boundary[j]) {
                return 0;
            }
        }
        if (reader.contentLength() >= end + 2 && line[end] == '-' && line[end + 1] == '-'
                && reader.onlyPaddingFrom(end + 2)) {
            return -1;
        }
        return reader.onlyPaddingFrom(end) ? 1 : 0;
    }

    private void onDelimiter(int liveIndex, boolean close, int previousEol) {
        Entity multipart = live.get(liveIndex);
        long lineStart = reader.start();
        long end = lineStart - previousEol;
        long lineFeedsAtEnd = reader.lineFeedsBefore() - (previousEol > 0 ? 1 : 0);
        closeBelow(multipart, end, lineFeedsAtEnd);
        while (live.size() > liveIndex + 1) {
            live.remove(live.size() - 1);
        }
        current = multipart;
        inHeader = false;
        if (close) {
            live.remove(liveIndex);
            return;
        }
        if (parts >= limits.maxParts()) {
            // No more parts: the rest of this multipart stays in its body, unstructured.
            live.remove(liveIndex);
            return;
        }
        parts++;
        int flags = multipart.contentType.subtype().equals("digest") ? MimePart.IN_DIGEST : 0;
        Entity child = new Entity(multipart, multipart.depth + 1, flags, reader.offset(), limits.headerLimits());
        multipart.children.add(child);
        current = child;
        inHeader = true;
    }

    /**
     * Ends every open entity from the current one up to, not including, {@code stop} (all
     * of them for null) at offset {@code end}, which has {@code lineFeedsAtEnd} line feeds
     * before it.
     */
    private void closeBelow(Entity stop, long end, long lineFeedsAtEnd) {
        for (Entity e = current; e != stop; e = e.parent) {
            if (e.collector != null) {
                // The header was cut off before its blank line: it ends here and the body is empty.
                long headerEnd = Math.max(e.headerOffset, end);
                endHeaderCut(e, headerEnd - e.headerOffset);
            } else {
                long bodyEnd = Math.max(e.bodyOffset(), end);
                e.bodyLength = bodyEnd - e.bodyOffset();
                e.bodyLines = bodyEnd > e.bodyOffset() ? lineFeedsAtEnd - e.lineFeedsAtBody : 0;
            }
        }
    }

    private void endHeaderCut(Entity e, long headerLength) {
        boolean overflowed = e.collector.overflowed();
        e.headers = e.collector.finish(0);
        e.collector = null;
        e.headerLength = headerLength;
        e.lineFeedsAtBody = 0;
        ContentType declared = ContentType.of(e.headers, (e.flags & MimePart.IN_DIGEST) != 0);
        if (overflowed || declared.isMultipart() || declared.isMessage()) {
            e.flags |= MimePart.OPAQUE;
        }
        e.contentType = declared;
    }

    /** The header of {@code e} ended with a blank line of {@code blankLine} bytes ending at {@code headerEnd}. */
    private void endHeader(Entity e, long headerEnd, int blankLine) {
        boolean overflowed = e.collector.overflowed();
        e.headers = e.collector.finish(blankLine);
        e.collector = null;
        e.headerLength = headerEnd - e.headerOffset;
        e.lineFeedsAtBody = reader.lineFeeds();
        inHeader = false;
        current = e;
        ContentType declared = ContentType.of(e.headers, (e.flags & MimePart.IN_DIGEST) != 0);
        e.contentType = declared;
        if (overflowed || (declared.isMultipart() || declared.isMessage()) && e.depth >= limits.maxDepth()) {
            e.flags |= MimePart.OPAQUE;
        } else if (declared.isMultipart()) {
            byte[] boundary = boundary(e.headers, declared);
            if (boundary == null) {
                e.flags |= MimePart.OPAQUE;
            } else {
                e.boundary = boundary;
                e.children = new ArrayList<>();
                live.add(e);
            }
        } else if (declared.isMessage()) {
            if (!isIdentity(EntityFields.transferEncoding(e.headers)) || parts >= limits.maxParts()) {
                e.flags |= MimePart.OPAQUE;
            } else {
                parts++;
                e.message = new Entity(e, e.depth + 1, MimePart.MESSAGE_ROOT, e.bodyOffset(), limits.headerLimits());
                current = e.message;
                inHeader = true;
            }
        }
    }

    /** The boundary's bytes, or null if it is missing, too long, or live in an enclosing multipart. */
    private byte[] boundary(Headers headers, ContentType declared) {
        String value = declared.parameters().get("boundary");
        if (value == null || value.isEmpty() || value.length() > limits.maxBoundaryLength()) {
            return null;
        }
        HeaderField field = headers.first("Content-Type").orElseThrow();
        byte[] bytes = value.getBytes(field.charset());
        if (bytes.length > limits.maxBoundaryLength()) {
            return null;
        }
        for (Entity other : live) {
            if (Arrays.equals(other.boundary, bytes)) {
                return null;
            }
        }
        return bytes;
    }

    /** RFC 2046 §5.2.1: an encapsulated message may only be 7bit, 8bit or binary; anything else hides it. */
    private static boolean isIdentity(String encoding) {
        return encoding.equals("7bit") || encoding.equals("8bit") || encoding.equals("binary");
    }
}
