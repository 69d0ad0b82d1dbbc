package dev.mailwright.server.pipeline;

import dev.mailwright.core.MailAddress;
import dev.mailwright.core.io.FileStamp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An aliases file in the familiar form, re-read when it changes: one {@code alias: target,
 * target} per line, {@code #} comments and blank lines ignored. Aliases are full addresses
 * (or a bare local part, which matches in every local domain); targets are addresses.
 * A file that breaks while the server runs is reported and the last good aliases stay.
 */
public final class AliasFile {

    private static final Logger log = LoggerFactory.getLogger(AliasFile.class);
    private static final int MAX_BYTES = 4 << 20;

    private final Path file;
    private final Clock clock;
    private final Duration checkEvery;
    private Instant nextCheck = Instant.MIN;
    private FileStamp stamp = FileStamp.MISSING;
    private Map<String, List<String>> aliases = Map.of();

    /** Loads the file now; a broken file at start-up is an error naming the line. */
    public AliasFile(Path file, Clock clock, Duration checkEvery) throws IOException {
        this.file = file;
        this.clock = clock;
        this.checkEvery = checkEvery;
        reload(true);
    }

    /** The current aliases, re-reading the file if it changed (checked at most every few seconds). */
    public synchronized Map<String, List<String>> aliases() {
        Instant now = clock.instant();
        if (now.isAfter(nextCheck)) {
            nextCheck = now.plus(checkEvery);
            try {
                reload(false);
            } catch (IOException | IllegalArgumentException e) {
                log.warn("{}: {}; keeping the aliases loaded before", file, e.getMessage());
            }
        }
        return aliases;
    }

    private void reload(boolean initial) throws IOException {
        FileStamp current = FileStamp.of(file);
        if (!initial && current.equals(stamp)) {
            return;
        }
        if (current.missing()) {
            if (initial) {
                throw new IOException(file + ": no such file");
            }
            stamp = current;
            throw new IOException("file disappeared");
        }
        if (current.size() > MAX_BYTES) {
            throw new IOException(file + ": larger than " + (MAX_BYTES >> 20) + " MiB");
        }
        Map<String, List<String>> parsed = parse(Files.readString(file, StandardCharsets.UTF_8));
        stamp = current;
        aliases = parsed;
        if (!initial) {
            log.info("{}: reloaded {} aliases", file, parsed.size());
        }
    }

    /**
     * What is wrong with one alias, or null: the alias must be an address or a bare local
     * part, and every target an address.
     */
    public static String problem(String alias, List<String> targets) {
        try {
            if (alias.contains("@")) {
                MailAddress.parse(alias);
            } else {
                MailAddress.of(alias, "example.org");
            }
        } catch (IllegalArgumentException e) {
            return "alias '" + alias + "' is not an address or local part: " + e.getMessage();
        }
        for (String target : targets) {
            try {
                MailAddress.parse(target);
            } catch (IllegalArgumentException e) {
                return "target '" + target + "' of alias '" + alias + "' is not an address: " + e.getMessage();
            }
        }
        return null;
    }

    Map<String, List<String>> parse(String text) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        int lineNumber = 0;
        for (String line : text.split("\r?\n", -1)) {
            lineNumber++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int colon = trimmed.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException(file + " line " + lineNumber + ": expected 'alias: target, target'");
            }
            String alias = trimmed.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            List<String> targets = new ArrayList<>();
            for (String target : trimmed.substring(colon + 1).split(",")) {
                if (!target.isBlank()) {
                    targets.add(target.strip());
                }
            }
            if (alias.isEmpty() || targets.isEmpty()) {
                throw new IllegalArgumentException(file + " line " + lineNumber + ": expected 'alias: target, target'");
            }
            String problem = problem(alias, targets);
            if (problem != null) {
                throw new IllegalArgumentException(file + " line " + lineNumber + ": " + problem);
            }
            if (out.putIfAbsent(alias, List.copyOf(targets)) != null) {
                throw new IllegalArgumentException(file + " line " + lineNumber + ": alias '" + alias + "' defined twice");
            }
        }
        return out;
    }
}
