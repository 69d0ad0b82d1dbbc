package dev.mailwright.core.tls;

import dev.mailwright.core.io.FileStamp;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS side of a server: one {@link SSLContext} to hand to MINA's SslFilter (or to
 * anything else that makes server engines or sockets), restricted to TLS 1.2 and 1.3 with
 * forward-secret AEAD cipher suites, that serves the current certificate.
 *
 * <p>Material read from files is checked for changes at most once per reload interval (a
 * minute by default, as maddy does), when an engine is created: a stat of each file, and a
 * re-read only if one changed. A renewed certificate is then used for new connections;
 * connections already open keep theirs. If the new files are unusable (a key that does not
 * match, a half-written file) the previous material stays in service, a warning names the
 * problem, and the files are read again only once they change again.
 *
 * <p>Ed25519 certificates work with the JDK's TLS 1.3 and 1.2 implementations (the ed25519
 * signature scheme, RFC 8446 §4.2.3 and RFC 8422), but few mail clients and servers offer
 * that scheme yet; a public server should use ECDSA P-256 or RSA certificates.
 */
public final class ServerTls {

    private static final Logger LOG = LoggerFactory.getLogger(ServerTls.class);

    /** TLS 1.3 first; nothing older than TLS 1.2 (RFC 8996). */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /**
     * Server preference order: TLS 1.3 suites, then TLS 1.2 ECDHE and DHE with AES-GCM or
     * ChaCha20-Poly1305 (Mozilla's "intermediate" configuration, which old MTAs still
     * manage to use). Suites the running JDK lacks are left out.
     */
    public static final List<String> DEFAULT_CIPHER_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256",
            "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private final Path certificateFile;
    private final Path keyFile;
    private final Clock clock;
    private final long reloadIntervalMillis;
    private final List<String> protocols;
    private final List<String> cipherSuites;
    private final SSLContext context;
    private final AtomicBoolean checking = new AtomicBoolean();

    private volatile Material current;
    private volatile long nextCheckMillis;

    /** What is in service: the key and chain, the JDK context built from them, and the file versions they came from. */
    private record Material(CertifiedKey key, SSLContext context, FileStamp certificateStamp, FileStamp keyStamp) {
    }

    private ServerTls(Builder b, Material first) {
        this.certificateFile = b.certificateFile;
        this.keyFile = b.keyFile;
        this.clock = b.clock;
        this.reloadIntervalMillis = b.reloadInterval.toMillis();
        this.protocols = List.copyOf(b.protocols);
        this.current = first;
        this.nextCheckMillis = clock.millis() + reloadIntervalMillis;
        Set<String> supported = Set.of(first.context().getSupportedSSLParameters().getCipherSuites());
        List<String> suites = new ArrayList<>();
        for (String suite : b.cipherSuites != null ? b.cipherSuites : DEFAULT_CIPHER_SUITES) {
            if (supported.contains(suite)) {
                suites.add(suite);
            } else if (b.cipherSuites != null) {
                throw new IllegalArgumentException("cipher suite not supported by this JDK: " + suite);
            }
        }
        this.cipherSuites = List.copyOf(suites);
        this.context = new RestrictedSslContext(() -> material().context(),
                protocols.toArray(new String[0]), cipherSuites.toArray(new String[0]));
    }

    /** TLS from a certificate chain file and a key file, with default settings; reads them now. */
    public static ServerTls fromFiles(Path certificateFile, Path keyFile) {
        return builder().files(certificateFile, keyFile).build();
    }

    /** TLS with fixed material that never reloads (a self-signed certificate, a key from a vault). */
    public static ServerTls of(CertifiedKey key) {
        return builder().certifiedKey(key).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The context to give to whatever creates server engines or sockets. It stays the same
     * object across reloads; engines it creates use the material current at that moment.
     */
    public SSLContext sslContext() {
        return context;
    }

    /** A server-mode engine with the current material. */
    public SSLEngine newServerEngine() {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        return engine;
    }

    /** A server-mode engine for a connection from {@code peerHost:peerPort} (used for logging and session caching only). */
    public SSLEngine newServerEngine(String peerHost, int peerPort) {
        SSLEngine engine = context.createSSLEngine(peerHost, peerPort);
        engine.setUseClientMode(false);
        return engine;
    }

    /** The enabled protocols, most preferred first. */
    public List<String> protocols() {
        return protocols;
    }

    /** The enabled cipher suites, most preferred first. */
    public List<String> cipherSuites() {
        return cipherSuites;
    }

    /** The key and chain in service now. */
    public CertifiedKey certifiedKey() {
        return material().key();
    }

    /**
     * Re-reads the files now if either changed since they were last read, whatever the
     * interval. Returns whether new material went into service; material that cannot be used
     * leaves the old in service and logs a warning. Fixed material never reloads.
     */
    public synchronized boolean reloadIfChanged() {
        if (certificateFile == null) {
            return false;
        }
        Material old = current;
        FileStamp certificateStamp;
        FileStamp keyStamp;
        try {
            certificateStamp = FileStamp.of(certificateFile);
            keyStamp = FileStamp.of(keyFile);
        } catch (IOException e) {
            LOG.warn("cannot check {} and {} for changes: {}", certificateFile, keyFile, e.toString());
            return false;
        }
        if (certificateStamp.equals(old.certificateStamp()) && keyStamp.equals(old.keyStamp())) {
            return false;
        }
        try {
            current = load(certificateFile, keyFile, certificateStamp, keyStamp);
            LOG.info("reloaded TLS certificate: {}", current.key());
            return true;
        } catch (TlsMaterialException e) {
            // Remember these versions so that broken files are not re-read on every check.
            current = new Material(old.key(), old.context(), certificateStamp, keyStamp);
            LOG.warn("{}; still serving {}", e.getMessage(), old.key());
            return false;
        }
    }

    private Material material() {
        long now = clock.millis();
        if (now >= nextCheckMillis && checking.compareAndSet(false, true)) {
            try {
                nextCheckMillis = now + reloadIntervalMillis;
                reloadIfChanged();
            } finally {
                checking.set(false);
            }
        }
        return current;
    }

    private static Material load(Path certificateFile, Path keyFile, FileStamp certificateStamp, FileStamp keyStamp) {
        CertifiedKey key = CertifiedKey.load(certificateFile, keyFile);
        return new Material(key, key.newSslContext(), certificateStamp, keyStamp);
    }

    @Override
    public String toString() {
        return "ServerTls[" + current.key() + (certificateFile != null ? ", from " + certificateFile : "") + "]";
    }

    /** Settings for {@link ServerTls}, validated in {@link #build()}. */
    public static final class Builder {
        private Path certificateFile;
        private Path keyFile;
        private CertifiedKey certifiedKey;
        private Clock clock = Clock.systemUTC();
        private Duration reloadInterval = Duration.ofMinutes(1);
        private List<String> protocols = PROTOCOLS;
        private List<String> cipherSuites;

        private Builder() {
        }

        /** PEM files to read now and re-read when they change; they may be the same file. */
        public Builder files(Path certificateFile, Path keyFile) {
            this.certificateFile = Objects.requireNonNull(certificateFile, "certificateFile");
            this.keyFile = Objects.requireNonNull(keyFile, "keyFile");
            return this;
        }

        /** Fixed material instead of files. */
        public Builder certifiedKey(CertifiedKey certifiedKey) {
            this.certifiedKey = Objects.requireNonNull(certifiedKey, "certifiedKey");
            return this;
        }

        /** Time source for the reload interval. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How often, at most, the files are checked for changes; zero checks on every new engine. */
        public Builder reloadInterval(Duration reloadInterval) {
            this.reloadInterval = Objects.requireNonNull(reloadInterval, "reloadInterval");
            return this;
        }

        /** A subset of {@link #PROTOCOLS}, such as TLS 1.3 alone. */
        public Builder protocols(String... protocols) {
            this.protocols = List.of(protocols);
            return this;
        }

        /** Cipher suites in preference order, each supported by the running JDK. */
        public Builder cipherSuites(String... cipherSuites) {
            this.cipherSuites = List.of(cipherSuites);
            return this;
        }

        /**
         * Reads the files (if given) and returns the TLS side.
         *
         * @throws IllegalArgumentException for inconsistent settings, naming the setting
         * @throws TlsMaterialException if the files cannot be used, naming file and problem
         */
        public ServerTls build() {
            if ((certificateFile == null) == (certifiedKey == null)) {
                throw new IllegalArgumentException("give either files or a certifiedKey");
            }
            if (reloadInterval.isNegative()) {
                throw new IllegalArgumentException("reloadInterval must not be negative: " + reloadInterval);
            }
            if (protocols.isEmpty() || !PROTOCOLS.containsAll(protocols)) {
                throw new IllegalArgumentException("protocols must be TLSv1.3 and/or TLSv1.2, not " + protocols);
            }
            if (cipherSuites != null && cipherSuites.isEmpty()) {
                throw new IllegalArgumentException("cipherSuites must not be empty");
            }
            Material first;
            if (certifiedKey != null) {
                first = new Material(certifiedKey, certifiedKey.newSslContext(), FileStamp.MISSING, FileStamp.MISSING);
            } else {
                try {
                    first = load(certificateFile, keyFile, FileStamp.of(certificateFile), FileStamp.of(keyFile));
                } catch (IOException e) {
                    throw new TlsMaterialException("cannot read " + certificateFile + " or " + keyFile + ": " + e, e);
                }
            }
            return new ServerTls(this, first);
        }
    }
}
