package dev.mailwright.smtp.outbound.spool;

import static dev.mailwright.smtp.outbound.spool.FileQueueStorage.CORRUPT_DIR;
import static dev.mailwright.smtp.outbound.spool.FileQueueStorage.MESSAGE_SUFFIX;
import static dev.mailwright.smtp.outbound.spool.FileQueueStorage.META_SUFFIX;

import dev.mailwright.core.MessageContent;
import dev.mailwright.core.io.AtomicFile;
import dev.mailwright.smtp.outbound.spi.QueuedMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The spool's files on disk: message ids, synced message writes, and recovery after a crash. */
final class SpoolFiles {

    private static final Logger log = LoggerFactory.getLogger(SpoolFiles.class);

    private SpoolFiles() {
    }

    /** A new queue id: the time first, so that ids sort roughly by age in a directory listing. */
    static String newId(Instant now) {
        return Long.toString(now.toEpochMilli(), 36).toUpperCase(Locale.ROOT) + "-"
                + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36).toUpperCase(Locale.ROOT);
    }

    /** Writes {@code content} to a new file {@code temp} (owner-only) and fsyncs it; returns its size. */
    static long writeSynced(Path temp, MessageContent content) throws IOException {
        long size = 0;
        try (FileChannel out = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                AtomicFile.permissions(temp, true));
             InputStream in = content.open()) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, n);
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
                size += n;
            }
            out.force(true);
        }
        return size;
    }

    /**
     * The messages in {@code dir}, after undoing what a crash left half done: temporary files and
     * message files without metadata (never acknowledged) are deleted; metadata that cannot be read,
     * or whose message file is missing, is moved to {@code corrupt/} with its message, never deleted.
     */
    static List<QueuedMessage> recover(Path dir) throws IOException {
        List<Path> metas = new ArrayList<>();
        List<Path> messages = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.startsWith(".") && name.endsWith(".tmp")) {
                    Files.deleteIfExists(file);
                } else if (name.endsWith(META_SUFFIX)) {
                    metas.add(file);
                } else if (name.endsWith(MESSAGE_SUFFIX)) {
                    messages.add(file);
                }
            }
        }
        List<QueuedMessage> found = new ArrayList<>(metas.size());
        Set<String> ids = new HashSet<>();
        for (Path meta : metas) {
            String id = stripSuffix(meta, META_SUFFIX);
            Path message = dir.resolve(id + MESSAGE_SUFFIX);
            try {
                QueuedMessage m = MetadataCodec.decode(Files.readAllBytes(meta));
                if (!m.id().equals(id)) {
                    throw new IOException("metadata names id " + m.id());
                }
                if (!Files.exists(message)) {
                    throw new IOException("message file missing");
                }
                found.add(m);
                ids.add(id);
            } catch (IOException e) {
                log.error("queue message {} unreadable, moved to {}/: {}", id, CORRUPT_DIR, e.getMessage());
                Path corrupt = Files.createDirectories(dir.resolve(CORRUPT_DIR));
                Files.move(meta, corrupt.resolve(meta.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                if (Files.exists(message)) {
                    Files.move(message, corrupt.resolve(message.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        for (Path message : messages) {
            if (!ids.contains(stripSuffix(message, MESSAGE_SUFFIX)) && Files.exists(message)) {
                // Written but never acknowledged: the crash came before its metadata.
                Files.deleteIfExists(message);
            }
        }
        AtomicFile.syncDirectory(dir);
        return found;
    }

    private static String stripSuffix(Path file, String suffix) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - suffix.length());
    }
}
