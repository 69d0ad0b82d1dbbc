package dev.mailwright.core.store.maildir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes what crashed writers left in {@code tmp/}: files named by a process of this
 * host that has ended, and anything older than 36 hours (the Maildir specification's
 * rule, which also covers other programs' files). Files of live writers stay.
 */
final class TmpCleaner {

    private static final Logger log = LoggerFactory.getLogger(TmpCleaner.class);
    static final Duration STALE = Duration.ofHours(36);

    private TmpCleaner() {}

    static void clean(Path tmp, FileNamer namer) throws IOException {
        String[] names = tmp.toFile().list();
        if (names == null) {
            if (!Files.isDirectory(tmp, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(tmp);
            }
            return;
        }
        Instant staleBefore = Instant.now().minus(STALE);
        int removed = 0;
        for (String name : names) {
            Path file = tmp.resolve(name);
            try {
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                // A live writer's file may carry an old time: APPEND sets the internal date before the rename.
                if (a.isDirectory() || namer.isFromLiveProcess(name)) {
                    continue;
                }
                if (namer.isFromDeadProcess(name) || a.lastModifiedTime().toInstant().isBefore(staleBefore)) {
                    Files.deleteIfExists(file);
                    removed++;
                }
            } catch (java.nio.file.NoSuchFileException e) {
                // Its writer finished (or someone else cleaned up) meanwhile.
            }
        }
        if (removed > 0) {
            log.info("removed {} unfinished files from {}", removed, tmp);
        }
    }
}
