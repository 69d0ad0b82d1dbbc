package dev.mailwright.core.store.maildir;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
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
     * Reads the whole checkpoint.
     *
     * @throws NoSuchFileException if there is none
     * @throws IllegalArgumentException if it is damaged
     */
    static Contents read(Path folder) throws IOException {
        CRC32C crc = new CRC32C();
        List<Message> messages = new ArrayList<>();
        TreeMap<Long, Long> tombstones = new TreeMap<>();
        Header header = null;
        boolean sealed = false;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                Files.newInputStream(folder.resolve(FILE)), StandardCharsets.UTF_8), 1 << 16)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (sealed) {
                    throw new IllegalArgumentException("data after the checksum line");
                }
                if (line.startsWith("*")) {
                    if (Long.parseLong(line.substring(1), 16) != crc.getValue()) {
                        throw new IllegalArgumentException("checkpoint checksum mismatch");
                    }
                    sealed = true;
                    continue;
                }
                crc.update((line + "\n").getBytes(StandardCharsets.UTF_8));
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
        }
        if (header == null || !sealed) {
            throw new IllegalArgumentException("checkpoint is incomplete");
        }
        return new Contents(header, messages, tombstones);
    }

    private static Header parseHeader(String line) {
        String[] f = line.split(" ");
        if (f.length != 9 || !f[0].equals("3")) {
            throw new IllegalArgumentException("not a version 3 checkpoint header");
        }
        return new Header(field(f[1], 'V'), field(f[2], 'N'), text(f[3], 'G'), field(f[4], 'M'), field(f[5], 'L'),
                field(f[6], 'E'), signed(f[7], 'Y'), signed(f[8], 'Z'));
    }

    private static Message parseMessage(String line) {
        int colon = line.indexOf(" :");
        if (colon < 0) {
            throw new IllegalArgumentException("message line without a file name");
        }
        String[] f = line.substring(0, colon).split(" ");
        if (f.length != 5) {
            throw new IllegalArgumentException("malformed message line");
        }
        return new Message(LogCodec.number(f[0]), field(f[1], 'M'), field(f[2], 'S'), field(f[3], 'T'),
                LogCodec.unescape(line.substring(colon + 2)), LogCodec.unescape(text(f[4], 'I')));
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
