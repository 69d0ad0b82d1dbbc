package dev.mailwright.core.store.maildir;

import dev.mailwright.core.store.MailStoreException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Objects;

/**
 * A folder's keyword letters as last read from {@code dovecot-keywords}, reread when the
 * file is replaced (by another process, or Dovecot). Guarded by the account lock.
 */
final class FolderKeywords {

    private KeywordMap map = KeywordMap.EMPTY;
    private FileStamp stamp;

    KeywordMap map() {
        return map;
    }

    void load(Path folder) throws IOException {
        stamp = FileStamp.of(folder.resolve(KeywordMap.FILE));
        map = KeywordMap.read(folder);
    }

    /** Rereads the file if it was replaced; true if it was. Letters keep their meaning either way. */
    boolean refresh(Path folder) throws IOException {
        FileStamp now = FileStamp.of(folder.resolve(KeywordMap.FILE));
        if (Objects.equals(now, stamp)) {
            return false;
        }
        load(folder);
        return true;
    }

    /**
     * A map with letters for every keyword in {@code needed}, writing the file if it grows.
     * Rereads the file first, so that letters another process added are kept.
     *
     * @throws MailStoreException {@code LIMIT} beyond {@value KeywordMap#MAX_KEYWORDS} keywords
     */
    KeywordMap define(Path folder, Collection<String> needed, DurableFiles files) throws IOException {
        if (map.defines(needed)) {
            return map;
        }
        KeywordMap current = KeywordMap.read(folder);
        KeywordMap grown = current.with(needed);
        if (grown != current) {
            files.replace(folder.resolve(KeywordMap.FILE), grown.toBytes());
        }
        map = grown;
        stamp = FileStamp.of(folder.resolve(KeywordMap.FILE));
        return grown;
    }
}
