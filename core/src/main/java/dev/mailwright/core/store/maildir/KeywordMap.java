package dev.mailwright.core.store.maildir;

import dev.mailwright.core.store.Flags;
import dev.mailwright.core.store.Flags.SystemFlag;
import dev.mailwright.core.store.MailStoreException;
import dev.mailwright.core.store.MailStoreException.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The flag letters of a folder: the Maildir system letters ({@code D F R S T}) and the
 * keyword letters {@code a}–{@code z}, mapped to names by Dovecot's
 * {@code dovecot-keywords} file ({@code <index> <keyword>} per line, 0 for {@code a}), so
 * that Dovecot shows the same keywords. Hence at most 26 keywords per folder. Letters this
 * map does not know, such as {@code P} (passed), are kept when flags change.
 *
 * <p>Immutable; adding keywords makes a new map. Indexes are never reused, so a letter
 * keeps its meaning for as long as the file exists.
 */
final class KeywordMap {

    static final String FILE = "dovecot-keywords";
    static final int MAX_KEYWORDS = 26;
    private static final int MAX_CACHED = 4096;

    static final KeywordMap EMPTY = new KeywordMap(new String[0]);

    /** Keyword per index; null where the file names something that is not a valid keyword. */
    private final String[] names;
    private final Map<String, Integer> indexes = new HashMap<>();
    /** Decoded info parts: a mailbox has few distinct flag combinations. Guarded by the account lock. */
    private final Map<String, Flags> decoded = new HashMap<>();

    private KeywordMap(String[] names) {
        this.names = names;
        for (int i = 0; i < names.length; i++) {
            if (names[i] != null) {
                indexes.putIfAbsent(names[i].toLowerCase(Locale.ROOT), i);
            }
        }
    }

    /** Reads a folder's map; a missing file is an empty map, bad lines are skipped. */
    static KeywordMap read(Path folder) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(folder.resolve(FILE), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return EMPTY;
        }
        String[] names = new String[0];
        for (String line : lines) {
            int space = line.indexOf(' ');
            if (space <= 0) {
                continue;
            }
            int index;
            try {
                index = Integer.parseInt(line.substring(0, space));
            } catch (NumberFormatException e) {
                continue;
            }
            if (index < 0 || index >= MAX_KEYWORDS) {
                continue;
            }
            String keyword = line.substring(space + 1);
            if (!isValidKeyword(keyword)) {
                continue;
            }
            if (index >= names.length) {
                names = Arrays.copyOf(names, index + 1);
            }
            names[index] = keyword;
        }
        return new KeywordMap(names);
    }

    private static boolean isValidKeyword(String keyword) {
        try {
            return !keyword.isEmpty() && !keyword.startsWith("\\") && Flags.of(keyword).keywords().size() == 1;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The file's bytes, as Dovecot writes it. */
    byte[] toBytes() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < names.length; i++) {
            if (names[i] != null) {
                out.append(i).append(' ').append(names[i]).append('\n');
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Every keyword with a letter. */
    List<String> allKeywords() {
        List<String> all = new ArrayList<>();
        for (String name : names) {
            if (name != null) {
                all.add(name);
            }
        }
        return all;
    }

    /** Whether every keyword has a letter. */
    boolean defines(Collection<String> keywords) {
        for (String keyword : keywords) {
            if (!indexes.containsKey(keyword.toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        return true;
    }

    /**
     * This map with letters for {@code keywords} too.
     *
     * @throws MailStoreException {@code LIMIT} when the folder would need more than 26
     */
    KeywordMap with(Collection<String> keywords) {
        List<String> missing = new ArrayList<>();
        for (String keyword : keywords) {
            String key = keyword.toLowerCase(Locale.ROOT);
            if (!indexes.containsKey(key) && missing.stream().noneMatch(m -> m.equalsIgnoreCase(key))) {
                missing.add(keyword);
            }
        }
        if (missing.isEmpty()) {
            return this;
        }
        if (names.length + missing.size() > MAX_KEYWORDS) {
            throw new MailStoreException(Reason.LIMIT,
                    "a Maildir folder holds at most " + MAX_KEYWORDS + " different keywords");
        }
        String[] grown = Arrays.copyOf(names, names.length + missing.size());
        for (int i = 0; i < missing.size(); i++) {
            grown[names.length + i] = missing.get(i);
        }
        return new KeywordMap(grown);
    }

    /** The flags an info part stands for. */
    Flags flags(String info) {
        Flags cached = decoded.get(info);
        if (cached != null) {
            return cached;
        }
        List<String> found = new ArrayList<>();
        for (int i = 0; i < info.length(); i++) {
            char c = info.charAt(i);
            if (c == ',') {
                break;
            }
            SystemFlag system = systemFlag(c);
            if (system != null) {
                found.add(system.imapName());
            } else if (c >= 'a' && c <= 'z' && c - 'a' < names.length && names[c - 'a'] != null) {
                found.add(names[c - 'a']);
            }
        }
        Flags flags = Flags.of(found);
        if (decoded.size() < MAX_CACHED) {
            decoded.put(info, flags);
        }
        return flags;
    }

    /**
     * The info part for {@code flags}, keeping letters of {@code oldInfo} that are neither
     * system flags nor keywords, and anything after a comma. Letters are in ASCII order, as
     * the Maildir specification asks. Every keyword must have a letter ({@link #with}).
     */
    String info(Flags flags, String oldInfo) {
        int comma = oldInfo.indexOf(',');
        String letters = comma < 0 ? oldInfo : oldInfo.substring(0, comma);
        StringBuilder chars = new StringBuilder();
        for (int i = 0; i < letters.length(); i++) {
            char c = letters.charAt(i);
            if (systemFlag(c) == null && !(c >= 'a' && c <= 'z') && c > 0x20 && c < 0x7f && chars.indexOf(String.valueOf(c)) < 0) {
                chars.append(c);
            }
        }
        for (SystemFlag flag : SystemFlag.values()) {
            if (flags.contains(flag)) {
                chars.append(letter(flag));
            }
        }
        for (String keyword : flags.keywords()) {
            Integer index = indexes.get(keyword.toLowerCase(Locale.ROOT));
            if (index == null) {
                throw new IllegalStateException("keyword without a letter: " + keyword);
            }
            chars.append((char) ('a' + index));
        }
        char[] sorted = chars.toString().toCharArray();
        Arrays.sort(sorted);
        return new String(sorted) + (comma < 0 ? "" : oldInfo.substring(comma));
    }

    private static SystemFlag systemFlag(char letter) {
        return switch (letter) {
            case 'D' -> SystemFlag.DRAFT;
            case 'F' -> SystemFlag.FLAGGED;
            case 'R' -> SystemFlag.ANSWERED;
            case 'S' -> SystemFlag.SEEN;
            case 'T' -> SystemFlag.DELETED;
            default -> null;
        };
    }

    private static char letter(SystemFlag flag) {
        return switch (flag) {
            case DRAFT -> 'D';
            case FLAGGED -> 'F';
            case ANSWERED -> 'R';
            case SEEN -> 'S';
            case DELETED -> 'T';
        };
    }
}
