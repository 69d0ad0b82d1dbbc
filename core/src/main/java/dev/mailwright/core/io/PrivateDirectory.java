package dev.mailwright.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/** Directories that hold mail, keys or passwords: made for their owner alone. */
public final class PrivateDirectory {

    private PrivateDirectory() {}

    /**
     * Creates {@code dir} (and its parents) with mode 0700 where the file system has POSIX
     * permissions. An existing directory keeps the mode its administrator gave it.
     */
    public static void create(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath();
        if (Files.exists(absolute)) {
            return;
        }
        Files.createDirectories(absolute.getParent());
        FileAttribute<?>[] mode = absolute.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))}
                : new FileAttribute<?>[0];
        try {
            Files.createDirectory(absolute, mode);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            // Made by someone else in the meantime: theirs to decide.
        }
    }
}
