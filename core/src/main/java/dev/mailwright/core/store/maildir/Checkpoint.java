package dev.mailwright.core.store.maildir;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * A folder's full index at one instant, the base its log is replayed on: the file
 * {@code mailwright-uidlist}, modelled on Dovecot's {@code dovecot-uidlist} version 3.
 * Written whole to a scratch file and renamed into place, so it is always complete.
 *
 * <pre>
 * 3 V&lt;uidvalidity&gt; N&lt;next uid&gt; G&lt;guid&gt; M&lt;highest modseq&gt; L&lt;generation&gt; E&lt;forgotten&gt; Y&lt;new/ mtime&gt; Z&lt;cur/ mtime&gt;
 * &lt;uid&gt; M&lt;modseq&gt; S&lt;size&gt; T&lt;internal date ms&gt; I&lt;info&gt; :&lt;base&gt;
 * -&lt;uid&gt; M&lt;modseq&gt;                      (an expunged UID remembered for QRESYNC)
 * *&lt;CRC-32C of all lines before&gt;
 * </pre>
 * {@code E} is the MODSEQ up to which expunges may have been forgotten; {@code Y} and
 * {@code Z} are the directory times of the last complete listing (0 for none).
 */
final class Checkpoint {

    static final String FILE = "mailwright-uidlist";

    /** The first line. */
    record Header(long uidValidity, long nextUid, String guid, long highestModSeq, long generation,
            long forgottenUpTo, long newMtime, long curMtime) {}

    /** A message line. */
    record Message(long uid, long modSeq, long size, long internalDate, String base, String info) {}

    /** A whole checkpoint as read. */
    record Contents(Header header, List<Message> messages, TreeMap<Long, Long> tombstones) {}

    private Checkpoint() {}

    static void write(Path folder, Header header, MessageTable table, Map<Long, Long> tombstones, DurableFiles files)
            throws IOException {
        Path target = folder.resolve(FILE);
        Path temp = folder.resolve(files.scratchName());
        CRC32C crc = new CRC32C();
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                Writer out = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(channel), StandardCharsets.UTF_8), 1 << 16);
                line(out, crc, "3 V" + header.uidValidity() + " N" + header.nextUid() + " G" + header.guid()
                        + " M" + header.highestModSeq() + " L" + header.generation() + " E" + header.forgottenUpTo()
                        + " Y" + header.newMtime() + " Z" + header.curMtime());
                StringBuilder b = new StringBuilder(128);
                for (int i = 0; i < table.size(); i++) {
                    Entry e = table.get(i);
                    b.setLength(0);
                    b.append(e.uid).append(" M").append(e.modSeq()).append(" S").append(e.size())
                            .append(" T").append(e.message().internalDate().toEpochMilli())
                            .append(" I").append(LogCodec.escape(e.info())).append(" :").append(LogCodec.escape(e.base));
                    line(out, crc, b.toString());
                }
                for (Map.Entry<Long, Long> t : tombstones.entrySet()) {
                    line(out, crc, "-" + t.getKey() + " M" + t.getValue());
                }
                out.write("*" + String.format("%08x", crc.getValue()) + "\n");
                out.flush();
                files.force(channel);
            }
            DurableFiles.move(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
        files.syncDirectory(folder);
    }

    private static void line(Writer out, CRC32C crc, String line) throws IOException {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        crc.update(bytes);
        out.write(line);
        out.write('\n');
    }

    /** Only the first line; empty if there is no checkpoint. */
    static Optional<Header> readHeader(Path folder) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(folder.resolve(FILE), StandardCharsets.UTF_8)) {
            String first = in.readLine();
            return Optional.of(parseHeader(first == null ? "" : first));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /**
     * Reads the whole checkpoint: one read of the file, one checksum over it, then the lines.
     *
     * @throws NoSuchFileException if there is none
     * @throws IllegalArgumentException if it is damaged
     */
    static Contents read(Path folder) throws IOException {
        byte[] bytes = Files.readAllBytes(folder.resolve(FILE));
        int end = bytes.length;
        if (end < 2 || bytes[end - 1] != '\n') {
            throw new IllegalArgumentException("checkpoint is incomplete");
        }
        int trailer = lastLineStart(bytes, end - 1);
        if (bytes[trailer] != '*') {
            throw new IllegalArgumentException("checkpoint is incomplete");
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, trailer);
        long expected = Long.parseLong(new String(bytes, trailer + 1, end - 2 - trailer, StandardCharsets.US_ASCII), 16);
        if (crc.getValue() != expected) {
            throw new IllegalArgumentException("checkpoint checksum mismatch");
        }
        List<Message> messages = new ArrayList<>();
        TreeMap<Long, Long> tombstones = new TreeMap<>();
        Header header = null;
        for (int start = 0; start < trailer; ) {
            int newline = indexOf(bytes, (byte) '\n', start, trailer);
            String line = new String(bytes, start, newline - start, StandardCharsets.UTF_8);
            start = newline + 1;
            if (header == null) {
                header = parseHeader(line);
            } else if (line.startsWith("-")) {
                String[] f = line.substring(1).split(" ");
                if (f.length != 2 || !f[1].startsWith("M")) {
                    throw new IllegalArgumentException("malformed expunge line");
                }
                tombstones.put(LogCodec.number(f[0]), LogCodec.number(f[1].substring(1)));
            } else {
                messages.add(parseMessage(line));
            }
        }
        if (header == null) {
            throw new IllegalArgumentException("checkpoint has no header");
        }
        return new Contents(header, messages, tombstones);
    }

    private static int lastLineStart(byte[] bytes, int lineEnd) {
        int i = lineEnd - 1;
        while (i >= 0 && bytes[i] != '\n') {
            i--;
        }
        return i + 1;
    }

    private static int indexOf(byte[] bytes, byte value, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        throw new IllegalArgumentException("checkpoint line without an end");
    }

    private static Header parseHeader(String line) {
        String[] f = line.split(" ");
        if (f.length != 9 || !f[0].equals("3")) {
            throw new IllegalArgumentException("not a version 3 checkpoint header");
        }
        return new Header(field(f[1], 'V'), field(f[2], 'N'), text(f[3], 'G'), field(f[4], 'M'), field(f[5], 'L'),
                field(f[6], 'E'), signed(f[7], 'Y'), signed(f[8], 'Z'));
    }

    /** {@code <uid> M<modseq> S<size> T<date> I<info> :<base>}, scanned without splitting. */
    private static Message parseMessage(String line) {
        int colon = line.indexOf(" :");
        if (colon < 0) {
            throw new IllegalArgumentException("message line without a file name");
        }
        int a = line.indexOf(' ');
        int b = line.indexOf(' ', a + 1);
        int c = line.indexOf(' ', b + 1);
        int d = line.indexOf(' ', c + 1);
        if (a < 0 || b < 0 || c < 0 || d < 0 || d > colon || line.indexOf(' ', d + 1) != colon) {
            throw new IllegalArgumentException("malformed message line");
        }
        return new Message(LogCodec.number(line.substring(0, a)), field(line.substring(a + 1, b), 'M'),
                field(line.substring(b + 1, c), 'S'), field(line.substring(c + 1, d), 'T'),
                LogCodec.unescape(line.substring(colon + 2)), LogCodec.unescape(text(line.substring(d + 1, colon), 'I')));
    }

    private static long field(String f, char key) {
        return LogCodec.number(text(f, key));
    }

    private static long signed(String f, char key) {
        return Long.parseLong(text(f, key));
    }

    private static String text(String f, char key) {
        if (f.isEmpty() || f.charAt(0) != key) {
            throw new IllegalArgumentException("expected field " + key);
        }
        return f.substring(1);
    }
}
