package dev.mailwright.core.store.maildir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A folder's append-only change log, {@code mailwright-log}: a header line, then one line
 * per change (see {@link LogCodec}). Changes are appended under the account lock and
 * forced to disk before they are acknowledged; a line torn by a crash is unacknowledged by
 * definition and is cut off by the next writer. The log is replaced (never rewritten in
 * place) when it is compacted, so a file identity change tells another process to reload.
 *
 * <p>The file is opened for each operation and closed after it, so that an account with
 * many folders does not hold a descriptor per folder; every operation runs under the
 * account lock, so no other Mailwright process replaces the file meanwhile.
 */
final class FolderLog {

    static final String FILE = "mailwright-log";
    /** Enough for the last few records; widened when a record does not fit. */
    private static final int TAIL_WINDOW = 4 * 1024;
    private static final int READ_CHUNK = 64 * 1024;
    private static final int MAX_LINE = 16 * 1024;

    /** A log line that is damaged although lines after it are intact: the index cannot be trusted. */
    static final class DamagedException extends Exception {
        DamagedException(String message) {
            super(message);
        }
    }

    /** What the file on disk looks like now. */
    record Disk(Object fileKey, long size) {}

    private final Path path;
    private final Object fileKey;
    private final LogCodec.Header header;
    private final long headerEnd;
    private long length;

    private FolderLog(Path path, Object fileKey, LogCodec.Header header, long headerEnd, long length) {
        this.path = path;
        this.fileKey = fileKey;
        this.header = header;
        this.headerEnd = headerEnd;
        this.length = length;
    }

    /** Writes a fresh log with only a header, replacing any old one, and opens it. */
    static FolderLog create(Path folder, LogCodec.Header header, DurableFiles files) throws IOException, DamagedException {
        files.replace(folder.resolve(FILE), LogCodec.header(header).getBytes(StandardCharsets.US_ASCII));
        return open(folder);
    }

    /**
     * Opens a folder's log and reads its header.
     *
     * @throws NoSuchFileException if the folder has no log
     * @throws DamagedException if the header is unreadable
     */
    static FolderLog open(Path folder) throws IOException, DamagedException {
        Path path = folder.resolve(FILE);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            Object key = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            ByteBuffer first = ByteBuffer.allocate((int) Math.min(channel.size(), 512));
            channel.read(first, 0);
            String text = new String(first.array(), 0, first.position(), StandardCharsets.US_ASCII);
            int newline = text.indexOf('\n');
            if (newline < 0) {
                throw new DamagedException("log header is incomplete");
            }
            LogCodec.Header header;
            try {
                header = LogCodec.parseHeader(text.substring(0, newline));
            } catch (IllegalArgumentException e) {
                throw new DamagedException("log header is unreadable: " + e.getMessage());
            }
            return new FolderLog(path, key, header, newline + 1, channel.size());
        }
    }

    private FileChannel openChannel() throws IOException {
        return FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    }

    LogCodec.Header header() {
        return header;
    }

    long length() {
        return length;
    }

    long headerEnd() {
        return headerEnd;
    }

    /** The file now at this log's path, or null if there is none. */
    Disk disk() throws IOException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return new Disk(attributes.fileKey(), attributes.size());
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Whether {@code disk} is still the file this handle has open (and not a replacement). */
    boolean isSameFile(Disk disk) {
        return disk != null && (fileKey == null || Objects.equals(fileKey, disk.fileKey()));
    }

    /**
     * Reads the last record, cutting off a torn tail first. Returns null when the log holds
     * only its header.
     */
    LogRecord readLast() throws IOException {
        try (FileChannel channel = openChannel()) {
            return readLast(channel);
        }
    }

    private LogRecord readLast(FileChannel channel) throws IOException {
        long size = channel.size();
        long window = Math.min(size - headerEnd, TAIL_WINDOW);
        while (true) {
            long from = size - window;
            byte[] bytes = new byte[(int) window];
            channel.read(ByteBuffer.wrap(bytes), from);
            // Whatever follows the last line feed is a torn write; whole lines are tried from the end.
            int end = lastIndexOf(bytes, (byte) '\n', bytes.length - 1) + 1;
            while (end > 0) {
                int start = lastIndexOf(bytes, (byte) '\n', end - 2) + 1;
                if (start == 0 && from > headerEnd) {
                    break;
                }
                try {
                    LogRecord record = LogCodec.decode(new String(bytes, start, end - 1 - start, StandardCharsets.US_ASCII));
                    truncate(channel, from + end);
                    length = from + end;
                    return record;
                } catch (IllegalArgumentException e) {
                    end = start;
                }
            }
            if (from == headerEnd) {
                truncate(channel, headerEnd);
                length = headerEnd;
                return null;
            }
            // A line may begin before the window (or the window held no line feed at all).
            window = Math.min(size - headerEnd, window * 4);
        }
    }

    /**
     * Replays the records from {@code from} (a record boundary) to the end of the file,
     * cutting off a torn tail.
     *
     * @throws DamagedException if an undecodable line is followed by intact ones
     */
    void replay(long from, Consumer<LogRecord> sink) throws IOException, DamagedException {
        try (FileChannel channel = openChannel()) {
            replay(channel, from, sink);
        }
    }

    private void replay(FileChannel channel, long from, Consumer<LogRecord> sink) throws IOException, DamagedException {
        long size = channel.size();
        long position = from;
        ByteBuffer buffer = ByteBuffer.allocate(READ_CHUNK);
        byte[] carry = new byte[0];
        long carryStart = position;
        long validEnd = from;
        String badLine = null;
        long badStart = -1;
        while (position < size) {
            buffer.clear();
            int n = channel.read(buffer, position);
            if (n <= 0) {
                break;
            }
            byte[] chunk = new byte[carry.length + n];
            System.arraycopy(carry, 0, chunk, 0, carry.length);
            System.arraycopy(buffer.array(), 0, chunk, carry.length, n);
            position += n;
            int start = 0;
            for (int i = 0; i < chunk.length; i++) {
                if (chunk[i] != '\n') {
                    continue;
                }
                String line = new String(chunk, start, i - start, StandardCharsets.US_ASCII);
                long lineStart = carryStart + start;
                if (badLine != null) {
                    throw new DamagedException("log line at offset " + badStart + " is damaged: " + badLine);
                }
                try {
                    sink.accept(LogCodec.decode(line));
                    validEnd = carryStart + i + 1;
                } catch (IllegalArgumentException e) {
                    badLine = e.getMessage();
                    badStart = lineStart;
                }
                start = i + 1;
            }
            carry = new byte[chunk.length - start];
            System.arraycopy(chunk, start, carry, 0, carry.length);
            carryStart += start;
            if (carry.length > MAX_LINE) {
                throw new DamagedException("log line at offset " + carryStart + " is longer than " + MAX_LINE + " bytes");
            }
        }
        if (validEnd < size) {
            truncate(channel, validEnd);
        }
        length = validEnd;
    }

    /** Appends records; with {@code durable}, forces them to disk before returning. */
    void append(List<LogRecord> batch, DurableFiles files, boolean durable) throws IOException {
        if (batch.isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder(batch.size() * 100);
        for (LogRecord record : batch) {
            text.append(LogCodec.encode(record));
        }
        ByteBuffer buffer = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.US_ASCII));
        long position = length;
        try (FileChannel channel = openChannel()) {
            while (buffer.hasRemaining()) {
                position += channel.write(buffer, position);
            }
            if (durable) {
                files.force(channel);
            }
        }
        length = position;
    }

    private static void truncate(FileChannel channel, long size) throws IOException {
        if (channel.size() > size) {
            channel.truncate(size);
        }
    }

    private static int lastIndexOf(byte[] bytes, byte value, int from) {
        for (int i = from; i >= 0; i--) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
