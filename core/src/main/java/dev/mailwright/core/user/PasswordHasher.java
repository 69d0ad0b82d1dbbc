package dev.mailwright.core.user;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hashes passwords with argon2id (RFC 9106) into PHC strings, and verifies stored hashes.
 *
 * <p>The defaults, 19 MiB of memory, 2 passes and 1 lane, are the first of OWASP's
 * equivalent argon2id configurations (Password Storage Cheat Sheet). We take the
 * lowest-memory end of that range on purpose: a mail server verifies a password for every
 * SMTP AUTH and IMAP LOGIN, often from many clients at once, and each verification holds
 * its memory for its whole run, so memory per verification bounds how many can run side by
 * side. Higher settings suit a host with memory to spare; the parameters travel inside each
 * hash, so changing them later keeps old hashes valid.
 *
 * <p>Verification accepts, for migration:
 * <ul>
 * <li>argon2id PHC strings {@code $argon2id$v=19$m=…,t=…,p=…$salt$hash} with any parameters
 *     within bounds (at most 1 GiB, 64 passes, 64 lanes);</li>
 * <li>bcrypt {@code $2a$}, {@code $2b$}, {@code $2y$} (htpasswd, Dovecot BLF-CRYPT) up to cost
 *     {@value #MAX_BCRYPT_COST};</li>
 * <li>maddy's {@code bcrypt:$2a$…} and {@code argon2:t:m:p:salt:hash};</li>
 * <li>Dovecot's scheme prefixes {@code {ARGON2ID}}, {@code {BLF-CRYPT}} and {@code {CRYPT}}
 *     in front of the above.</li>
 * </ul>
 * A hash starting with {@code !} or {@code *} marks a locked account (as in shadow(5)): it never
 * matches. Any other format never matches either, and is logged without the hash.
 *
 * <p>Passwords are compared as their UTF-8 bytes, without Unicode normalisation, as Dovecot
 * and maddy do. A password longer than {@value #MAX_PASSWORD_LENGTH} characters never
 * matches. Instances are immutable and thread-safe.
 */
public final class PasswordHasher {

    private static final Logger LOG = LoggerFactory.getLogger(PasswordHasher.class);

    public static final int DEFAULT_MEMORY_KIB = 19_456;
    public static final int DEFAULT_ITERATIONS = 2;
    public static final int DEFAULT_PARALLELISM = 1;
    /** Longest password accepted, in characters. */
    public static final int MAX_PASSWORD_LENGTH = 1024;
    /** Highest bcrypt cost verified; each step doubles the work and 2^18 rounds already take seconds. */
    public static final int MAX_BCRYPT_COST = 18;

    private static final int SALT_LENGTH = 16;
    private static final int HASH_LENGTH = 32;
    private static final int MAX_STORED_LENGTH = 1024;
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$(\\d\\d)\\$[./A-Za-z0-9]{53}");
    private static final Pattern SCHEME_NAME = Pattern.compile("(\\$[a-z0-9-]{1,16}\\$|\\{[A-Za-z0-9.-]{1,20}\\}).*",
            Pattern.DOTALL);

    private final int memoryKiB;
    private final int iterations;
    private final int parallelism;
    private final SecureRandom random;
    /** Slots for password checks running at once; package-private for tests. */
    final Semaphore checks;

    private PasswordHasher(Builder b) {
        this.memoryKiB = b.memoryKiB;
        this.iterations = b.iterations;
        this.parallelism = b.parallelism;
        this.random = b.random != null ? b.random : new SecureRandom();
        this.checks = new Semaphore(b.concurrentChecks, true);
    }

    /** A hasher with the default argon2id parameters. */
    public static PasswordHasher defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public int memoryKiB() {
        return memoryKiB;
    }

    public int iterations() {
        return iterations;
    }

    public int parallelism() {
        return parallelism;
    }

    /**
     * The argon2id PHC string for {@code password} with a fresh random salt.
     *
     * @throws IllegalArgumentException if the password is empty, longer than
     *         {@value #MAX_PASSWORD_LENGTH} characters, or contains NUL (which SASL PLAIN
     *         cannot carry)
     */
    public String hash(String password) {
        byte[] salt = new byte[SALT_LENGTH];
        random.nextBytes(salt);
        return hash(password, salt);
    }

    String hash(String password, byte[] salt) {
        Objects.requireNonNull(password, "password");
        if (password.isEmpty()) {
            throw new IllegalArgumentException("password is empty");
        }
        if (password.length() > MAX_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("password longer than " + MAX_PASSWORD_LENGTH + " characters");
        }
        if (password.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("password contains a NUL character");
        }
        byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
        try {
            return Argon2Hash.compute(bytes, salt, memoryKiB, iterations, parallelism, HASH_LENGTH).toPhc();
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /**
     * A slot for one password check. Each argon2id check holds its whole memory cost (19 MiB
     * by default) while it runs, so a flood of logins must queue rather than run all at once
     * and exhaust the heap.
     */
    private boolean acquireCheck() {
        try {
            return checks.tryAcquire(CHECK_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Whether {@code password} matches {@code storedHash}. Never throws for a malformed,
     * unsupported or hostile stored hash: such a hash simply does not match.
     */
    public boolean verify(String password, String storedHash) {
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(storedHash, "storedHash");
        if (password.length() > MAX_PASSWORD_LENGTH || storedHash.length() > MAX_STORED_LENGTH) {
            return false;
        }
        String hash = withoutDovecotScheme(storedHash);
        if (!acquireCheck()) {
            LOG.warn("too many password checks at once: a login fails rather than wait longer");
            return false;
        }
        byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
        try {
            if (hash.startsWith("$argon2id$")) {
                Argon2Hash argon2 = Argon2Hash.parsePhc(hash);
                if (argon2 != null) {
                    return argon2.matches(bytes);
                }
            } else if (hash.startsWith("argon2:")) {
                Argon2Hash argon2 = Argon2Hash.parseMaddy(hash);
                if (argon2 != null) {
                    return argon2.matches(bytes);
                }
            } else if (isBcrypt(hash)) {
                return OpenBSDBCrypt.checkPassword(bcryptPart(hash), bytes);
            } else if (isLocked(hash)) {
                return false;
            }
            LOG.warn("password hash in an unrecognized or malformed format{}: the login fails", schemeOf(hash));
            return false;
        } catch (RuntimeException e) {
            // The exception text could quote the hash, so only its type is logged.
            LOG.warn("cannot verify a password hash{}: {}", schemeOf(hash), e.getClass().getName());
            return false;
        } finally {
            checks.release();
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /**
     * Whether {@link #verify} understands {@code storedHash}: a well-formed hash in a supported
     * format, or a locked-account marker. Meant for warnings when a users file is loaded.
     */
    public boolean recognizes(String storedHash) {
        if (storedHash.length() > MAX_STORED_LENGTH) {
            return false;
        }
        String hash = withoutDovecotScheme(storedHash);
        return Argon2Hash.parsePhc(hash) != null || Argon2Hash.parseMaddy(hash) != null
                || isBcrypt(hash) || isLocked(hash);
    }

    private static String withoutDovecotScheme(String hash) {
        if (hash.startsWith("{")) {
            int end = hash.indexOf('}');
            if (end > 0) {
                String scheme = hash.substring(1, end).toUpperCase(Locale.ROOT);
                if (scheme.equals("ARGON2ID") || scheme.equals("BLF-CRYPT") || scheme.equals("CRYPT")) {
                    return hash.substring(end + 1);
                }
            }
        }
        return hash;
    }

    private static boolean isBcrypt(String hash) {
        var m = BCRYPT.matcher(bcryptPart(hash));
        if (!m.matches()) {
            return false;
        }
        int cost = Integer.parseInt(m.group(1));
        return cost >= 4 && cost <= MAX_BCRYPT_COST;
    }

    private static String bcryptPart(String hash) {
        return hash.startsWith("bcrypt:") ? hash.substring("bcrypt:".length()) : hash;
    }

    private static boolean isLocked(String hash) {
        return hash.startsWith("!") || hash.startsWith("*");
    }

    /** How long a check waits for a slot before the login fails. */
    private static final Duration CHECK_WAIT = Duration.ofSeconds(30);

    /** The scheme identifier in front of a hash ({@code $1$}, {@code {SSHA}}), which is not secret. */
    private static String schemeOf(String hash) {
        var m = SCHEME_NAME.matcher(hash);
        return m.matches() ? " (" + m.group(1) + ")" : "";
    }

    @Override
    public String toString() {
        return "PasswordHasher[argon2id m=" + memoryKiB + " KiB, t=" + iterations + ", p=" + parallelism + "]";
    }

    /** Argon2id parameters for new hashes, validated in {@link #build()}. */
    public static final class Builder {
        private int memoryKiB = DEFAULT_MEMORY_KIB;
        private int iterations = DEFAULT_ITERATIONS;
        private int parallelism = DEFAULT_PARALLELISM;
        private SecureRandom random;
        private int concurrentChecks = Math.max(2, Runtime.getRuntime().availableProcessors());

        private Builder() {
        }

        /**
         * How many password checks may run at once; more wait (up to 30 seconds, then the
         * login fails). Bounds the memory a flood of logins can take: this many times the
         * memory cost. Default: the number of processors, at least 2.
         */
        public Builder concurrentChecks(int checks) {
            this.concurrentChecks = checks;
            return this;
        }

        /** Memory per hash in KiB, from 8 × parallelism up to 1 GiB. */
        public Builder memoryKiB(int memoryKiB) {
            this.memoryKiB = memoryKiB;
            return this;
        }

        /** Passes over the memory, 1 to 64. */
        public Builder iterations(int iterations) {
            this.iterations = iterations;
            return this;
        }

        /** Lanes, 1 to 64. Bouncy Castle computes them one after another. */
        public Builder parallelism(int parallelism) {
            this.parallelism = parallelism;
            return this;
        }

        /** Source of salts; a new {@link SecureRandom} by default. */
        public Builder random(SecureRandom random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        public PasswordHasher build() {
            if (concurrentChecks < 1) {
                throw new IllegalArgumentException("concurrent password checks must be at least 1: " + concurrentChecks);
            }
            if (iterations < 1 || iterations > Argon2Hash.MAX_ITERATIONS) {
                throw new IllegalArgumentException("argon2id iterations must be 1 to "
                        + Argon2Hash.MAX_ITERATIONS + ": " + iterations);
            }
            if (parallelism < 1 || parallelism > Argon2Hash.MAX_PARALLELISM) {
                throw new IllegalArgumentException("argon2id parallelism must be 1 to "
                        + Argon2Hash.MAX_PARALLELISM + ": " + parallelism);
            }
            if (memoryKiB < 8 * parallelism || memoryKiB > Argon2Hash.MAX_MEMORY_KIB) {
                throw new IllegalArgumentException("argon2id memory must be " + 8 * parallelism + " to "
                        + Argon2Hash.MAX_MEMORY_KIB + " KiB: " + memoryKiB);
            }
            return new PasswordHasher(this);
        }
    }
}
