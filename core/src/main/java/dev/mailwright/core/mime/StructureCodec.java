package dev.mailwright.core.mime;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The binary form of a {@link MimeStructure}:
 *
 * <pre>
 * "MWMS" version(1) size:varlong part crc32:4
 * part := flags:varint headerOffset:varlong headerLength:varlong bodyLength:varlong
 *         bodyLines:varlong fieldCount:varint sectionLength:varint section[sectionLength]
 *         childCount:varint part* hasMessage:1 [part]
 * </pre>
 *
 * Varints are unsigned LEB128. The section is the entity's kept header bytes (its fields and
 * the blank line), from which the header and everything it declares are rebuilt. The CRC
 * covers everything before it. Decoding checks every offset against its parent, the flags
 * against what the header declares, and the nesting against {@link MimeLimits#MAX_DEPTH},
 * so a corrupt or forged input cannot produce a structure the parser could not have.
 */
final class StructureCodec {

    private static final byte[] MAGIC = {'M', 'W', 'M', 'S'};
    private static final int VERSION = 1;

    private StructureCodec() {
    }

    static byte[] encode(MimeStructure structure) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.writeBytes(MAGIC);
        out.write(VERSION);
        writeVarLong(out, structure.size());
        writePart(out, structure.root());
        CRC32 crc = new CRC32();
        byte[] body = out.toByteArray();
        crc.update(body);
        long value = crc.getValue();
        out.write((int) (value >>> 24));
        out.write((int) (value >>> 16));
        out.write((int) (value >>> 8));
        out.write((int) value);
        return out.toByteArray();
    }

    private static void writePart(ByteArrayOutputStream out, MimePart part) {
        writeVarLong(out, part.flags());
        writeVarLong(out, part.headerOffset());
        writeVarLong(out, part.headerLength());
        writeVarLong(out, part.bodyLength());
        writeVarLong(out, part.bodyLines());
        Headers headers = part.headers();
        writeVarLong(out, headers.size());
        long fieldBytes = 0;
        for (HeaderField field : headers) {
            fieldBytes += field.rawLength();
        }
        int blankLine = (int) (headers.byteLength() - fieldBytes);
        writeVarLong(out, fieldBytes + blankLine);
        for (HeaderField field : headers) {
            out.writeBytes(field.raw());
        }
        if (blankLine == 2) {
            out.write('\r');
        }
        if (blankLine >= 1) {
            out.write('\n');
        }
        writeVarLong(out, part.children().size());
        for (MimePart child : part.children()) {
            writePart(out, child);
        }
        out.write(part.message().isPresent() ? 1 : 0);
        part.message().ifPresent(message -> writePart(out, message));
    }

    static MimeStructure decode(byte[] bytes) {
        if (bytes.length < MAGIC.length + 1 + 4) {
            throw corrupt("too short");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                throw corrupt("not a MIME structure");
            }
        }
        if (bytes[MAGIC.length] != VERSION) {
            throw corrupt("unknown version " + (bytes[MAGIC.length] & 0xff));
        }
        int bodyEnd = bytes.length - 4;
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bodyEnd);
        long stored = (bytes[bodyEnd] & 0xffL) << 24 | (bytes[bodyEnd + 1] & 0xffL) << 16
                | (bytes[bodyEnd + 2] & 0xffL) << 8 | bytes[bodyEnd + 3] & 0xffL;
        if (crc.getValue() != stored) {
            throw corrupt("checksum mismatch");
        }
        Reader reader = new Reader(bytes, MAGIC.length + 1, bodyEnd);
        long size = reader.varLong();
        MimePart root = reader.part(true, false, false, 0, 0, size);
        if (reader.pos != bodyEnd) {
            throw corrupt("trailing bytes");
        }
        return new MimeStructure(root, size);
    }

    private static IllegalArgumentException corrupt(String why) {
        return new IllegalArgumentException("corrupt MIME structure: " + why);
    }

    private static void writeVarLong(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7fL) != 0) {
            out.write((int) (value & 0x7f) | 0x80);
            value >>>= 7;
        }
        out.write((int) value);
    }

    private static final class Reader {
        private final byte[] bytes;
        private final int end;
        private int pos;

        Reader(byte[] bytes, int pos, int end) {
            this.bytes = bytes;
            this.pos = pos;
            this.end = end;
        }

        long varLong() {
            long value = 0;
            for (int shift = 0; shift < 63; shift += 7) {
                if (pos >= end) {
                    throw corrupt("truncated");
                }
                int b = bytes[pos++] & 0xff;
                value |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    if (value < 0) {
                        throw corrupt("negative number");
                    }
                    return value;
                }
            }
            throw corrupt("number too long");
        }

        int count(long max) {
            long value = varLong();
            if (value > max) {
                throw corrupt("count " + value + " exceeds " + max);
            }
            return (int) value;
        }

        /**
         * A part that must lie within [from, to) of the message. {@code messageRoot}: it is
         * the message or an encapsulated one; {@code encapsulated}: the latter, which must
         * start where its parent's body starts; {@code inDigest}: its parent is a
         * multipart/digest.
         */
        MimePart part(boolean messageRoot, boolean encapsulated, boolean inDigest, int depth, long from, long to) {
            if (depth > MimeLimits.MAX_DEPTH) {
                throw corrupt("nested deeper than " + MimeLimits.MAX_DEPTH);
            }
            int flags = count(MimePart.OPAQUE | MimePart.MESSAGE_ROOT | MimePart.IN_DIGEST);
            if (((flags & MimePart.MESSAGE_ROOT) != 0) != messageRoot) {
                throw corrupt("message root flag mismatch");
            }
            if (((flags & MimePart.IN_DIGEST) != 0) != inDigest) {
                throw corrupt("digest flag mismatch");
            }
            long headerOffset = varLong();
            long headerLength = varLong();
            long bodyLength = varLong();
            long bodyLines = varLong();
            if (headerOffset < from || headerLength > to - headerOffset
                    || bodyLength > to - headerOffset - headerLength || bodyLines > bodyLength) {
                throw corrupt("part outside its parent");
            }
            if (encapsulated && headerOffset != from) {
                throw corrupt("encapsulated message does not start its parent's body");
            }
            int fieldCount = count(end - pos);
            int sectionLength = count(end - pos);
            byte[] section = Arrays.copyOfRange(bytes, pos, pos + sectionLength);
            pos += sectionLength;
            Headers headers = HeaderCollector.build(section, fieldCount);
            if (headers == null) {
                throw corrupt("malformed header section");
            }
            ContentType declared = (flags & MimePart.OPAQUE) != 0 ? ContentType.OPAQUE : ContentType.of(headers, inDigest);
            long bodyOffset = headerOffset + headerLength;
            long partEnd = bodyOffset + bodyLength;
            int childCount = count(end - pos);
            if (childCount > 0 && !declared.isMultipart()) {
                throw corrupt("children under a part that is not a multipart");
            }
            List<MimePart> children = new ArrayList<>(Math.min(childCount, 64));
            long next = bodyOffset;
            boolean digest = declared.subtype().equals("digest");
            for (int i = 0; i < childCount; i++) {
                MimePart child = part(false, false, digest, depth + 1, next, partEnd);
                children.add(child);
                next = child.partEnd();
            }
            if (pos >= end) {
                throw corrupt("truncated");
            }
            int hasMessage = bytes[pos++];
            if (hasMessage != 0 && hasMessage != 1) {
                throw corrupt("bad message marker");
            }
            if ((hasMessage == 1) != declared.isMessage()) {
                throw corrupt("encapsulated message mismatch");
            }
            MimePart message = hasMessage == 1 ? part(true, true, false, depth + 1, bodyOffset, partEnd) : null;
            return new MimePart(headers, flags, headerOffset, headerLength, bodyLength, bodyLines, children, message);
        }
    }
}
