package dev.mailwright.core.store.maildir;

import dev.mailwright.core.store.SpecialUse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/**
 * A folder's special-use attributes (RFC 6154), one IMAP attribute such as {@code \Sent}
 * per line in {@code mailwright-special-use}. The file lives in the folder directory, so
 * it moves with the folder on rename.
 */
final class SpecialUseFile {

    static final String FILE = "mailwright-special-use";

    private SpecialUseFile() {}

    static Set<SpecialUse> read(Path folder) throws IOException {
        Set<SpecialUse> uses = EnumSet.noneOf(SpecialUse.class);
        try {
            for (String line : Files.readAllLines(folder.resolve(FILE), StandardCharsets.UTF_8)) {
                SpecialUse.fromAttribute(line.strip()).ifPresent(uses::add);
            }
        } catch (NoSuchFileException e) {
            return Set.of();
        }
        return uses;
    }

    /** Writes the file into a folder directory that is not yet visible (or replaces it). */
    static void write(Path folder, Set<SpecialUse> uses, DurableFiles files) throws IOException {
        StringBuilder text = new StringBuilder();
        for (SpecialUse use : uses) {
            text.append(use.attribute()).append('\n');
        }
        files.replace(folder.resolve(FILE), text.toString().getBytes(StandardCharsets.US_ASCII));
    }
}
