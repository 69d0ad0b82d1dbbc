package dev.mailwright.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/**
 * What one stat(2) says about a file: enough to notice that it changed without reading it.
 * The file key (device and inode where the platform has them) catches an atomic replace
 * that kept size and modification time.
 */
public record FileStamp(FileTime modified, long size, Object fileKey) {

    public static final FileStamp MISSING = new FileStamp(FileTime.fromMillis(0), -1, null);

    public static FileStamp of(Path file) throws IOException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new FileStamp(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey());
        } catch (NoSuchFileException e) {
            return MISSING;
        }
    }

    public boolean missing() {
        return size < 0;
    }
}
