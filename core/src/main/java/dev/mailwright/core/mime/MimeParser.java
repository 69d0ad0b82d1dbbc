package dev.mailwright.core.mime;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
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
 * <p>A line is a delimiter when it starts with "--" and a live boundary; "--" right after
 * the boundary makes it the close delimiter (RFC 2046 §5.1.1). The multipart it belongs to
 * implicitly closes any entity nested inside it that is still open (a missing close
 * delimiter). The line break before a delimiter belongs to the delimiter, so an entity ends
 * just before it; after a close delimiter, the line break that ends it and precedes an
 * enclosing delimiter is that enclosing delimiter's (Dovecot counts it in the inner entity).
 */
final class MimeParser {

    private final MimeLimits limits;
    private final int headerKeep;
    private final int bodyKeep;

    private LineReader reader;
    private Entity current;
    private boolean inHeader;
    private int parts;
    private long headerBytes;
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
        final long lineFeedsAtHeader;
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

        Entity(Entity parent, int depth, int flags, long headerOffset, long lineFeedsAtHeader,
               HeaderCollector collector) {
            this.parent = parent;
            this.depth = depth;
            this.flags = flags;
            this.headerOffset = headerOffset;
            this.lineFeedsAtHeader = lineFeedsAtHeader;
            this.collector = collector;
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
        return parse(in, Long.MAX_VALUE);
    }

    MimeStructure parse(InputStream in, long sizeHint) throws IOException {
        reader = new LineReader(in, sizeHint);
        current = new Entity(null, 0, MimePart.MESSAGE_ROOT, 0, 0, collector());
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

    /** A collector for the next entity's header, within what is left of the structure's budget. */
    private HeaderCollector collector() {
        return new HeaderCollector(limits.headerLimits(), limits.maxTotalHeaderBytes() - headerBytes);
    }

    private void headerLine() {
        if (reader.contentLength() == 0) {
            endHeader(current, reader.start() + reader.length(), reader.eol());
        } else {
            current.collector.add(reader.bytes(), reader.kept(), reader.length(), reader.contentLength());
        }
    }

    /**
     * Handles the current line if it is a delimiter of a live boundary. RFC 2046 §5.1.1 asks
     * for a prefix match ("an exact match of the entire candidate line is not required"), so
     * when several live boundaries begin the line the longest wins, the innermost among
     * equals: that keeps boundaries that are prefixes of each other apart, and a nested
     * multipart that reuses its parent's boundary takes the lines, as in Dovecot.
     */
    private boolean delimiter(int previousEol) {
        byte[] line = reader.bytes();
        if (reader.kept() < 2 || line[0] != '-' || line[1] != '-') {
            return false;
        }
        int best = -1;
        for (int i = live.size() - 1; i >= 0; i--) {
            byte[] boundary = live.get(i).boundary;
            if (startsWith(boundary) && (best < 0 || boundary.length > live.get(best).boundary.length)) {
                best = i;
            }
        }
        if (best < 0) {
            return false;
        }
        int end = 2 + live.get(best).boundary.length;
        boolean close = reader.kept() >= end + 2 && line[end] == '-' && line[end + 1] == '-';
        onDelimiter(best, close, previousEol);
        return true;
    }

    /** Whether the current line's content starts with "--" and {@code boundary}. */
    private boolean startsWith(byte[] boundary) {
        int end = 2 + boundary.length;
        if (reader.contentLength() < end || reader.kept() < end) {
            return false;
        }
        byte[] line = reader.bytes();
        for (int j = 0; j < boundary.length; j++) {
            if (line[2 + j] != boundary[j]) {
                return false;
            }
        }
        return true;
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
        Entity child = new Entity(multipart, multipart.depth + 1, flags, reader.offset(), reader.lineFeeds(),
                collector());
        multipart.children.add(child);
        current = child;
        inHeader = true;
    }

    /**
     * Ends every open entity from the current one up to, not including, {@code stop} (all
     * of them for null) at offset {@code end}, which has {@code lineFeedsAtEnd} line feeds
     * before it. An entity cannot end before its body starts: when the line break before a
     * delimiter is also the one that ended an entity's header, that entity ends after it,
     * and so do its ancestors, so that every entity still contains its children.
     */
    private void closeBelow(Entity stop, long end, long lineFeedsAtEnd) {
        for (Entity e = current; e != stop; e = e.parent) {
            if (e.collector != null) {
                // The header was cut off before its blank line: it ends here and the body is empty.
                if (end < e.headerOffset) {
                    end = e.headerOffset;
                    lineFeedsAtEnd = e.lineFeedsAtHeader;
                }
                endHeaderCut(e, end - e.headerOffset);
            } else {
                if (end < e.bodyOffset()) {
                    end = e.bodyOffset();
                    lineFeedsAtEnd = e.lineFeedsAtBody;
                }
                e.bodyLength = end - e.bodyOffset();
                e.bodyLines = lineFeedsAtEnd - e.lineFeedsAtBody;
            }
        }
    }

    private void endHeaderCut(Entity e, long headerLength) {
        e.headers = e.collector.finish(0);
        headerBytes += e.headers.byteLength();
        boolean overflowed = e.collector.overflowed();
        e.collector = null;
        e.headerLength = headerLength;
        ContentType declared = ContentType.of(e.headers, (e.flags & MimePart.IN_DIGEST) != 0);
        if (overflowed || declared.isMultipart() || declared.isMessage()) {
            e.flags |= MimePart.OPAQUE;
        }
        e.contentType = declared;
    }

    /** The header of {@code e} ended with a blank line of {@code blankLine} bytes ending at {@code headerEnd}. */
    private void endHeader(Entity e, long headerEnd, int blankLine) {
        e.headers = e.collector.finish(blankLine);
        headerBytes += e.headers.byteLength();
        boolean overflowed = e.collector.overflowed();
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
                e.message = new Entity(e, e.depth + 1, MimePart.MESSAGE_ROOT, e.bodyOffset(), e.lineFeedsAtBody,
                        collector());
                current = e.message;
                inHeader = true;
            }
        }
    }

    /** The boundary's bytes, or null if it is missing or too long. */
    private byte[] boundary(Headers headers, ContentType declared) {
        String value = declared.parameters().get("boundary");
        if (value == null || value.isEmpty() || value.length() > limits.maxBoundaryLength()) {
            return null;
        }
        HeaderField field = headers.first("Content-Type").orElseThrow();
        byte[] bytes = value.getBytes(field.charset());
        return bytes.length > limits.maxBoundaryLength() ? null : bytes;
    }

    /** RFC 2046 §5.2.1: an encapsulated message may only be 7bit, 8bit or binary; anything else hides it. */
    private static boolean isIdentity(String encoding) {
        return encoding.equals("7bit") || encoding.equals("8bit") || encoding.equals("binary");
    }
}
