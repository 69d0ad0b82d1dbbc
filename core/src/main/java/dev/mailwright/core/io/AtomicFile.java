package dev.mailwright.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/** Replaces a file so that a crash leaves either the old or the new content, never a mix. */
public final class AtomicFile {

    private AtomicFile() {
    }

    /**
     * Writes {@code content} to a temporary file beside {@code target}, fsyncs it, renames it
     * over {@code target} and fsyncs the directory. With {@code ownerOnly} the file is created
     * with mode 0600 where the file system has POSIX permissions.
     */
    public static void write(Path target, byte[] content, boolean ownerOnly) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = dir.resolve("." + target.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            try (FileChannel out = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE), permissions(target, ownerOnly))) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        syncDirectory(dir);
    }

    /** Mode 0600 for a new file where {@code file}'s file system has POSIX permissions. */
    public static FileAttribute<?>[] permissions(Path file, boolean ownerOnly) {
        if (ownerOnly && file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))};
        }
        return new FileAttribute<?>[0];
    }

    /** Makes a directory's entries (new, renamed or removed files) durable. */
    public static void syncDirectory(Path dir) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(dir, StandardOpenOption.READ);
        } catch (IOException e) {
            // Some platforms (Windows) cannot open a directory; their rename is durable on its own.
            return;
        }
        try (channel) {
            channel.force(true);
        }
    }
}
