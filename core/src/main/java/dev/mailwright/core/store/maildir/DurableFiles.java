package dev.mailwright.core.store.maildir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;

/**
 * The file operations durability rests on: write a temporary file, fsync it, rename it
 * over the target, fsync the directory. With {@code fsync} off (tests, benchmarks of the
 * logic alone) the same steps run without the flushes.
 */
final class DurableFiles {

    private static final boolean WINDOWS =
            System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

    private final boolean fsync;
    private final FileNamer namer;

    DurableFiles(boolean fsync, FileNamer namer) {
        this.fsync = fsync;
        this.namer = namer;
    }

    boolean fsync() {
        return fsync;
    }

    /** Name of a scratch file in a metadata directory; {@link #isScratch} recognises it. */
    String scratchName() {
        return "mailwright-scratch-" + namer.uniqueName();
    }

    static boolean isScratch(String fileName) {
        return fileName.startsWith("mailwright-scratch-");
    }

    /** Replaces {@code file} with {@code data} atomically: readers see the old or the new bytes. */
    void replace(Path file, byte[] data) throws IOException {
        Path temp = file.resolveSibling(scratchName());
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(data);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                force(channel);
            }
            move(temp, file);
        } finally {
            Files.deleteIfExists(temp);
        }
        syncDirectory(file.getParent());
    }

    /** Renames atomically, replacing the target. */
    static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the filesystem cannot rename atomically: " + from.getParent(), e);
        }
    }

    void force(FileChannel channel) throws IOException {
        if (fsync) {
            channel.force(true);
        }
    }

    /** Makes the entries of a directory (creations, renames, deletions) durable. */
    void syncDirectory(Path directory) throws IOException {
        if (!fsync) {
            return;
        }
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Windows cannot open a directory as a channel; its renames are durable on their own (NTFS journal).
            if (!WINDOWS) {
                throw e;
            }
        }
    }

    /** Deletes a tree, tolerating parts that vanish meanwhile (another process cleaning up too). */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
