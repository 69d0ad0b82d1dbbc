package dev.mailwright.smtp.outbound.dkim;

import dev.mailwright.auth.dkim.DkimSigningKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DKIM private keys per domain in a directory, in the layout maddy uses and the auth module
 * writes: {@code <domain>_<selector>.key} (PKCS#8 PEM, owner-only) with
 * {@code <domain>_<selector>.dns} beside it holding the TXT record to publish at
 * {@code <selector>._domainkey.<domain>}. A domain without a key gets one generated on first use,
 * and the log says where its DNS record is.
 */
public final class DkimKeyStore {

    private static final Logger log = LoggerFactory.getLogger(DkimKeyStore.class);

    /** The algorithm of generated keys. */
    public enum KeyType {
        /** rsa-sha256 with 2048-bit keys: understood by every verifier. */
        RSA_2048,
        /** ed25519-sha256 (RFC 8463): small and fast, not yet understood everywhere. */
        ED25519
    }

    private final Path directory;
    private final String selector;
    private final KeyType keyType;
    private final Map<String, DkimSigningKey> keys = new ConcurrentHashMap<>();

    private DkimKeyStore(Path directory, String selector, KeyType keyType) {
        this.directory = directory;
        this.selector = selector;
        this.keyType = keyType;
    }

    /**
     * A key store in {@code directory} (created if missing) for {@code selector}.
     *
     * @throws IllegalArgumentException if the selector is not a DNS label sequence
     */
    public static DkimKeyStore open(Path directory, String selector, KeyType keyType) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(keyType, "keyType");
        if (!selector.matches("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*")) {
            throw new IllegalArgumentException("DKIM selector is not a DNS name: " + selector);
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create DKIM key directory " + directory, e);
        }
        return new DkimKeyStore(directory, selector, keyType);
    }

    public String selector() {
        return selector;
    }

    /** The key file of {@code domain}. */
    public Path keyFile(String domain) {
        return directory.resolve(normalise(domain) + "_" + selector + ".key");
    }

    /** The DNS record file of {@code domain}. */
    public Path dnsFile(String domain) {
        return directory.resolve(normalise(domain) + "_" + selector + ".dns");
    }

    /**
     * The key of {@code domain}: read from its file, or generated and written (with its
     * {@code .dns} file) if there is none.
     *
     * @throws UncheckedIOException if the key cannot be read or written
     */
    public DkimSigningKey keyFor(String domain) {
        String name = normalise(domain);
        return keys.computeIfAbsent(name, this::loadOrGenerate);
    }

    private DkimSigningKey loadOrGenerate(String domain) {
        Path keyFile = keyFile(domain);
        if (Files.exists(keyFile)) {
            return DkimSigningKey.read(keyFile);
        }
        DkimSigningKey key = keyType == KeyType.ED25519 ? DkimSigningKey.generateEd25519() : DkimSigningKey.generateRsa();
        try {
            DkimSigningKey.KeyFiles files = key.writeFiles(directory, domain, selector);
            log.info("generated a DKIM key for {}: publish the TXT record in {} at {}._domainkey.{}",
                    domain, files.dnsRecord(), selector, domain);
        } catch (IOException e) {
            // Another process may have written the key in between: use its key, not ours.
            if (Files.exists(keyFile)) {
                return DkimSigningKey.read(keyFile);
            }
            throw new UncheckedIOException("cannot write the DKIM key of " + domain, e);
        }
        return key;
    }

    private static String normalise(String domain) {
        String name = domain.toLowerCase(Locale.ROOT);
        if (!name.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*")) {
            throw new IllegalArgumentException("not an A-label domain: " + domain);
        }
        return name;
    }
}
