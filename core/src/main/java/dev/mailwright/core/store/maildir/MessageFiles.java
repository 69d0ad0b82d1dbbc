package dev.mailwright.core.store.maildir;

import dev.mailwright.core.MessageContent;
import dev.mailwright.core.io.AtomicFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Set;

/**
 * Writes message files the Maildir way: into {@code tmp/} under a unique name, forced to
 * disk, then linked into {@code cur/} under its final name and unlinked from {@code tmp/}.
 * A link never replaces an existing file, so a name clash cannot overwrite mail.
 *
 * <p>Bytes are stored exactly as received, CRLF line ends included: the IMAP size and the
 * bytes FETCH returns must agree, DKIM signatures cover exact bytes, and both Dovecot
 * ({@code mail_save_crlf}) and neomutt read CRLF files.
 */
final class MessageFiles {

    /** A message written to {@code tmp/}, not yet in the mailbox. */
    record Pending(Path file, String uniqueName, long size, long virtualSize) {
        /** The base name it gets in {@code cur/}. */
        String base() {
            return FileNamer.base(uniqueName, size, virtualSize);
        }
    }

    private final StoreContext context;

    MessageFiles(StoreContext context) {
        this.context = context;
    }

    /**
     * Writes {@code content} to {@code tmpDirectory}, with {@code internalDate} as its
     * modification time (the internal date Dovecot and neomutt show), and forces it to disk.
     */
    Pending write(Path tmpDirectory, MessageContent content, Instant internalDate) throws IOException {
        String name = context.namer.uniqueName();
        Path file = tmpDirectory.resolve(name);
        boolean done = false;
        // Mail is private: 0600 where the file system has POSIX permissions.
        try (FileChannel out = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS), AtomicFile.permissions(file, true)); InputStream in = content.open()) {
            byte[] buffer = new byte[64 * 1024];
            long size = 0;
            long bareLineFeeds = 0;
            int previous = -1;
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n' && previous != '\r') {
                        bareLineFeeds++;
                    }
                    previous = buffer[i];
                }
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                while (chunk.hasRemaining()) {
                    out.write(chunk);
                }
                size += n;
            }
            if (size != content.size()) {
                throw new IOException("message content yielded " + size + " bytes, not the " + content.size() + " it declared");
            }
            Files.setLastModifiedTime(file, FileTime.from(internalDate));
            context.files.force(out);
            done = true;
            return new Pending(file, name, size, size + bareLineFeeds);
        } finally {
            if (!done) {
                Files.deleteIfExists(file);
            }
        }
    }

    /**
     * Makes {@code source} appear as {@code target} without ever replacing a file: a hard
     * link where the filesystem has them, else a rename after checking the name is free.
     * With {@code keepSource} false the source name is removed.
     */
    static void place(Path source, Path target, boolean keepSource) throws IOException {
        try {
            Files.createLink(target, source);
            if (!keepSource) {
                Files.delete(source);
            }
            return;
        } catch (FileAlreadyExistsException | NoSuchFileException e) {
            throw e;
        } catch (UnsupportedOperationException | FileSystemException e) {
            // No hard links here (some network and FUSE filesystems): fall back below.
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(target.toString());
        }
        if (keepSource) {
            Files.copy(source, target, LinkOption.NOFOLLOW_LINKS, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            try (FileChannel channel = FileChannel.open(target, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
        } else {
            Files.move(source, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
    }
}
