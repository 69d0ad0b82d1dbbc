package dev.mailwright.smtp.outbound.mtasts;

import dev.mailwright.core.io.AtomicFile;
import dev.mailwright.smtp.outbound.spi.MtaStsPolicyStore;
import dev.mailwright.smtp.outbound.spi.StoredPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MTA-STS policies in a directory, one file per domain ({@code <domain>.policy}: id, fetch and
 * expiry times, a blank line, the policy as served), replaced atomically. Recently used entries
 * are also kept in memory, up to {@link #MEMORY_ENTRIES}.
 */
public final class FileMtaStsPolicyStore implements MtaStsPolicyStore {

    private static final Logger log = LoggerFactory.getLogger(FileMtaStsPolicyStore.class);

    /** How many policies are kept in memory besides the files. */
    public static final int MEMORY_ENTRIES = 10_000;

    private final Path dir;
    private final Map<String, StoredPolicy> memory = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, StoredPolicy> eldest) {
            return size() > MEMORY_ENTRIES;
        }
    };

    private FileMtaStsPolicyStore(Path dir) {
        this.dir = dir;
    }

    /** A store in {@code dir}, created if missing. */
    public static FileMtaStsPolicyStore open(Path dir) {
        try {
            Files.createDirectories(Objects.requireNonNull(dir, "dir"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create MTA-STS cache directory " + dir, e);
        }
        return new FileMtaStsPolicyStore(dir);
    }

    @Override
    public Optional<StoredPolicy> load(String domain) {
        String key = checkedDomain(domain);
        synchronized (memory) {
            StoredPolicy cached = memory.get(key);
            if (cached != null) {
                return Optional.of(cached);
            }
        }
        Path file = dir.resolve(key + ".policy");
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int blank = text.indexOf("\n\n");
            if (blank < 0) {
                throw new IOException("no blank line after the header");
            }
            Map<String, String> header = new LinkedHashMap<>();
            for (String line : text.substring(0, blank).split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    header.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
            StoredPolicy policy = new StoredPolicy(header.get("id"), text.substring(blank + 2),
                    Instant.parse(header.get("fetched")), Instant.parse(header.get("expires")));
            synchronized (memory) {
                memory.put(key, policy);
            }
            return Optional.of(policy);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            log.warn("ignoring unreadable MTA-STS cache file {}: {}", file.getFileName(), e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void store(String domain, StoredPolicy policy) {
        String key = checkedDomain(domain);
        String text = "id=" + policy.id() + "\nfetched=" + policy.fetched() + "\nexpires=" + policy.expires()
                + "\n\n" + policy.policyText();
        try {
            AtomicFile.write(dir.resolve(key + ".policy"), text.getBytes(StandardCharsets.UTF_8), false);
        } catch (IOException e) {
            // The cache is an optimisation and a defence, never a reason to stop delivery.
            log.warn("cannot store MTA-STS policy of {}: {}", key, e.getMessage());
        }
        synchronized (memory) {
            memory.put(key, policy);
        }
    }

    @Override
    public void remove(String domain) {
        String key = checkedDomain(domain);
        synchronized (memory) {
            memory.remove(key);
        }
        try {
            Files.deleteIfExists(dir.resolve(key + ".policy"));
        } catch (IOException e) {
            log.warn("cannot remove MTA-STS policy of {}: {}", key, e.getMessage());
        }
    }

    private static String checkedDomain(String domain) {
        if (!domain.matches("[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?") || domain.contains("..")) {
            throw new IllegalArgumentException("not a lower-case A-label domain: " + domain);
        }
        return domain;
    }
}
